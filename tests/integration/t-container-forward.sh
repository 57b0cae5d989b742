# forward_signals with a main service from a configuration file: a listed
# signal goes to the main service alone; what is not listed keeps its
# meaning for respawnd (USR1 status, HUP re-exec), and SIGINT reaches the
# main service as it begins the shutdown. Passing a signal on is not
# sending one: a main service with restart = on-failure that later dies of
# a signal respawnd did not send is restarted (SPEC.md, "restart").
# (Yelp/dumb-init:tests/proxies_signals_test.py, rewrites and ignores.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

new_run host
conf c <<EOF2
[respawnd]
main = app
forward_signals = WINCH USR2
[service:app]
command = $BUILD/th-sigrec $T/app
[service:side]
command = $BUILD/th-sigrec $T/side
EOF2
start_mode -c "$T/c" -s "$STATE"
app=$(ready_pid "$T/app") || exit 1
wait_line "$T/side" '^ready '
kill -WINCH "$HPID"
wait_line "$T/app" '^28$'
kill -USR2 "$HPID"
wait_line "$T/app" '^12$'
grep -q "reopening output files" "$T/log" && fail "USR2 acted on, though forwarded"
# Not listed: respawnd's own.
kill -USR1 "$HPID"
wait_log "service app: running, pid $app"
hup_and_wait
kill -0 "$app" || fail "app lost across the re-exec"
[ "$(grep -c '^ready' "$T/app")" -eq 1 ] || fail "app restarted by the re-exec"
for sig in 1 10; do
	grep -qx "$sig" "$T/app" && fail "signal $sig passed on, though not listed"
done
grep -qE '^[0-9]+$' "$T/side" && fail "side got a signal: $(tr '\n' ' ' <"$T/side")"
# SIGINT: the main service gets it, the others their stop_signal.
kill -INT "$HPID"
wait_exit 10
[ "$RC" -eq 130 ] || fail "exit status $RC, not 130"
grep -qx 2 "$T/app" || fail "app got no SIGINT"
grep -qx 15 "$T/side" || fail "side got no SIGTERM"

# restart = on-failure: a WINCH passed on earlier does not make a later
# SIGKILL that respawnd did not send (as from the OOM killer) look like
# respawnd's doing.
new_run host
conf c2 <<EOF2
[respawnd]
main = app
forward_signals = WINCH
[service:app]
command = $BUILD/th-sigrec $T/app2
restart = on-failure
restart_delay = 0ms
EOF2
start_mode -c "$T/c2" -s "$STATE"
app=$(ready_pid "$T/app2") || exit 1
kill -WINCH "$HPID"
wait_line "$T/app2" '^28$'
kill -KILL "$app"
wait_log "service app: pid $app killed by signal 9 \(KILL\)"
wait_for 5 has_more_lines "$T/app2" '^ready ' 1 ||
	fail "app, killed by a SIGKILL respawnd did not send, was not restarted" \
	    "(respawnd $(not_alive "$RPID" && echo exited || echo running))"
kill -TERM "$HPID"
wait_exit 10
[ "$RC" -eq 143 ] || fail "exit status $RC, not 143"
