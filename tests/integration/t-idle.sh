# With 100 services running and nothing due, respawnd does not wake up:
# its context switch counts do not move over 5 seconds.
. "$(dirname "$0")/lib.sh"

i=0
while [ $i -lt 100 ]; do
	printf '[service:s%d]\ncommand = %s/th-stamp %s/stamp\n' $i "$BUILD" "$T" >>"$T/c"
	i=$((i + 1))
done
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 100 20
wait_log "started, pid" 5
switches() {
	awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$RPID/status"
}
# Past the last start, the loop goes to sleep; wait until it has.
settled() {
	a=$(switches)
	sleep 0.2
	[ "$(switches)" -eq "$a" ]
}
wait_for 10 settled || fail "respawnd never went quiet"
before=$(switches)
sleep 5	# the observation window itself, not a synchronisation
after=$(switches)
[ "$after" -eq "$before" ] || fail "respawnd woke up $((after - before)) times in 5 s"
stop_respawnd 20
