# user and group: the service runs with that user's uid, primary group
# and supplementary groups, or the group given.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "skip: needs root"; exit 0; }
chmod 755 "$T"
mkdir "$T/out"
chmod 777 "$T/out"
conf c <<EOF2
[service:nobody]
command = $BUILD/th-env $T/out/nobody
user = nobody
[service:grouped]
command = $BUILD/th-env $T/out/grouped
user = nobody
group = daemon
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_file "$T/out/nobody"
wait_file "$T/out/grouped"
grep -qx "ids $(id -u nobody) $(id -g nobody)" "$T/out/nobody" || fail "$(grep ids "$T/out/nobody")"
grep -qx "groups $(id -G nobody)" "$T/out/nobody" || fail "$(grep groups "$T/out/nobody")"
grep -qx "ids $(id -u nobody) $(getent group daemon | cut -d: -f3)" "$T/out/grouped" ||
	fail "$(grep ids "$T/out/grouped")"
stop_respawnd
