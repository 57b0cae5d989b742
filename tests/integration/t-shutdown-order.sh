# SIGTERM stops by priority levels, highest value first; a level starts
# stopping only when the one before it has exited. Start order is the
# reverse.
. "$(dirname "$0")/lib.sh"

conf c <<EOF2
[service:db]
command = $BUILD/th-sigrec $T/rec -t db
priority = 10
[service:app1]
command = $BUILD/th-sigrec $T/rec -t app1
priority = 50
[service:app2]
command = $BUILD/th-sigrec $T/rec -t app2
priority = 50
[service:web]
command = $BUILD/th-sigrec $T/rec -t web
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_lines "$T/rec" 4
stop_respawnd
grep -v ready "$T/rec" >"$T/order"
[ "$(sed -n 1p "$T/order")" = "web 15" ] || fail "web not first: $(cat "$T/order")"
sed -n '2,3p' "$T/order" | sort >"$T/mid"
printf 'app1 15\napp2 15\n' | cmp -s - "$T/mid" || fail "apps not second: $(cat "$T/order")"
[ "$(sed -n 4p "$T/order")" = "db 15" ] || fail "db not last: $(cat "$T/order")"
awk '/service [a-z0-9]+: started/ { sub(":", "", $4); print $4 }' "$T/log" | tr '\n' ' ' >"$T/starts"
case "$(cat "$T/starts")" in
"db app1 app2 web ") ;;
*) fail "start order: $(cat "$T/starts")" ;;
esac
