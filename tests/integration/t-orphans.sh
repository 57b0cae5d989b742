# An orphan double-forked by a service is reaped by respawnd, and never
# taken for the service.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:forker]
command = $BUILD/th-stamp $T/stamp -o $T/orphan
EOF2
start_respawnd -v -c "$T/c" -s "$T/state"
wait_file "$T/orphan"
orphan=$(cat "$T/orphan")
track_pid "$orphan"
[ "$(proc_field "$orphan" 4)" = "$RPID" ] || fail "orphan not reparented to respawnd"
wait_log "reaped pid $orphan \(exit status 0\), not a service"
wait_gone "$orphan"
[ "$(count_zombies "$RPID")" -eq 0 ] || fail "zombies left"
[ "$(wc -l <"$T/stamp")" -eq 1 ] || fail "service restarted for its orphan"
kill -0 "$(last_pid "$T/stamp")" || fail "service died"
grep -q "service forker: pid" "$T/log" && fail "orphan's exit taken for the service's"
stop_respawnd
