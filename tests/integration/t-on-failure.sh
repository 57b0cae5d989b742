# restart = on-failure: success codes end the service, others and
# signals respawnd did not send restart it.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:ok]
command = $BUILD/th-stamp $T/ok -x 3
restart = on-failure
success_exit_codes = 0 3
restart_delay = 0ms
[service:bad]
command = $BUILD/th-stamp $T/bad -x 4
restart = on-failure
success_exit_codes = 0 3
restart_delay = 0ms
max_restarts = 2
[service:sig]
command = $BUILD/th-stamp $T/sig
restart = on-failure
restart_delay = 0ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service ok: not restarting \(restart = on-failure\)"
wait_log "service bad: giving up after 2 restarts"
[ "$(wc -l <"$T/bad")" -eq 3 ] || fail "bad ran $(wc -l <"$T/bad") times, not 3"
[ "$(wc -l <"$T/ok")" -eq 1 ] || fail "ok ran more than once"
wait_lines "$T/sig" 1
kill -USR1 "$(last_pid "$T/sig")"
wait_lines "$T/sig" 2
wait_log "service sig: pid [0-9]+ killed by signal 10 \(USR1\)"
stop_respawnd
# What respawnd stopped itself is not a failure, whatever the signal.
[ "$(wc -l <"$T/sig")" -eq 2 ] || fail "sig restarted after the stop"
