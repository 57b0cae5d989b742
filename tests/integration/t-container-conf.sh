# A main service among configured ones, given after "--" with -c or named
# by "main = NAME": when it ends and is not to be restarted, or is given
# up, respawnd stops every other service (by priority) and exits with the
# main's status; with restart = on-failure it is restarted after a failing
# exit, and only its give-up ends respawnd. As PID 1 and not.
# (krallin/tini:test/run_inner_tests.py exit codes; tini's -R respawn
# modes; Yelp/dumb-init:tests/child_processes_test.py.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

# order_ok FIRST SECOND: FIRST's first log line comes before SECOND's.
order_ok() {
	awk -v a="$1" -v b="$2" '
		$0 ~ a && !x { x = NR }
		$0 ~ b && !y { y = NR }
		END { exit !(x && y && x < y) }' "$T/log"
}

for mode in $(modes); do
	# -c FILE -- COMMAND: the command is the main service.
	new_run "$mode"
	r="$T/r$RUN"
	mkdir "$r"
	conf "c$RUN" <<EOF2
[service:db]
command = $BUILD/th-sigrec $r/db
priority = 10
[service:web]
command = $BUILD/th-sigrec $r/web
EOF2
	start_mode -c "$T/c$RUN" -s "$STATE" -- sh -c "
		while ! grep -q ready $r/db || ! grep -q ready $r/web; do
			sleep 0.01
		done
		exit 7"
	wait_exit 10
	[ "$RC" -eq 7 ] || fail "$mode: -c and --: exit status $RC, not 7"
	grep -q "service main: main service ended (exit status 7): stopping the others" \
	    "$T/log" || fail "$mode: no 'main service ended' line"
	grep -qx 15 "$r/db" || fail "$mode: db not stopped"
	grep -qx 15 "$r/web" || fail "$mode: web not stopped"
	order_ok "service web: stopped" "service db: sending TERM" ||
		fail "$mode: db (priority 10) stopped before web (100)"
	grep -q "exiting with status 7" "$T/log" || fail "$mode: no exit line"

	# main = NAME, restart = on-failure: restarted, then given up.
	new_run "$mode"
	r="$T/r$RUN"
	mkdir "$r"
	conf "c$RUN" <<EOF2
[respawnd]
main = app
[service:app]
command = $BUILD/th-stamp $r/stamp -x 3
restart = on-failure
restart_delay = 50ms
max_restarts = 2
[service:side]
command = $BUILD/th-sigrec $r/side
priority = 50
EOF2
	start_mode -c "$T/c$RUN" -s "$STATE"
	wait_exit 10
	[ "$RC" -eq 3 ] || fail "$mode: main = app: exit status $RC, not 3"
	[ "$(wc -l <"$r/stamp")" -eq 3 ] ||
		fail "$mode: app ran $(wc -l <"$r/stamp") times, not 3"
	grep -q "service app: restarting in 50ms (restart 1)" "$T/log" ||
		fail "$mode: no first restart"
	grep -q "service app: restarting in 100ms (restart 2)" "$T/log" ||
		fail "$mode: no second restart"
	grep -q "service app: giving up after 2 restarts in a row: failed" "$T/log" ||
		fail "$mode: no give-up"
	grep -q "service app: main service ended (exit status 3)" "$T/log" ||
		fail "$mode: no 'main service ended' line"
	order_ok "service app: giving up" "service side: sending TERM" ||
		fail "$mode: side stopped before app was given up"
	[ "$(grep -c ready "$r/side")" -eq 1 ] || fail "$mode: side restarted"
	grep -qx 15 "$r/side" || fail "$mode: side not stopped"
done

# main = NAME, restart = on-failure, a success: not restarted, the others
# are stopped, exit 0.
new_run host
r="$T/r$RUN"
mkdir "$r"
conf "c$RUN" <<EOF2
[respawnd]
main = app
[service:app]
command = sh -c 'while ! grep -q ready $r/side; do sleep 0.01; done; exit 0'
restart = on-failure
[service:side]
command = $BUILD/th-sigrec $r/side
EOF2
start_mode -c "$T/c$RUN" -s "$STATE"
wait_exit 10
[ "$RC" -eq 0 ] || fail "main = app, success: exit status $RC, not 0"
grep -q "service app: not restarting (restart = on-failure)" "$T/log" ||
	fail "no 'not restarting' line"
grep -qx 15 "$r/side" || fail "side not stopped"
