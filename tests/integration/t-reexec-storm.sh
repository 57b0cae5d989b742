# 200 SIGHUPs in a row while services are being killed: in the end the
# same services run, one process each, and no zombie is left.
. "$(dirname "$0")/lib.sh"

for i in 1 2 3 4 5; do
	printf '[service:s%d]\ncommand = %s/th-stamp %s/s%d\nrestart_delay = 0ms\n' $i "$BUILD" "$T" $i >>"$T/c"
done
start_respawnd -c "$T/c" -s "$T/state"
for i in 1 2 3 4 5; do wait_lines "$T/s$i" 1; done
n=0
while [ $n -lt 200 ]; do
	kill -HUP "$RPID" || fail "respawnd died at SIGHUP $n"
	if [ $((n % 10)) -eq 0 ]; then
		kill -KILL "$(last_pid "$T/s$((n / 10 % 5 + 1))")" 2>/dev/null
	fi
	n=$((n + 1))
done
# Let the storm settle: a SIGUSR1 answered means the loop runs again.
settled() {
	kill -USR1 "$RPID"
	grep -q "service s5: running" "$T/log" && [ "$(children_of "$RPID" | wc -l)" -eq 5 ]
}
wait_for 60 settled || fail "did not settle: $(children_of "$RPID" | wc -l) children"
for i in 1 2 3 4 5; do
	pid=$(last_pid "$T/s$i")
	kill -0 "$pid" || fail "s$i: its last pid $pid is dead"
	[ "$(proc_field "$pid" 4)" = "$RPID" ] || fail "s$i not respawnd's child"
done
[ "$(count_zombies "$RPID")" -eq 0 ] || fail "zombies left"
echo "re-execs: $(reexec_count)"
stop_respawnd 20
