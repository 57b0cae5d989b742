# After a re-exec whose state file cannot be trusted (the test hook
# spoils it), respawnd stops every child it has before it starts any
# service afresh: never two instances of one service at once.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:a]
command = $BUILD/th-sigrec $T/rec -t a
[service:b]
command = $BUILD/th-sigrec $T/rec -t b
EOF2
RESPAWND_TEST_CORRUPT_STATE=1 start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/rec" 2
kill -HUP "$RPID"
wait_log "cannot be trusted after a re-exec: (bad checksum|truncated): stopping every child"
wait_log "every earlier child is gone: starting services"
wait_lines "$T/rec" 6
# Each service: ready, TERM, then ready again, in that order.
for s in a b; do
	seq=$(grep "^$s " "$T/rec" | cut -d' ' -f2 | tr '\n' ' ')
	case "$seq" in
	"ready 15 ready ") ;;
	*) fail "$s: $seq" ;;
	esac
done
[ "$(children_of "$RPID" | wc -l)" -eq 2 ] || fail "not exactly two children"
stop_respawnd
