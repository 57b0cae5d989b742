# The state file is trusted only when it is a regular file of our own,
# not writable by group or others, with its format and checksum intact;
# otherwise it is logged and set aside, and nothing it names is touched.
# A second respawnd on the same state file exits 2, naming the first.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:a]
command = $BUILD/th-stamp $T/a
EOF2
# A stranger whose pid a forged file names: it must never be signalled.
"$BUILD/th-sigrec" "$T/stranger" &
stranger=$!
track_pid "$stranger"
wait_lines "$T/stranger" 1
pstart=$(proc_field "$stranger" 22)
forge() {
	# A well-formed file, checksum and all, naming the stranger.
	{
		printf 'respawnd-state 1\ndaemon pid=%d pstart=1 main=-1 crashes=0 since=0 giveup=0\n' "$stranger"
		printf 'svc name=a st=running pid=%d pgid=%d pstart=%s started=1 def=0000000000000001 cmd=%s streak=0 restarts=0 last=-1 ran=0 flags=0 after=stop delay=0 deadline=0 sig=15 stopms=10000 prio=100 kill=group main=0 out=-1,-1 err=-1,-1\nend 1\n' "$stranger" "$stranger" "$1" "${2:-0000000000000001}"
	} >"$T/body"
	sum=$("$BUILD/th-fnv" -w "$T/body") || fail "th-fnv"
	cat "$T/body" >"$T/state"
	printf 'sum %s\n' "$sum" >>"$T/state"
	chmod 600 "$T/state"
}
run_once() {
	: >"$T/log"
	start_respawnd -c "$T/c" -s "$T/state"
	wait_lines "$T/a" "$1"
	stop_respawnd
}
# Group-writable: rejected.
forge "$pstart"
chmod 664 "$T/state"
run_once 1
grep -q "state file $T/state cannot be trusted: writable by group or others" "$T/log" || fail "mode not checked"
# A symbolic link: rejected.
forge "$pstart"
mv "$T/state" "$T/real"
ln -s "$T/real" "$T/state"
run_once 2
grep -q "cannot be trusted: a symbolic link" "$T/log" || fail "symlink not refused"
rm -f "$T/state" "$T/real"
# Corrupt: one byte changed.
forge "$pstart"
sed -i 's/restarts=0/restarts=1/' "$T/state"
run_once 3
grep -q "cannot be trusted: bad checksum" "$T/log" || fail "checksum not checked"
# Well formed, but the start time or the command line does not match:
# the stranger is not taken for a survivor.
forge "$pstart"
run_once 4
grep -q "recorded pid $stranger is not a survivor" "$T/log" || fail "forged command line accepted"
forge $((pstart + 1)) "$("$BUILD/th-fnv" "/proc/$stranger/cmdline")"
run_once 5
grep -q "recorded pid $stranger is not a survivor" "$T/log" || fail "forged start time accepted"
[ "$(wc -l <"$T/stranger")" -eq 1 ] || fail "the stranger was signalled: $(cat "$T/stranger")"
kill -0 "$stranger" || fail "the stranger died"
# The lock: a second respawnd on the same state file.
start_respawnd -c "$T/c" -s "$T/state"
first=$RPID
wait_file "$T/state.lock"
"$RESPAWND" -c "$T/c" -s "$T/state" 2>"$T/second"
rc=$?
[ "$rc" -eq 2 ] || fail "second respawnd exited $rc, not 2"
grep -q "is in use by respawnd pid $first" "$T/second" || fail "holder not named: $(cat "$T/second")"
stop_respawnd
