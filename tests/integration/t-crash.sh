# A crash in respawnd (the test hook makes SIGUSR1 call abort()) re-execs
# it with its table: every service keeps running, untouched. Crashing
# more than 5 times in a minute stops the services and exits 1.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:a]
command = $BUILD/th-sigrec $T/a
[service:b]
command = $BUILD/th-stamp $T/b
EOF2
RESPAWND_TEST_ABORT_ON_USR1=1 start_respawnd -v -c "$T/c" -s "$T/state"
wait_lines "$T/a" 1
wait_lines "$T/b" 1
a=$(sed -n 's/^ready //p' "$T/a")
b=$(last_pid "$T/b")
mask=$(grep SigBlk "/proc/$RPID/status")
kill -USR1 "$RPID"
wait_log "caught SIGABRT: re-executing"
wait_log "re-executed after a crash: adopting 2 services"
wait_log "service a: adopted pid $a"
wait_log "service b: adopted pid $b"
# The new image blocks what it blocked before: a fault signal left blocked
# would kill it at the next fault instead of reaching the handler.
wait_log "re-exec complete"
wait_for 5 sh -c "[ \"\$(grep SigBlk /proc/$RPID/status)\" = '$mask' ]" ||
	fail "signal mask after the crash: $(grep SigBlk "/proc/$RPID/status"), before: $mask"
[ "$(wc -l <"$T/a")" -eq 1 ] || fail "a was signalled"
[ "$(wc -l <"$T/b")" -eq 1 ] || fail "b was restarted"
for i in 2 3 4 5 6; do
	n=$(count_log "re-executed after a crash")
	kill -USR1 "$RPID"
	wait_for 10 sh -c "[ \$(grep -c 're-executed after a crash' '$T/log') -gt $n ]" ||
		fail "crash $i not recovered"
done
wait_log "6 crashes within a minute: stopping every service"
wait_exit 20
[ "$RC" -eq 1 ] || fail "exit status $RC after a crash loop, not 1"
wait_gone "$a"
wait_gone "$b"
