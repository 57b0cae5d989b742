# kill_mode = group: a grandchild in the service's group dies with it;
# kill_mode = process: the signal reaches the main process alone.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:grouped]
command = $BUILD/th-stamp $T/g-stamp -g $T/g-child
[service:single]
command = $BUILD/th-stamp $T/p-stamp -g $T/p-child
kill_mode = process
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_file "$T/g-child"
wait_file "$T/p-child"
gchild=$(cat "$T/g-child")
pchild=$(cat "$T/p-child")
track_pid "$pchild"
[ "$(proc_field "$gchild" 5)" = "$(last_pid "$T/g-stamp")" ] || fail "grandchild not in the service's group"
kill -TERM "$RPID"
wait_exit
[ "$RC" -eq 0 ] || fail "exit status $RC"
wait_gone "$gchild"
kill -0 "$pchild" 2>/dev/null || fail "kill_mode = process signalled the whole group"
