# A service writing numbered lines to a relayed file loses none across
# 50 SIGHUPs.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:chatty]
command = $BUILD/th-spew -u 100
stdout = out.log
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/out.log" 10
pid=$(head -n 1 "$T/out.log" | cut -d' ' -f1)
i=0
while [ $i -lt 50 ]; do
	hup_and_wait
	i=$((i + 1))
done
stop_respawnd 20
awk -v p="$pid" '
	$1 != p { print "line from another pid: " $0; bad = 1; next }
	$2 != last + 1 { print "line " $2 " after " last; bad = 1 }
	{ last = $2 }
	END { if (last < 100) { print "only " last " lines"; bad = 1 }; exit bad }' "$T/out.log" ||
	fail "lines lost"
