# lib.sh: what every integration test shares. Sourced by t-*.sh, which
# run.sh starts with BUILD set to the directory holding respawnd and the
# th-* helpers.
#
# Each test gets a fresh directory $T and judges respawnd only from the
# outside: its exit status, its log ($T/log), files its services write,
# /proc. Every wait is for an event (a line, a file, an exit) with a
# deadline; nothing waits a fixed time to be safe. On exit, everything
# the test started is killed: respawnd by pid, its services by the
# process groups they run in.

set -u

BUILD=${BUILD:?BUILD must name the build directory}
BUILD=$(cd "$BUILD" && pwd)
RESPAWND="$BUILD/respawnd"
T=$(mktemp -d "${TMPDIR:-/tmp}/respawnd-test.XXXXXX")
RPID=
RC=
TEST_NAME=$(basename "$0" .sh)
# Slow machines and sanitizers: every deadline scales with this.
SLOW=${SLOW:-1}

fail() {
	echo "FAIL $TEST_NAME: $*" >&2
	if [ -f "$T/log" ]; then
		echo "--- respawnd log (last 40 lines):" >&2
		tail -n 40 "$T/log" >&2
	fi
	exit 1
}

# now_ns: the monotonic-enough wall clock, in nanoseconds.
now_ns() { date +%s%N; }

# deadline_ns SECS: now plus SECS (a decimal), scaled by $SLOW.
deadline_ns() {
	awk -v now="$(now_ns)" -v s="$1" -v k="$SLOW" \
		'BEGIN { printf "%.0f\n", now + s * k * 1e9 }'
}

# stat_fields PID: "STATE PPID PGRP" of /proc/PID/stat (the name, field 2,
# may hold spaces and parentheses: the fields follow its last ')').
stat_fields() {
	line=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	rest=${line##*) }
	echo "$rest" | cut -d' ' -f1-3
}

# children_of PID: the pids whose parent is PID.
children_of() {
	for stat in /proc/[0-9]*/stat; do
		pid=${stat#/proc/}
		pid=${pid%/stat}
		f=$(stat_fields "$pid") || continue
		set -- $f "$1"
		[ "$2" = "$4" ] && echo "$pid"
		shift 3
	done
}

# Kill what the test started. Services run in their own process groups
# (their pid is their pgid), so each group is killed whole.
cleanup() {
	status=$?
	if [ -n "$RPID" ] && kill -0 "$RPID" 2>/dev/null; then
		groups=$(children_of "$RPID")
		kill -KILL "$RPID" 2>/dev/null
		for g in $groups; do
			kill -s KILL -- "-$g" 2>/dev/null
			kill -KILL "$g" 2>/dev/null
		done
	fi
	# Pids a test recorded itself (grandchildren, survivors).
	if [ -f "$T/kill-groups" ]; then
		while read -r g; do
			kill -s KILL -- "-$g" 2>/dev/null
		done <"$T/kill-groups"
	fi
	if [ -f "$T/kill-pids" ]; then
		while read -r p; do
			kill -KILL "$p" 2>/dev/null
		done <"$T/kill-pids"
	fi
	if [ "$status" -eq 0 ] || [ -z "${KEEP:-}" ]; then
		rm -rf "$T"
	else
		echo "kept $T" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Remember a process group (or a pid) to kill at the end.
track_group() { echo "$1" >>"$T/kill-groups"; }
track_pid() { echo "$1" >>"$T/kill-pids"; }

# start_respawnd ARG...: respawnd in the background, its stderr in $T/log.
start_respawnd() {
	"$RESPAWND" "$@" 2>>"$T/log" &
	RPID=$!
}

# wait_for SECS CMD...: run CMD until it succeeds, at most SECS seconds.
wait_for() {
	end=$(deadline_ns "$1")
	shift
	while ! "$@"; do
		[ "$(now_ns)" -lt "$end" ] || return 1
		sleep 0.01
	done
}

# wait_log REGEX [SECS]: until the log has a line matching REGEX.
wait_log() {
	wait_for "${2:-5}" grep -qE -- "$1" "$T/log" ||
		fail "no log line matching /$1/ within ${2:-5}s"
}

# count_log REGEX: how many log lines match.
count_log() {
	grep -cE -- "$1" "$T/log" 2>/dev/null || true
}

# wait_file FILE [SECS]: until FILE exists and is not empty.
wait_file() {
	wait_for "${2:-5}" test -s "$1" || fail "no $1 within ${2:-5}s"
}

lines_at_least() { [ -f "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ]; }

# wait_lines FILE N [SECS]: until FILE has at least N lines.
wait_lines() {
	wait_for "${3:-5}" lines_at_least "$1" "$2" ||
		fail "$1 has $(wc -l <"$1" 2>/dev/null || echo no) lines, not $2, after ${3:-5}s"
}

not_alive() { ! kill -0 "$1" 2>/dev/null; }

# wait_gone PID [SECS]: until PID no longer exists (reaped).
wait_gone() {
	wait_for "${2:-5}" not_alive "$1" || fail "pid $1 still exists after ${2:-5}s"
}

# wait_exit [SECS]: until respawnd exits; its status lands in $RC.
wait_exit() {
	wait_for "${1:-10}" not_alive "$RPID" || fail "respawnd still running after ${1:-10}s"
	wait "$RPID"
	RC=$?
	RPID=
}

# stop_respawnd: SIGTERM and wait; fails unless it exits 0.
stop_respawnd() {
	kill -TERM "$RPID"
	wait_exit "${1:-10}"
	[ "$RC" -eq 0 ] || fail "respawnd exited $RC after SIGTERM"
}

# last_pid STAMP: the pid on the last line of a th-stamp file.
last_pid() { tail -n 1 "$1" | cut -d' ' -f1; }

# proc_field PID N: field N (>= 3) of /proc/PID/stat.
proc_field() {
	line=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	rest=${line##*) }
	echo "$rest" | cut -d' ' -f$(( $2 - 2 ))
}

# count_zombies PID: how many zombie children PID has.
count_zombies() {
	n=0
	for stat in /proc/[0-9]*/stat; do
		pid=${stat#/proc/}
		pid=${pid%/stat}
		f=$(stat_fields "$pid") || continue
		case "$f" in "Z $1 "*) n=$((n + 1));; esac
	done
	echo "$n"
}

# conf NAME: write a configuration from stdin to $T/NAME.
conf() { cat >"$T/$1"; }

# status_line NAME: the last SIGUSR1 status line of service NAME.
status_line() { grep "info: service $1: [a-z]*, pid" "$T/log" | tail -n 1; }

# reexec_count: how many times respawnd has adopted its table so far.
reexec_count() { count_log "re-executed(: | after a crash)"; }

# hup_and_wait: SIGHUP, then wait until the new image has adopted.
hup_and_wait() {
	n=$(reexec_count)
	kill -HUP "$RPID"
	wait_for "${1:-10}" sh -c "[ \$(grep -cE 're-executed(: | after a crash)' '$T/log') -gt $n ]" ||
		fail "no re-exec after SIGHUP"
}
