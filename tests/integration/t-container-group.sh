# respawnd -- COMMAND runs the main service in a process group of its own
# inside respawnd's session (/proc fields 5 and 6), in respawnd's working
# directory, with default signal dispositions and an empty mask even when
# respawnd itself was started with signals ignored (as a shell starts a
# background job); a signal respawnd inherited ignored still reaches the
# main service. SIGTERM goes to the main service's whole group; what is
# left of that group when the main process exits is stopped before
# respawnd exits with the main's status. As PID 1 and not.
# (krallin/tini:test/pgroup and test/sigconf; Yelp/dumb-init:tests/
# child_processes_test.py, tests/cwd_test.py, tests/shell_background_test.py.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

mkdir "$T/wd"
# As "cmd &" in a shell script: INT and QUIT ignored; TTOU too.
cat >"$T/ign" <<'EOF2'
#!/bin/sh
trap '' INT QUIT TTOU
exec "$@"
EOF2
chmod 755 "$T/ign"

only_child() { [ "$(kids "$HPID" | wc -l)" -eq 1 ]; }

for mode in $(modes); do
	# Group, session, directory, dispositions.
	new_run "$mode"
	env="$T/env.$RUN"
	cd "$T/wd" || fail "cd"
	if [ "$mode" = ns ]; then
		"$T/ign" unshare --pid --fork --mount-proc "$RESPAWND" -s "$STATE" \
		    -- "$BUILD/th-env" "$env" 2>>"$T/log" &
		RPID=$!
		wait_for 5 find_child || fail "no respawnd under unshare"
		track_pid "$HPID"
	else
		"$T/ign" "$RESPAWND" -s "$STATE" -- "$BUILD/th-env" "$env" 2>>"$T/log" &
		RPID=$!
		HPID=$RPID
	fi
	cd "$T" || fail "cd"
	wait_file "$env"
	wait_for 5 only_child || fail "$mode: respawnd has $(kids "$HPID" | wc -l) children"
	main=$(kids "$HPID")
	track_group "$main"
	[ "$(proc_field "$main" 5)" = "$main" ] ||
		fail "$mode: main's group is $(proc_field "$main" 5), not its own $main"
	[ "$(proc_field "$main" 6)" = "$(proc_field "$HPID" 6)" ] ||
		fail "$mode: main's session $(proc_field "$main" 6), respawnd's $(proc_field "$HPID" 6)"
	[ "$(proc_field "$main" 5)" != "$(proc_field "$HPID" 5)" ] ||
		fail "$mode: main shares respawnd's process group"
	grep -qx "cwd $T/wd" "$env" || fail "$mode: $(grep cwd "$env")"
	grep -qx "sigign 0000000000000000" "$env" || fail "$mode: main has $(grep sigign "$env")"
	grep -qx "sigblk 0000000000000000" "$env" || fail "$mode: main has $(grep sigblk "$env")"
	# respawnd got INT ignored, and yet passes it on: the main dies of it.
	kill -INT "$HPID"
	wait_exit 10
	[ "$RC" -eq 130 ] || fail "$mode: SIGINT: exit status $RC, not 130"

	# SIGTERM: the main service's whole group hears it.
	new_run "$mode"
	r="$T/group.$RUN"
	start_mode -s "$STATE" -- sh -c "
		$BUILD/th-sigrec $r.a &
		$BUILD/th-sigrec $r.b &
		wait"
	a=$(ready_pid "$r.a") || exit 1
	b=$(ready_pid "$r.b") || exit 1
	track_group "$(proc_field "$a" 5)"
	kill -TERM "$HPID"
	wait_exit 10
	[ "$RC" -eq 143 ] || fail "$mode: group TERM: exit status $RC, not 143"
	grep -qx 15 "$r.a" || fail "$mode: first member of the group got no SIGTERM"
	grep -qx 15 "$r.b" || fail "$mode: second member of the group got no SIGTERM"
	{ not_alive "$a" && not_alive "$b"; } || fail "$mode: a member survived"

	# The main process exits: what is left of its group is stopped, then
	# respawnd exits with the main's status.
	new_run "$mode"
	r="$T/left.$RUN"
	start_mode -s "$STATE" -- sh -c "
		$BUILD/th-sigrec $r &
		while [ ! -e $r.go ]; do sleep 0.01; done
		exit 3"
	left=$(ready_pid "$r") || exit 1
	track_pid "$left"
	touch "$r.go"
	wait_exit 10
	[ "$RC" -eq 3 ] || fail "$mode: exit status $RC, not the main's 3"
	grep -qx 15 "$r" || fail "$mode: the main's leftover got no SIGTERM"
	grep -q "service main: sending TERM to what is left of group" "$T/log" ||
		fail "$mode: leftovers not stopped"
	not_alive "$left" || fail "$mode: leftover $left survived"
done
