# A service that dies while respawnd re-execs is reaped by the new image,
# with its real status, and respawned; no zombie is left.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:victim]
command = $BUILD/th-stamp $T/stamp
restart_delay = 0ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
pid=$(last_pid "$T/stamp")
kill -HUP "$RPID"
kill -KILL "$pid"
wait_lines "$T/stamp" 2
wait_log "service victim: pid $pid killed by signal 9"
wait_log "re-executed"
new=$(last_pid "$T/stamp")
kill -0 "$new" || fail "no live service"
[ "$(count_zombies "$RPID")" -eq 0 ] || fail "zombie left"
[ "$(proc_field "$new" 4)" = "$RPID" ] || fail "new pid not respawnd's child"
stop_respawnd
