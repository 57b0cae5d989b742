# max_restarts = 2: three runs, then the service is failed and stays so.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:flaky]
command = $BUILD/th-stamp $T/stamp -x 1
restart_delay = 10ms
max_restarts = 2
[service:steady]
command = $BUILD/th-stamp $T/steady
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service flaky: giving up after 2 restarts in a row: failed"
[ "$(wc -l <"$T/stamp")" -eq 3 ] || fail "flaky ran $(wc -l <"$T/stamp") times, not 3"
wait_lines "$T/steady" 1
kill -USR1 "$RPID"
wait_log "service flaky: failed, pid 0, .* 2 restarts, last exit exit status 1"
[ "$(wc -l <"$T/stamp")" -eq 3 ] || fail "flaky ran again after giving up"
kill -0 "$RPID" || fail "respawnd died"
stop_respawnd
