# respawnd -- COMMAND passes the signals it gets on to the main service,
# SIGHUP included (no re-exec in this form); SIGTERM and SIGINT reach the
# main service too and respawnd exits with its status (128 + N); SIGTSTP,
# SIGTTIN and SIGTTOU never stop respawnd. As PID 1 and not.
# (krallin/tini:test/run_inner_tests.py and test/signals; Yelp/dumb-init:
# tests/proxies_signals_test.py, tests/shell_background_test.py.)
# t-container-signals-all.sh sweeps every catchable signal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

# HUP QUIT USR1 USR2 ALRM CONT URG WINCH RTMIN RTMIN+5 RTMAX
passed="1 3 10 12 14 18 23 28 34 39 64"

for mode in $(modes); do
	new_run "$mode"
	rec="$T/rec.$RUN"
	# -i: th-sigrec writes HUP and QUIT down and lives on.
	start_mode -s "$STATE" -- "$BUILD/th-sigrec" "$rec" -i 1 -i 3
	main=$(ready_pid "$rec") || exit 1
	track_pid "$main"
	grep -q "^respawnd\[$(log_pid)\]: " "$T/log" ||
		fail "$mode: no log line from respawnd[$(log_pid)]"
	for sig in $passed; do
		kill -"$sig" "$HPID"
		wait_line "$rec" "^$sig\$"
	done
	kill -0 "$main" || fail "$mode: main service died"
	grep -q "re-exec" "$T/log" && fail "$mode: SIGHUP re-executed respawnd"
	for sig in $passed; do
		[ "$(count_lines "$rec" "^$sig\$")" -eq 1 ] ||
			fail "$mode: signal $sig passed $(count_lines "$rec" "^$sig\$") times"
	done

	# Job control signals do not stop respawnd (nor the main service
	# through it). WINCH after each: once the main service has it,
	# respawnd has handled what came before.
	n=1
	for sig in TSTP TTIN TTOU; do
		kill -"$sig" "$HPID"
		kill -WINCH "$HPID"
		n=$((n + 1))
		wait_for 5 has_more_lines "$rec" '^28$' $((n - 1)) ||
			fail "$mode: respawnd did not pass WINCH after SIG$sig (state $(proc_state "$HPID"))"
		[ "$(proc_state "$HPID")" != T ] || fail "$mode: SIG$sig stopped respawnd"
		[ "$(proc_state "$main")" != T ] || fail "$mode: SIG$sig stopped the main service"
	done

	# SIGTERM: the main service gets it, dies of it, respawnd exits 143.
	kill -TERM "$HPID"
	wait_exit 10
	wait_line "$rec" '^15$'
	[ "$RC" -eq 143 ] || fail "$mode: SIGTERM: exit status $RC, not 143"
	grep -q "SIGTERM: shutting down" "$T/log" || fail "$mode: no shutdown line"
	grep -q "exiting with status 143" "$T/log" || fail "$mode: no exit line"

	# SIGINT: the same, 130.
	new_run "$mode"
	rec="$T/rec.$RUN"
	start_mode -s "$STATE" -- "$BUILD/th-sigrec" "$rec"
	main=$(ready_pid "$rec") || exit 1
	track_pid "$main"
	kill -INT "$HPID"
	wait_exit 10
	wait_line "$rec" '^2$'
	[ "$RC" -eq 130 ] || fail "$mode: SIGINT: exit status $RC, not 130"
	not_alive "$main" || fail "$mode: main service alive after SIGINT"
	[ "$(count_lines "$rec" '^[0-9]+$')" -eq 1 ] ||
		fail "$mode: main got more than SIGINT: $(tr '\n' ' ' <"$rec")"
done
