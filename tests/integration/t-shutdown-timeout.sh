# shutdown_timeout bounds the whole shutdown, whatever stop_timeout says.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[respawnd]
shutdown_timeout = 500ms
[service:stubborn]
command = $BUILD/th-stamp $T/stamp -i 15
stop_timeout = 1h
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
pid=$(last_pid "$T/stamp")
kill -TERM "$RPID"
wait_log "shutdown_timeout reached: killing what is left"
wait_exit 5
[ "$RC" -eq 0 ] || fail "exit status $RC"
not_alive "$pid" || fail "service still alive"
