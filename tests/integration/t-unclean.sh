# respawnd killed outright (SIGKILL) and started again runs no second
# instance of a service: it finds the survivor through the state file,
# supervises it, and starts the service again only once it has exited.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:lone]
command = $BUILD/th-stamp $T/stamp
restart_delay = 0ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
pid=$(last_pid "$T/stamp")
track_group "$pid"
wait_file "$T/state"
wait_for 5 grep -q "pid=$pid .*cmd=[0-9a-f]*[1-9a-f]" "$T/state" || fail "state file not current"
kill -KILL "$RPID"
wait "$RPID" 2>/dev/null
RPID=
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service lone: pid $pid of an earlier respawnd still runs: supervising it"
[ "$(wc -l <"$T/stamp")" -eq 1 ] || fail "a second instance was started"
kill -USR1 "$RPID"
wait_log "service lone: running, pid $pid"
kill -KILL "$pid"
wait_log "service lone: pid $pid exited \(status unknown"
wait_lines "$T/stamp" 2
new=$(last_pid "$T/stamp")
[ "$(proc_field "$new" 4)" = "$RPID" ] || fail "the new instance is not respawnd's child"
stop_respawnd
