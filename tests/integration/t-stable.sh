# A run of stable_after ends the streak: the next delay is restart_delay
# again.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:s]
command = sh -c 'echo run >>$T/runs; [ \$(wc -l <$T/runs) -eq 3 ] && exec $BUILD/th-stamp $T/long; exit 1'
restart_delay = 50ms
backoff_factor = 4
stable_after = 300ms
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service s: restarting in 200ms \(restart 2\)"
wait_file "$T/long"
# The third run stays up until we end it, well past stable_after.
wait_log "service s: started" 1
sleep 0.5	# a run longer than stable_after is what is tested
kill -TERM "$(last_pid "$T/long")"
wait_log "service s: restarting in 50ms \(restart 3\)"
stop_respawnd
