# A main service that ignores SIGTERM: respawnd -- COMMAND kills it
# stop_timeout (10 s) after the SIGTERM it passed on, at once on a second
# SIGTERM, or when shutdown_timeout cuts the shutdown short; in every path
# respawnd exits with the main's status, 137. As PID 1 and not; the 10 s
# runs go side by side. (krallin/tini:test/run_outer_tests.py, "docker
# stop"; Yelp/dumb-init:tests/exit_status_test.py, SIGKILL.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

for mode in $(modes); do
	# A second SIGTERM: SIGKILL at once.
	new_run "$mode"
	start_mode -s "$STATE" -- "$BUILD/th-stamp" "$T/stamp.$RUN" -i 15
	wait_lines "$T/stamp.$RUN" 1
	kill -TERM "$HPID"
	wait_log "service main: sending TERM to group"
	kill -TERM "$HPID"
	wait_log "second SIGTERM: killing everything"
	wait_exit 5
	[ "$RC" -eq 137 ] || fail "$mode: second SIGTERM: exit status $RC, not 137"

	# shutdown_timeout, with -c: what is alive then gets SIGKILL.
	new_run "$mode"
	conf "c$RUN" <<EOF2
[respawnd]
shutdown_timeout = 500ms
EOF2
	start_mode -c "$T/c$RUN" -s "$STATE" -- "$BUILD/th-stamp" "$T/stamp.$RUN" -i 15
	wait_lines "$T/stamp.$RUN" 1
	kill -TERM "$HPID"
	wait_log "shutdown_timeout reached: killing"
	wait_exit 5
	[ "$RC" -eq 137 ] || fail "$mode: shutdown_timeout: exit status $RC, not 137"
done

# stop_timeout: 10 s after the SIGTERM, SIGKILL. One run per mode, all
# at once: each respawnd's pid, unshare's pid, start time and log.
set -- $(modes)
for mode do
	new_run "$mode"
	start_mode -s "$STATE" -- "$BUILD/th-stamp" "$T/stamp.$RUN" -i 15
	track_pid "$RPID"
	# Its log is open before the next run moves it aside.
	wait_log "service main: started"
	eval "h_$mode=$HPID r_$mode=$RPID run_$mode=$RUN"
done
for mode do
	eval "h=\$h_$mode r=\$run_$mode"
	wait_lines "$T/stamp.$r" 1
	eval "t_$mode=$(now_ns)"
	kill -TERM "$h"
done
for mode do
	eval "RPID=\$r_$mode h=\$h_$mode t=\$t_$mode r=\$run_$mode"
	wait_exit 20
	elapsed=$(ms_since "$t")
	log="$T/log"
	[ "$r" -eq "$RUN" ] || log="$T/log.$r"
	[ "$RC" -eq 137 ] || fail "$mode: stop_timeout: exit status $RC, not 137"
	[ "$elapsed" -ge 9500 ] || fail "$mode: killed after ${elapsed}ms, before stop_timeout"
	grep -qE "service main: still running after stop_timeout 10(\.0)?s" "$log" ||
		fail "$mode: no stop_timeout line in $log"
	grep -q "service main: sending KILL" "$log" || fail "$mode: no KILL line"
	grep -q "service main: pid [0-9]* killed by signal 9 (KILL)" "$log" ||
		fail "$mode: main not killed"
done
