# A program that cannot be exec'd is reported with the errno text and
# counts as a failed run (status 127 not found, 126 not executable).
. "$(dirname "$0")/lib.sh"

printf 'not a program\n' >"$T/noexec"
chmod 644 "$T/noexec"
conf c <<EOF2
[service:missing]
command = $T/does-not-exist
restart_delay = 10ms
max_restarts = 1
[service:denied]
command = $T/noexec
restart_delay = 10ms
max_restarts = 1
[service:nopath]
command = no-such-program-anywhere
environment = PATH=$T
restart = never
EOF2
start_respawnd -c "$T/c" -s "$T/state"
wait_log "service missing: unable to exec $T/does-not-exist: No such file or directory"
wait_log "service missing: pid [0-9]+ exited with status 127"
wait_log "service missing: giving up after 1 restarts"
wait_log "service denied: unable to exec $T/noexec: Permission denied"
wait_log "service denied: pid [0-9]+ exited with status 126"
wait_log "service denied: giving up"
wait_log "service nopath: unable to exec no-such-program-anywhere: No such file or directory"
kill -0 "$RPID" || fail "respawnd died"
stop_respawnd
