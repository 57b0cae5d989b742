# --check: exit 0 for a valid file, 2 with every error as FILE:LINE for
# an invalid one; -V, -h and bad options.
. "$(dirname "$0")/lib.sh"

conf good <<EOF2
[respawnd]
log_level = debug
[service:a]
command = /bin/true
EOF2
"$RESPAWND" -n -c "$T/good" 2>"$T/err" || fail "valid file rejected: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "stderr for a valid file: $(cat "$T/err")"
"$RESPAWND" --check --config "$T/good" || fail "long options"

conf bad <<EOF2
[respawnd]
log_level = loud
[service:a]
command = /bin/true
restart_delay = 5 s
[service:a]
command = /bin/true
[service:b]
directory = /tmp
[service:c]
command = sh -c 'echo a ; echo b'
EOF2
cd "$T"
"$RESPAWND" -n -c bad 2>"$T/err"
rc=$?
[ "$rc" -eq 2 ] || fail "exit $rc for an invalid file"
for want in "bad:2: invalid log_level" "bad:5: invalid duration '5 s'" \
    "bad:6: duplicate service 'a' (first at line 3)" \
    "bad:8: service 'b' has no command" \
    "bad:11: unbalanced single quote in command"; do
	grep -qF "$want" "$T/err" || fail "missing \"$want\" in: $(cat "$T/err")"
done
[ "$(wc -l <"$T/err")" -eq 5 ] || fail "not exactly 5 errors: $(cat "$T/err")"

"$RESPAWND" -n -c "$T/nonexistent" 2>"$T/err"
[ $? -eq 2 ] || fail "missing file not exit 2"
grep -q "$T/nonexistent: unable to open" "$T/err" || fail "$(cat "$T/err")"

out=$("$RESPAWND" -V) || fail "-V failed"
echo "$out" | grep -qE '^respawnd [0-9]+\.[0-9]+\.[0-9]+$' || fail "-V says: $out"
"$RESPAWND" -h | grep -q '^usage: respawnd' || fail "-h"
"$RESPAWND" --bogus 2>/dev/null
[ $? -eq 2 ] || fail "unknown option not exit 2"
"$RESPAWND" stray 2>/dev/null
[ $? -eq 2 ] || fail "stray argument not exit 2"
