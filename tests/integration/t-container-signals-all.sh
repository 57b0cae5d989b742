# respawnd -- COMMAND passes every catchable signal it receives but
# SIGCHLD on to the main service (SPEC.md, "Container use"): a sweep of
# every signal th-sigrec can catch and write down (all but KILL, STOP,
# CHLD, the faults ILL, FPE, SEGV, BUS, and glibc's 32 and 33), TERM and
# INT aside (t-container-signals.sh: they also shut down). As PID 1 and
# not. (Yelp/dumb-init:tests/proxies_signals_test.py sends every signal
# from 1 to 31 but KILL, STOP and CHLD.)
#
# After each signal, RTMAX twice as a marker: RTMAX is the highest
# signal, delivered after any other pending one, so once the main service
# has written the second marker down, the signal before it has arrived if
# it ever will. A signal that ends respawnd is noted, and the sweep goes
# on with a new one, so that one run reports every signal at fault.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

# Those that end a process without a handler for them last.
sweep="1 3 10 12 13 14 16 18 20 21 22 23 24 25 26 27 28 29 30"
sweep="$sweep $(seq 34 63 | tr '\n' ' ') 5 31 6"
problems=

start_sweep() {
	new_run "$1"
	rec="$T/rec.$RUN"
	start_mode -s "$STATE" -- "$BUILD/th-sigrec" "$rec" -i 1 -i 3
	main=$(ready_pid "$rec") || exit 1
	track_pid "$main"
	kill -64 "$HPID"
	wait_line "$rec" '^64$'
	markers=1
	reexecs=0
}

marker_back() { has_more_lines "$rec" '^64$' $((markers - 1)); }
marker_or_death() { marker_back || dead "$HPID" || dead "$main"; }

# marker: RTMAX to respawnd, until the main service has it; 1 if not.
marker() {
	kill -64 "$HPID" 2>/dev/null || return 1
	markers=$((markers + 1))
	wait_for 3 marker_or_death && marker_back
}

for mode in $(modes); do
	start_sweep "$mode"
	missing=
	for sig in $sweep; do
		kill -"$sig" "$HPID" 2>/dev/null
		if marker && marker; then
			grep -qx "$sig" "$rec" || missing="$missing $sig"
			n=$(count_log "re-executing")
			[ "$n" -gt "$reexecs" ] &&
				problems="$problems; $mode: SIG$(kill -l "$sig") made respawnd re-exec: $(grep "re-executing" "$T/log" | tail -n 1)"
			reexecs=$n
			continue
		fi
		# No marker came back: respawnd or the main service is gone.
		missing="$missing $sig"
		if dead "$HPID"; then
			wait_exit 5
			problems="$problems; $mode: SIG$(kill -l "$sig") ended respawnd (exit status $RC)"
		else
			problems="$problems; $mode: no marker after SIG$(kill -l "$sig") (respawnd state $(proc_state "$HPID"), main state $(proc_state "$main"))"
			kill -KILL "$HPID"
			wait_exit 5
		fi
		kill -KILL "$main" 2>/dev/null
		start_sweep "$mode"
	done
	[ -n "$missing" ] && problems="$problems; $mode: not passed on:$missing"
	kill -TERM "$HPID"
	wait_exit 10
	[ "$RC" -eq 143 ] || problems="$problems; $mode: exit status $RC after SIGTERM"
done
[ -z "$problems" ] || fail "${problems#; }"
