# A service that ignores its stop signal is killed after stop_timeout.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:stubborn]
command = $BUILD/th-stamp $T/stamp -i 15
stop_timeout = 300ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
pid=$(last_pid "$T/stamp")
kill -TERM "$RPID"
wait_log "service stubborn: sending TERM to group $pid"
wait_log "service stubborn: still running after stop_timeout 300ms"
wait_log "service stubborn: sending KILL to group $pid"
wait_log "service stubborn: pid $pid killed by signal 9"
wait_exit
[ "$RC" -eq 0 ] || fail "exit status $RC"
not_alive "$pid" || fail "service still alive"
