# respawnd -- COMMAND reaps the orphans of its main service: as PID 1
# they are its own as init's; otherwise it is a subreaper
# (PR_SET_CHILD_SUBREAPER) and they are reparented to it (/proc field 4)
# all the same. Orphans that exit, on their own or killed, leave no
# zombie, and are never taken for the main service. (krallin/tini:test/
# reaping/stage_1.py and stage_2.py; Yelp/dumb-init:tests/test-zombies.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

for mode in $(modes); do
	new_run "$mode"
	o="$T/orphans.$RUN"
	mkdir "$o"
	# 8 orphans that exit on their own once $o/go exists, 8 that sleep
	# until killed; each is a subshell's child, left behind as the
	# subshell exits (before the next one starts). Then the main service
	# becomes th-sigrec and stays.
	script="
		for i in 1 2 3 4 5 6 7 8; do
			(sh -c 'until [ -e $o/go ]; do sleep 0.01; done' &
			 echo \$! >>$o/short)
		done
		for i in 1 2 3 4 5 6 7 8; do (sleep 600 & echo \$! >>$o/long); done
		echo done >$o/done
		exec $BUILD/th-sigrec $o/rec"
	start_mode -v -s "$STATE" -- sh -c "$script"
	main=$(ready_pid "$o/rec") || exit 1
	# The orphans stay in the main service's group: killed with it.
	track_group "$main"
	wait_file "$o/done"
	[ "$(wc -l <"$o/long")" -eq 8 ] || fail "$mode: $(wc -l <"$o/long") long orphans"
	[ "$(wc -l <"$o/short")" -eq 8 ] || fail "$mode: $(wc -l <"$o/short") short orphans"

	# Those that exit on their own are reaped, silently.
	for p in $(cat "$o/short"); do
		h=$(host_pid "$p") || fail "$mode: orphan $p is gone too soon"
		track_pid "$h"
		[ "$(proc_field "$h" 4)" = "$HPID" ] ||
			fail "$mode: orphan $h has parent $(proc_field "$h" 4), not respawnd $HPID"
	done
	touch "$o/go"
	for p in $(cat "$o/short"); do
		wait_log "reaped pid $p \(exit status 0\), not a service"
	done

	# Those still alive are respawnd's children now.
	long=
	for p in $(cat "$o/long"); do
		h=$(host_pid "$p") || fail "$mode: long orphan $p is gone"
		track_pid "$h"
		[ "$(proc_field "$h" 4)" = "$HPID" ] ||
			fail "$mode: orphan $h has parent $(proc_field "$h" 4), not respawnd $HPID"
		long="$long $h"
	done
	kill -TERM $long
	for p in $(cat "$o/long"); do
		wait_log "reaped pid $p \(signal 15 \(TERM\)\), not a service"
	done

	# Nothing is left but the main service: no zombie, no orphan.
	only_main() { [ "$(kids "$HPID")" = "$main" ]; }
	wait_for 5 only_main ||
		fail "$mode: respawnd's children: $(kids "$HPID" | tr '\n' ' ')"
	[ "$(zombie_kids "$HPID")" -eq 0 ] || fail "$mode: zombies left"
	grep -q "service main: pid" "$T/log" && fail "$mode: an orphan's exit taken for the main's"
	[ "$(sed -n 's/^ready //p' "$o/rec" | wc -l)" -eq 1 ] || fail "$mode: main started twice"
	kill -0 "$main" || fail "$mode: main service died"

	# The main service is the one that counts.
	kill -TERM "$HPID"
	wait_exit 10
	[ "$RC" -eq 143 ] || fail "$mode: exit status $RC, not 143"
done
