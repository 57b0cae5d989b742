# max_parallel_starts = 1: one spawn per loop iteration, in priority
# order, and all are started in the end.
. "$(dirname "$0")/lib.sh"

{
	printf '[respawnd]\nmax_parallel_starts = 1\n'
	for p in 30 10 20 50 40; do
		printf '[service:p%d]\ncommand = %s/th-stamp %s/stamp\npriority = %d\n' $p "$BUILD" "$T" $p
	done
} >"$T/c"
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 5
order=$(awk '/service p[0-9]+: started/ { sub(":", "", $4); printf "%s ", $4 }' "$T/log")
[ "$order" = "p10 p20 p30 p40 p50 " ] || fail "start order: $order"
stop_respawnd
