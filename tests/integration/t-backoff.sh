# Backoff: delays measured from the services' own start stamps are never
# shorter than restart_delay * factor^n, and stop growing at the cap.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:crash]
command = $BUILD/th-stamp $T/stamp -x 1
restart_delay = 100ms
backoff_factor = 2
restart_delay_max = 400ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 6 10
stop_respawnd
# Gaps between starts, in ms, against the delays 100 200 400 400 400.
awk 'NR > 1 { printf "%d\n", ($2 - prev) / 1e6 } { prev = $2 }' "$T/stamp" >"$T/gaps"
set -- 100 200 400 400 400
i=0
while read -r gap; do
	i=$((i + 1))
	[ $# -gt 0 ] || break
	want=$1
	shift
	[ "$gap" -ge "$want" ] || fail "restart $i came after ${gap}ms, before its ${want}ms delay"
done <"$T/gaps"
grep -q "restarting in 100ms (restart 1)" "$T/log" || fail "first delay not 100ms"
grep -q "restarting in 200ms (restart 2)" "$T/log" || fail "second delay not 200ms"
grep -q "restarting in 400ms (restart 3)" "$T/log" || fail "third delay not 400ms"
grep -q "restarting in 400ms (restart 4)" "$T/log" || fail "the cap did not hold"
