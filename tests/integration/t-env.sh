# A service starts in the world its configuration describes: arguments
# split like a shell, environment, directory, umask, its own session, no
# fd but 0, 1 and 2, default signal dispositions and an empty mask.
. "$(dirname "$0")/lib.sh"

mkdir "$T/work"
conf c <<EOF2
[service:plain]
command = $BUILD/th-env $T/plain "two words" 'single "q"' back\\ slash
environment = EXTRA=1 "SPACED=a b" HOME=/nowhere
directory = work
umask = 027
[service:clean]
command = th-env $T/clean
environment = PATH=$BUILD ONLY=yes
clear_environment = yes
EOF2
# An fd respawnd inherits must not reach services either.
exec 7>"$T/leak"
FOO=from-respawnd start_respawnd -c "$T/c" -s "$T/state"
exec 7>&-
wait_file "$T/plain"
wait_file "$T/clean"
p="$T/plain"
grep -qx "argv 2 two words" "$p" || fail "argv 2: $(grep "argv 2" "$p")"
grep -qx 'argv 3 single "q"' "$p" || fail "argv 3: $(grep 'argv 3' "$p")"
grep -qx 'argv 4 back slash' "$p" || fail "argv 4: $(grep 'argv 4' "$p")"
grep -qx "env EXTRA=1" "$p" || fail "EXTRA missing"
grep -qx "env SPACED=a b" "$p" || fail "SPACED missing"
grep -qx "env HOME=/nowhere" "$p" || fail "HOME not replaced"
[ "$(grep -c '^env HOME=' "$p")" -eq 1 ] || fail "HOME twice"
grep -qx "env FOO=from-respawnd" "$p" || fail "respawnd's environment not inherited"
grep -qx "cwd $T/work" "$p" || fail "cwd: $(grep cwd "$p")"
grep -qx "umask 0027" "$p" || fail "umask: $(grep umask "$p")"
pid=$(sed -n 's/^pgid [0-9]* sid [0-9]* pid \([0-9]*\)$/\1/p' "$p")
grep -qx "pgid $pid sid $pid pid $pid" "$p" || fail "not in its own session: $(grep pgid "$p")"
[ "$(grep -c '^fd ' "$p")" -eq 3 ] || fail "fds: $(grep '^fd ' "$p" | tr '\n' ' ')"
grep -qx "stdin /dev/null" "$p" || fail "stdin: $(grep stdin "$p")"
grep -qx "sigblk 0000000000000000" "$p" || fail "blocked: $(grep sigblk "$p")"
grep -qx "sigign 0000000000000000" "$p" || fail "ignored: $(grep sigign "$p")"
c="$T/clean"
[ "$(grep -c '^env ' "$c")" -eq 2 ] || fail "clear_environment: $(grep '^env ' "$c" | tr '\n' ' ')"
grep -qx "env ONLY=yes" "$c" || fail "ONLY missing"
grep -qx "cwd $T" "$c" || fail "default directory is not the configuration's"
stop_respawnd
