# An invalid configuration on SIGHUP: every error is logged as FILE:LINE
# and nothing changes.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:a]
command = $BUILD/th-sigrec $T/a
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/a" 1
a=$(sed -n 's/^ready //p' "$T/a")
exe=$(readlink "/proc/$RPID/exe")
conf c <<EOF2
[service:a]
command = $BUILD/th-sigrec $T/a
restart = sometimes
[service:b]
stop_timeout = 10 s
EOF2
kill -HUP "$RPID"
wait_log "error: $T/c:3: invalid restart 'sometimes'"
wait_log "error: $T/c:4: service 'b' has no command"
wait_log "error: $T/c:5: invalid duration '10 s'"
wait_log "configuration has errors: carrying on unchanged"
grep -q "re-executing" "$T/log" && fail "re-executed on a bad configuration"
[ "$(wc -l <"$T/a")" -eq 1 ] || fail "a was signalled"
kill -0 "$a" || fail "a died"
[ "$(readlink "/proc/$RPID/exe")" = "$exe" ] || fail "respawnd changed"
stop_respawnd
