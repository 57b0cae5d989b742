# Output to a file goes through respawnd's pipe: no line is lost when
# the file is moved away and reopened (SIGUSR2), nor when the service is
# killed and restarted while writing.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:chatty]
command = $BUILD/th-spew -u 200 -e
stdout = out.log
stderr = stdout
restart_delay = 0ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/out.log" 50
mv "$T/out.log" "$T/out.log.1"
kill -USR2 "$RPID"
wait_log "SIGUSR2: reopening output files"
wait_lines "$T/out.log" 50
for round in 1 2 3; do
	pid=$(tail -n 1 "$T/out.log" | cut -d' ' -f1)
	kill -KILL "$pid"
	wait_log "restarting now \(restart $round\)"
	wait_for 5 sh -c "tail -n 1 '$T/out.log' | grep -qv '^$pid '" ||
		fail "no output from a new pid after round $round"
done
mv "$T/out.log" "$T/out.log.2"
kill -USR2 "$RPID"
wait_lines "$T/out.log" 20
stop_respawnd
cat "$T/out.log.1" "$T/out.log.2" "$T/out.log" >"$T/all"
# Each pid's lines are 1, 2, 3 ... with no gap, whatever file they are in.
awk '
	$0 !~ /^[0-9]+ [0-9]+$/ { print "malformed line: " $0; bad = 1; next }
	{ if ($2 != seen[$1] + 1) { print "pid " $1 ": line " $2 " after " seen[$1]; bad = 1 }
	  seen[$1] = $2 }
	END { n = 0; for (p in seen) n++; if (n < 4) { print n " pids"; bad = 1 }; exit bad }' "$T/all" ||
	fail "lines lost or out of order"
