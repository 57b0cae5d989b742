# SIGHUP execs the program path resolved at start: a binary replaced by
# an upgrade takes over, every pid kept. A binary that cannot run (not
# executable) leaves the running one in place.
. "$(dirname "$0")/lib.sh"

mkdir "$T/bin"
cp "$RESPAWND" "$T/bin/respawnd"
conf c <<EOF2
[service:a]
command = $BUILD/th-sigrec $T/a
EOF2
cd "$T"
bin/respawnd -v -c c -s state 2>>"$T/log" &
RPID=$!
wait_lines "$T/a" 1
a=$(sed -n 's/^ready //p' "$T/a")
old=$(stat -L -c %i "/proc/$RPID/exe")
# An upgrade: a new file under the same name.
cp "$RESPAWND" "$T/bin/respawnd.new"
mv "$T/bin/respawnd.new" "$T/bin/respawnd"
new=$(stat -c %i "$T/bin/respawnd")
[ "$old" != "$new" ] || fail "the test did not replace the binary"
hup_and_wait
[ "$(stat -L -c %i "/proc/$RPID/exe")" = "$new" ] || fail "old binary still runs"
wait_log "service a: adopted pid $a"
# A broken upgrade: not executable.
chmod 644 "$T/bin/respawnd"
kill -HUP "$RPID"
wait_log "not re-executing: carrying on unchanged"
kill -0 "$RPID" || fail "respawnd died"
chmod 755 "$T/bin/respawnd"
hup_and_wait
kill -0 "$a" || fail "a died"
[ "$(wc -l <"$T/a")" -eq 1 ] || fail "a was signalled"
stop_respawnd
