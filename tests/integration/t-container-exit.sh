# respawnd -- COMMAND exits with the main service's status, as PID 1 and
# not: 0 to 255 as it is, 128 + N after death by signal N (whoever sent
# it), 127 for a command that does not exist, 126 for one that cannot be
# executed, 2 for "--" with no command. (krallin/tini:test/
# run_inner_tests.py, exit codes; Yelp/dumb-init:tests/exit_status_test.py;
# dumb-init:tests/child_processes_test.py, bad exec.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

printf '#!/bin/sh\nexit 0\n' >"$T/noexec"
chmod 644 "$T/noexec"
mkdir "$T/bin"

for mode in $(modes); do
	new_run "$mode"
	for code in 0 1 7 42 126 127 254 255; do
		run_mode -s "$STATE" -- sh -c "exit $code"
		[ "$RC" -eq "$code" ] || fail "$mode: exit $code gave $RC"
		grep -q "exiting with status $code\$" "$T/log" ||
			fail "$mode: no 'exiting with status $code' line"
	done
	[ "$mode" = ns ] && { grep -q '^respawnd\[1\]: ' "$T/log" ||
	    fail "ns: respawnd did not run as PID 1"; }

	# Death by signal N, sent by the service itself: 128 + N.
	for sig in 1 2 3 9 10 11 15; do
		run_mode -s "$STATE" -- sh -c "kill -$sig \$\$"
		[ "$RC" -eq $((128 + sig)) ] ||
			fail "$mode: death by signal $sig gave $RC"
	done
	grep -q "main service ended (signal 11 (SEGV))" "$T/log" ||
		fail "$mode: no 'main service ended' line for SEGV"

	# Death by a signal someone else sent to the main service.
	start_mode -s "$STATE" -- "$BUILD/th-sigrec" "$T/rec.$RUN"
	main=$(ready_pid "$T/rec.$RUN") || exit 1
	track_pid "$main"
	kill -KILL "$main"
	wait_exit 10
	[ "$RC" -eq 137 ] || fail "$mode: main killed from outside: $RC, not 137"

	# exec failures: the shell's codes.
	run_mode -s "$STATE" -- "$T/does-not-exist"
	[ "$RC" -eq 127 ] || fail "$mode: missing command gave $RC"
	grep -q "service main: unable to exec $T/does-not-exist: No such file or directory" \
	    "$T/log" || fail "$mode: no exec error logged"
	opath=$PATH
	PATH="$T/bin:$PATH"
	run_mode -s "$STATE" -- no-such-program-anywhere
	PATH=$opath
	[ "$RC" -eq 127 ] || fail "$mode: command not in PATH gave $RC"
	run_mode -s "$STATE" -- "$T/noexec"
	[ "$RC" -eq 126 ] || fail "$mode: non-executable command gave $RC"
	grep -q "service main: unable to exec $T/noexec: Permission denied" \
	    "$T/log" || fail "$mode: no EACCES logged"
	cp "$T/noexec" "$T/bin/notexec"
	PATH="$T/bin:$PATH"
	run_mode -s "$STATE" -- notexec
	PATH=$opath
	[ "$RC" -eq 126 ] || fail "$mode: non-executable command in PATH gave $RC"
	run_mode -s "$STATE" -- "$T"
	[ "$RC" -eq 126 ] || fail "$mode: a directory as command gave $RC"
done

# Usage: nothing after "--" is an error, exit 2, nothing started.
"$RESPAWND" -- 2>"$T/usage"
rc=$?
[ "$rc" -eq 2 ] || fail "'respawnd --' exited $rc, not 2"
grep -q 'no command after "--"' "$T/usage" || fail "usage: $(cat "$T/usage")"
