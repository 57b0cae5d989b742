# SIGUSR1 logs one line per service: name, state, pid, uptime, restarts,
# last exit.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:up]
command = $BUILD/th-stamp $T/up
[service:waiting]
command = $BUILD/th-stamp $T/w -x 7
restart_delay = 1h
restart_delay_max = 2h
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/up" 1
wait_log "service waiting: restarting in 1h0m"
kill -USR1 "$RPID"
wait_log "info: service up: running, pid $(last_pid "$T/up"), up [0-9.]+m?s, 0 restarts, last exit none"
wait_log "info: service waiting: backoff, pid 0, up -, 0 restarts, last exit exit status 7"
stop_respawnd
