# SIGHUP: respawnd execs itself again and adopts every child without
# signalling it; pids, restart counters and pending delays carry over.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:steady]
command = $BUILD/th-sigrec $T/steady
[service:restarted]
command = $BUILD/th-stamp $T/restarted
restart_delay = 0ms
[service:waiting]
command = $BUILD/th-stamp $T/waiting -x 3
restart_delay = 1h
restart_delay_max = 1h
EOF2
start_respawnd -v -c "$T/c" -s "$T/state"
wait_lines "$T/steady" 1
wait_lines "$T/restarted" 1
kill -KILL "$(last_pid "$T/restarted")"
wait_lines "$T/restarted" 2
wait_log "service waiting: restarting in 1h0m"
steady=$(sed -n 's/^ready //p' "$T/steady")
restarted=$(last_pid "$T/restarted")
hup_and_wait
wait_log "service steady: adopted pid $steady \(running\)"
wait_log "service restarted: adopted pid $restarted \(running\)"
kill -0 "$RPID" || fail "respawnd died"
kill -USR1 "$RPID"
wait_log "service waiting: backoff"
status_line restarted | grep -q "running, pid $restarted, .* 1 restarts" ||
	fail "restart counter lost: $(status_line restarted)"
status_line waiting | grep -q "backoff, pid 0, .* last exit exit status 3" ||
	fail "pending delay lost: $(status_line waiting)"
[ "$(wc -l <"$T/steady")" -eq 1 ] || fail "steady got a signal: $(cat "$T/steady")"
[ "$(wc -l <"$T/waiting")" -eq 1 ] || fail "waiting was started again"
[ "$(proc_field "$steady" 4)" = "$RPID" ] || fail "steady is not respawnd's child"
stop_respawnd
[ ! -e "$T/state" ] || fail "state file left after a clean exit"
