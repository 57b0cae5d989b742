# Given a terminal (script(1) makes one), respawnd -- COMMAND makes the
# main service the terminal's foreground process group (/proc field 8,
# tpgid, is the main's pgid; respawnd stays in the background): the main
# service reads from the terminal without being stopped, and a ^C typed
# there reaches it, not respawnd, which exits with its status, 130. As
# PID 1 and not; no signal but the ^C reaches the main service.
# (Yelp/dumb-init:tests/tty_test.py, tests/test-tty; krallin/tini:
# src/tini.c, isolate_child's tcsetpgrp.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

command -v script >/dev/null 2>&1 || { echo "skip: no script(1)"; exit 0; }
SHELL=/bin/sh
export SHELL

# tty_cmd ARG...: the command line script(1) runs: respawnd ARG..., as
# PID 1 in ns mode.
tty_cmd() {
	if [ "$MODE" = ns ]; then
		echo "exec unshare --pid --fork --mount-proc $RESPAWND $*"
	else
		echo "exec $RESPAWND $*"
	fi
}

# find_tty_respawnd: true once respawnd runs under script (and unshare).
find_tty_respawnd() {
	top=$(kids "$RPID")
	[ -n "$top" ] || return 1
	if [ "$MODE" = ns ]; then
		HPID=$(kids "$top")
	else
		HPID=$top
	fi
	[ -n "$HPID" ] &&
	    [ "$(readlink "/proc/$HPID/exe" 2>/dev/null)" = "$(readlink -f "$RESPAWND")" ]
}

for mode in $(modes); do
	# The main service is the foreground process group.
	new_run "$mode"
	env="$T/env.$RUN"
	script -qec "$(tty_cmd -s "$STATE" -- "$BUILD/th-env" "$env")" /dev/null \
	    </dev/null >"$T/log" 2>&1 &
	RPID=$!
	wait_for 5 find_tty_respawnd || fail "$mode: no respawnd under script"
	track_pid "$HPID"
	wait_file "$env"
	main=$(kids "$HPID")
	track_group "$main"
	tty=$(proc_field "$HPID" 7)
	[ "$tty" != 0 ] || fail "$mode: respawnd has no controlling terminal"
	[ "$(proc_field "$main" 7)" = "$tty" ] || fail "$mode: main is on another terminal"
	[ "$(proc_field "$main" 5)" = "$main" ] || fail "$mode: main not in a group of its own"
	[ "$(proc_field "$main" 8)" = "$main" ] ||
		fail "$mode: foreground group $(proc_field "$main" 8), main's $main"
	[ "$(proc_field "$HPID" 5)" != "$(proc_field "$HPID" 8)" ] ||
		fail "$mode: respawnd kept the foreground"
	grep -q "^stdin /dev/pts/" "$env" || fail "$mode: main's $(grep stdin "$env")"
	kill -TERM "$HPID"
	wait_exit 10
	[ "$RC" -eq 143 ] || fail "$mode: SIGTERM: exit status $RC, not 143"

	# The main service reads from the terminal.
	new_run "$mode"
	out="$T/read.$RUN"
	printf 'hello\n' | timeout -k 2 20 script -qec \
	    "$(tty_cmd -s "$STATE" -- sh -c "'read x; echo got \$x >$out; exit 5'")" \
	    /dev/null >"$T/log" 2>&1
	RC=$?
	[ "$RC" -eq 5 ] || fail "$mode: reading main: exit status $RC, not 5"
	grep -qx "got hello" "$out" || fail "$mode: main read '$(cat "$out" 2>/dev/null)'"

	# ^C on the terminal: SIGINT to the foreground group, the main service.
	new_run "$mode"
	rec="$T/rec.$RUN"
	{
		wait_for 5 grep -qs '^ready' "$rec"
		printf '\003'
		wait_for 5 grep -qsx 2 "$rec"
	} | timeout -k 2 20 script -qec \
	    "$(tty_cmd -s "$STATE" -- "$BUILD/th-sigrec" "$rec")" /dev/null >"$T/log" 2>&1
	RC=$?
	[ "$RC" -eq 130 ] || fail "$mode: ^C: exit status $RC, not 130"
	grep -qx 2 "$rec" || fail "$mode: main got no SIGINT"
	# Nor any other: no SIGHUP or SIGCONT from handing the terminal over
	# (Yelp/dumb-init#136).
	[ "$(grep -E '^[0-9]+$' "$rec" | tr '\n' ' ')" = "2 " ] ||
		fail "$mode: main got $(grep -E '^[0-9]+$' "$rec" | tr '\n' ' ')"
	if grep -q "SIGINT: shutting down" "$T/log"; then
		fail "$mode: respawnd itself got the ^C"
	fi
done
