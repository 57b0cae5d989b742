# A service killed with SIGKILL is back: a new pid stamps its start.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:web]
command = $BUILD/th-stamp $T/stamp
restart_delay = 0ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 1
first=$(last_pid "$T/stamp")
kill -KILL "$first"
wait_lines "$T/stamp" 2
second=$(last_pid "$T/stamp")
[ "$first" != "$second" ] || fail "same pid after the kill"
kill -0 "$second" || fail "new pid $second is not alive"
wait_log "service web: pid $first killed by signal 9 \(KILL\)"
wait_log "service web: restarting now \(restart 1\)"
wait_log "service web: started, pid $second"
[ "$(proc_field "$second" 4)" = "$RPID" ] || fail "new pid is not respawnd's child"
stop_respawnd
