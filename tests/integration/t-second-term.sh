# A second SIGTERM during shutdown kills everything at once.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:stubborn]
command = $BUILD/th-stamp $T/stamp -i 15
stop_timeout = 1h
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
pid=$(last_pid "$T/stamp")
kill -TERM "$RPID"
wait_log "service stubborn: sending TERM"
kill -INT "$RPID"
wait_log "second SIGINT: killing everything"
wait_log "service stubborn: sending KILL"
wait_exit 5
[ "$RC" -eq 0 ] || fail "exit status $RC"
not_alive "$pid" || fail "service still alive"
