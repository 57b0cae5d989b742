# A new configuration on SIGHUP applies as a difference: removed services
# are stopped, changed ones restarted, new ones started, the rest left
# alone (same pid, same counters).
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:same]
command = $BUILD/th-sigrec $T/same
[service:changed]
command = $BUILD/th-sigrec $T/changed
[service:tuned]
command = $BUILD/th-sigrec $T/tuned
restart_delay = 1s
[service:removed]
command = $BUILD/th-sigrec $T/removed
stop_signal = HUP
EOF2
start_respawnd -c "$T/c" -s "$T/state"
for s in same changed tuned removed; do wait_lines "$T/$s" 1; done
pid_of() { sed -n 's/^ready //p' "$T/$1" | tail -n 1; }
same=$(pid_of same)
changed=$(pid_of changed)
tuned=$(pid_of tuned)
removed=$(pid_of removed)
conf c <<EOF2
[service:same]
command = $BUILD/th-sigrec $T/same
[service:changed]
command = $BUILD/th-sigrec $T/changed -t v2
[service:tuned]
command = $BUILD/th-sigrec $T/tuned
restart_delay = 2s
priority = 5
[service:new]
command = $BUILD/th-sigrec $T/new
EOF2
hup_and_wait
wait_lines "$T/new" 1
wait_for 5 grep -q "^v2 ready" "$T/changed" || fail "changed not restarted"
wait_gone "$removed"
grep -qx 1 "$T/removed" || fail "removed did not get its stop_signal HUP"
grep -qx 15 "$T/changed" || fail "changed did not get TERM"
[ "$(wc -l <"$T/same")" -eq 1 ] || fail "same was signalled"
[ "$(wc -l <"$T/tuned")" -eq 1 ] || fail "tuned was signalled"
kill -0 "$same" && kill -0 "$tuned" || fail "an unchanged service died"
wait_log "service removed: stopped"
wait_log "service changed: definition changed: restarting"
stop_respawnd
