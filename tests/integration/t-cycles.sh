# 1,000 kill/respawn cycles leave no zombie and no extra open fd.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:victim]
command = $BUILD/th-stamp $T/stamp
restart_delay = 0ms
stdout = out.log
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
fds_before=$(ls "/proc/$RPID/fd" | wc -l)
"$BUILD/th-cycle" "$T/stamp" 1000 $((5 * SLOW * 1000)) >"$T/cycles" || fail "cycles: $(cat "$T/cycles")"
[ "$(wc -l <"$T/stamp")" -eq 1001 ] || fail "$(wc -l <"$T/stamp") starts, not 1001"
fds_after=$(ls "/proc/$RPID/fd" | wc -l)
[ "$fds_after" -eq "$fds_before" ] || fail "open fds went from $fds_before to $fds_after"
[ "$(count_zombies "$RPID")" -eq 0 ] || fail "zombies left"
stop_respawnd
echo "$(cat "$T/cycles")"
