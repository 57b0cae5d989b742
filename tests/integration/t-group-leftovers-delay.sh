# Leftovers in a service's group, then a restart after a delay: the stop
# timeout and the restart delay share the service's one timer, which must
# move, not be queued twice (that once crashed respawnd).
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:leaky]
command = $BUILD/th-stamp $T/stamp -g $T/child -x 1
restart_delay = 50ms
max_restarts = 3
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service leaky: giving up after 3 restarts" 10
[ "$(wc -l <"$T/stamp")" -eq 4 ] || fail "$(wc -l <"$T/stamp") runs, not 4"
for child in $(cat "$T/child"); do
	not_alive "$child" || fail "leftover $child survived"
done
grep -q "caught SIG" "$T/log" && fail "respawnd crashed"
[ "$(count_log "sending TERM to what is left of group")" -eq 4 ] || fail "leftovers not stopped each time"
kill -USR1 "$RPID"
wait_log "service leaky: failed, pid 0"
stop_respawnd
