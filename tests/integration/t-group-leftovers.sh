# When a service's main process exits, what is left of its group is
# stopped before the service is started again.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:leaky]
command = $BUILD/th-stamp $T/stamp -g $T/child -x 1
restart_delay = 0ms
max_restarts = 1
EOF2
start_respawnd -v -c "$T/c" -s "$T/state"
wait_lines "$T/stamp" 2
first_child=$(head -n 1 "$T/child")
group=$(head -n 1 "$T/stamp" | cut -d' ' -f1)
grep -q "service leaky: sending TERM to what is left of group $group" "$T/log" ||
	fail "leftovers were not signalled"
not_alive "$first_child" || fail "leftover $first_child survived"
# The leftover was signalled and reaped before the second start.
awk -v child="$first_child" '
	/sending TERM to what is left of group/ && !signalled { signalled = NR }
	$0 ~ "reaped pid " child " " { reaped = NR }
	/service leaky: started/ { if (++starts == 2) second = NR }
	END { exit !(signalled && reaped > signalled && second > reaped) }' "$T/log" ||
	fail "restarted before its leftovers were stopped"
wait_log "service leaky: giving up"
stop_respawnd
