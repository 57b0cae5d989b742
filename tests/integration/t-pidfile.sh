# pid_file holds respawnd's pid once the services are started, and is
# removed at exit.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[respawnd]
pid_file = run/respawnd.pid
[service:a]
command = $BUILD/th-stamp $T/stamp
EOF2
mkdir "$T/run"
start_respawnd -c "$T/c" -s "$T/state"
wait_file "$T/run/respawnd.pid"
[ "$(cat "$T/run/respawnd.pid")" = "$RPID" ] || fail "pid file says $(cat "$T/run/respawnd.pid")"
wait_lines "$T/stamp" 1
stop_respawnd
[ ! -e "$T/run/respawnd.pid" ] || fail "pid file left behind"
