# etc/init.d/respawnd, for real, in a scratch directory: start (the pid
# file appears, respawnd runs, services are up; a second start does
# nothing), status (0 while running, 3 after stop), reload and
# force-reload (SIGHUP: respawnd keeps its pid, so the pid file stays
# right, and the services theirs), an invalid configuration refused by
# start, reload and restart with its errors shown, stop (respawnd and its
# services gone, the pid file too), reload when stopped (7), restart from
# stopped, and a respawnd that dies at startup reported as a failed start.
# Nothing under /etc or /run: RESPAWND_DEFAULTS names a defaults file of
# the test's own.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/container.sh"

command -v start-stop-daemon >/dev/null 2>&1 ||
	{ echo "skip: no start-stop-daemon (Debian's dpkg)"; exit 0; }

INITD="$(cd "$(dirname "$0")/../.." && pwd)/etc/init.d/respawnd"
mkdir "$T/run"
conf respawnd.conf <<EOF2
[respawnd]
pid_file = run/respawnd.pid
[service:stamp]
command = $BUILD/th-stamp $T/stamp
[service:rec]
command = $BUILD/th-sigrec $T/rec
EOF2
cp "$T/respawnd.conf" "$T/good.conf"
conf default <<EOF2
DAEMON=$RESPAWND
CONFIG=$T/respawnd.conf
STATE_FILE=$T/state
LOGFILE=$T/log
EOF2
RESPAWND_DEFAULTS="$T/default"
export RESPAWND_DEFAULTS

# initd ACTION: run the script; its exit status in $rc, its output in
# $T/out.
initd() {
	"$INITD" "$1" >"$T/out" 2>&1
	rc=$?
}

initd status
[ "$rc" -eq 3 ] || fail "status before start: $rc, not 3: $(cat "$T/out")"

initd start
[ "$rc" -eq 0 ] || fail "start: $rc: $(cat "$T/out")"
[ -s "$T/run/respawnd.pid" ] || fail "start returned before the pid file was written"
pid=$(cat "$T/run/respawnd.pid")
track_pid "$pid"
[ "$(readlink "/proc/$pid/exe")" = "$RESPAWND" ] || fail "pid $pid is not respawnd"
[ ! -e "$T/run/respawnd.pid.start" ] || fail "start left its own pid file behind"
wait_lines "$T/stamp" 1
wait_file "$T/rec"
stamp=$(last_pid "$T/stamp")
rec=$(sed -n 's/^ready //p' "$T/rec")
track_group "$stamp"
track_group "$rec"
[ "$(proc_field "$stamp" 4)" = "$pid" ] || fail "stamp is not respawnd's child"

initd status
[ "$rc" -eq 0 ] || fail "status while running: $rc: $(cat "$T/out")"
grep -q "running (pid $pid)" "$T/out" || fail "status says: $(cat "$T/out")"

# Once is enough.
initd start
[ "$rc" -eq 0 ] || fail "second start: $rc: $(cat "$T/out")"
grep -q "already running" "$T/out" || fail "second start says: $(cat "$T/out")"
[ "$(cat "$T/run/respawnd.pid")" = "$pid" ] || fail "second start changed the pid file"
[ "$(count_log "service stamp: started")" -eq 1 ] || fail "a second respawnd ran"

# reload: a re-exec, same pid, same services.
initd reload
[ "$rc" -eq 0 ] || fail "reload: $rc: $(cat "$T/out")"
wait_log "re-executed: adopting"
[ "$(cat "$T/run/respawnd.pid")" = "$pid" ] || fail "pid file changed by reload"
kill -0 "$pid" || fail "respawnd gone after reload"
[ "$(wc -l <"$T/stamp")" -eq 1 ] || fail "stamp restarted by reload"
kill -0 "$stamp" && kill -0 "$rec" || fail "a service died in the reload"
grep -qx 1 "$T/rec" && fail "SIGHUP reached a service"
initd force-reload
[ "$rc" -eq 0 ] || fail "force-reload: $rc: $(cat "$T/out")"
wait_for 10 sh -c "[ \$(grep -c 're-executed: adopting' '$T/log') -ge 2 ]" ||
	fail "no second re-exec"
[ "$(wc -l <"$T/stamp")" -eq 1 ] || fail "stamp restarted by force-reload"

# An invalid configuration: refused, errors shown, nothing touched.
printf '[service:broken]\nrestart = sometimes\n' >>"$T/respawnd.conf"
for action in reload restart start; do
	initd "$action"
	[ "$rc" -eq 6 ] || fail "$action with a bad configuration: $rc, not 6: $(cat "$T/out")"
	grep -q "^$T/respawnd.conf:[0-9]*: " "$T/out" ||
		fail "$action did not show the errors: $(cat "$T/out")"
done
[ "$(count_log "SIGHUP: ")" -eq 2 ] || fail "re-executed on a bad configuration"
[ "$(cat "$T/run/respawnd.pid")" = "$pid" ] || fail "pid changed on a bad configuration"
kill -0 "$pid" || fail "respawnd stopped by a refused restart"
cp "$T/good.conf" "$T/respawnd.conf"

# stop: respawnd stops its services and goes, with its pid file.
initd stop
[ "$rc" -eq 0 ] || fail "stop: $rc: $(cat "$T/out")"
dead "$pid" || fail "respawnd still running after stop"
dead "$stamp" || fail "stamp still running after stop"
dead "$rec" || fail "rec still running after stop"
grep -qx 15 "$T/rec" || fail "rec got no SIGTERM"
[ ! -e "$T/run/respawnd.pid" ] || fail "pid file left behind"
grep -q "exiting with status 0" "$T/log" || fail "respawnd did not exit cleanly"

initd status
[ "$rc" -eq 3 ] || fail "status after stop: $rc, not 3: $(cat "$T/out")"
initd stop
[ "$rc" -eq 0 ] || fail "stop when stopped: $rc, not 0"
initd reload
[ "$rc" -eq 7 ] || fail "reload when stopped: $rc, not 7"

# restart from stopped starts; a respawnd dying at startup is reported:
# here, another one holds the state file.
initd restart
[ "$rc" -eq 0 ] || fail "restart: $rc: $(cat "$T/out")"
pid=$(cat "$T/run/respawnd.pid")
track_pid "$pid"
wait_lines "$T/stamp" 2
track_group "$(last_pid "$T/stamp")"
rm "$T/run/respawnd.pid"
initd start
[ "$rc" -ne 0 ] || fail "start succeeded though the state file is held: $(cat "$T/out")"
grep -q "respawnd: exited during startup" "$T/out" || fail "start says: $(cat "$T/out")"
echo "$pid" >"$T/run/respawnd.pid"
initd stop
[ "$rc" -eq 0 ] || fail "final stop: $rc: $(cat "$T/out")"
dead "$pid" || fail "respawnd still running after the final stop"
