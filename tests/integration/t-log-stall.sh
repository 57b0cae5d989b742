# respawnd never stalls on its own log: with stderr a pipe whose reader
# stopped reading, services are still restarted, lines are dropped and
# counted, and the count is logged once the pipe drains.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:crashy]
command = $BUILD/th-stamp $T/stamp -x 1
restart_delay = 0ms
EOF2
mkfifo "$T/fifo"
# A reader that holds the pipe open and reads nothing until told.
sh -c 'exec 3<"$1"; read go <"$2"; cat <&3 >"$3"' sh "$T/fifo" "$T/go-fifo" "$T/drained" &
reader=$!
track_pid "$reader"
mkfifo "$T/go-fifo"
"$RESPAWND" -c "$T/c" -s "$T/state" 2>"$T/fifo" &
RPID=$!
# 64 KiB of pipe holds a few hundred lines; thousands of restarts later
# respawnd is still at work.
wait_lines "$T/stamp" 3000 60
kill -0 "$RPID" || fail "respawnd died"
# The reader reads again: the next line that gets through says how many
# were lost.
echo go >"$T/go-fifo"
wait_for 10 grep -qE "warn: [0-9]+ log lines were dropped: the log did not keep up" "$T/drained" ||
	fail "no count of dropped lines: $(tail -n 3 "$T/drained")"
kill -TERM "$RPID"
wait_exit 10
[ "$RC" -eq 0 ] || fail "exit status $RC"
wait_gone "$reader"
