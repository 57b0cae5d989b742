# container.sh: what the t-container-*.sh tests (and t-initd.sh) share;
# sourced after lib.sh. Not a test itself (run.sh runs t-*.sh only).
#
# Most container behaviours are checked twice, in two modes:
#   host  respawnd runs under the test as an ordinary process, and so sets
#         PR_SET_CHILD_SUBREAPER: orphans come back to it;
#   ns    respawnd is PID 1 of a new PID namespace (unshare --pid --fork
#         --mount-proc), as in a container: orphans go to it as to init,
#         and signals without a handler never reach it.
# In both, $RPID is the process the test started (respawnd itself, or the
# unshare process), so wait_exit and lib.sh's cleanup work unchanged, and
# $HPID is respawnd's pid as the test (the host) sees it. In ns mode
# pids a service writes down are namespace pids: host_pid maps them.

MODE=host
HPID=
RUN=0

# Before lib.sh's cleanup runs: every respawnd this file started and
# every tracked pid first (so nothing is respawned meanwhile), then every
# tracked group; respawnd inside a namespace is known by its host pid.
kill_tracked() {
	# wait_exit empties RPID: HPID is then stale.
	if [ -n "$RPID" ]; then
		[ -n "$HPID" ] && kill -KILL "$HPID" 2>/dev/null
		kill -KILL "$RPID" 2>/dev/null
	fi
	if [ -f "$T/kill-pids" ]; then
		while read -r p; do
			kill -KILL "$p" 2>/dev/null
		done <"$T/kill-pids"
	fi
	if [ -f "$T/kill-groups" ]; then
		while read -r g; do
			kill -KILL "-$g" 2>/dev/null
		done <"$T/kill-groups"
	fi
}
trap 'st=$?; kill_tracked; (exit "$st"); cleanup' EXIT

# Never leave core files in the working directory.
ulimit -c 0 2>/dev/null

# modes: the modes this machine can run ("host ns", or "host" with a
# note on stderr when a PID namespace cannot be made, e.g. without root).
modes() {
	if unshare --pid --fork --mount-proc true 2>/dev/null; then
		echo "host ns"
	else
		echo "skip: unshare --pid --fork --mount-proc fails: PID 1 runs skipped" >&2
		echo host
	fi
}

# new_run MODE: set the mode for what follows; run N's log is kept aside
# as $T/log.N when run N+1 begins, so wait_log only sees this run's lines
# (a respawnd still running goes on writing to it there); $STATE
# names a state file of this run's own.
new_run() {
	MODE=$1
	[ -f "$T/log" ] && mv "$T/log" "$T/log.$RUN"
	RUN=$((RUN + 1))
	RPID=
	HPID=
	RC=
	STATE="$T/state.$RUN"
	echo "--- run $RUN: $MODE" >&2
}

# kids PID: the children of PID, from /proc/PID/task/*/children (a scan
# of every /proc/*/stat, as lib.sh's children_of does, is slow on a busy
# machine).
kids() {
	cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep -v '^$'
}

# zombie_kids PID: how many children of PID are zombies.
zombie_kids() {
	n=0
	for k in $(kids "$1"); do
		f=$(stat_fields "$k") || continue
		[ "${f%% *}" = Z ] && n=$((n + 1))
	done
	echo "$n"
}

# find_child: true once $RPID's child is respawnd; HPID is its pid.
find_child() {
	HPID=$(kids "$RPID")
	[ -n "$HPID" ] && [ "$(readlink "/proc/$HPID/exe" 2>/dev/null)" = "$(readlink -f "$RESPAWND")" ]
}

# dead PID: PID is gone, or a zombie (a detached respawnd's new parent,
# init, may take its time to reap it).
dead() {
	f=$(stat_fields "$1") || return 0
	[ "${f%% *}" = Z ]
}

child_or_done() { find_child || { HPID=; dead "$RPID"; }; }

# start_mode ARG...: respawnd ARG... in the background, in the current
# mode, its stderr appended to $T/log.
start_mode() {
	if [ "$MODE" = ns ]; then
		unshare --pid --fork --mount-proc "$RESPAWND" "$@" 2>>"$T/log" &
		RPID=$!
		# A short run may be over before we look: then HPID stays empty.
		wait_for 5 child_or_done || fail "no respawnd under unshare $RPID"
		[ -n "$HPID" ] && track_pid "$HPID"
	else
		start_respawnd "$@"
		HPID=$RPID
	fi
}

# run_mode ARG...: respawnd ARG... in the foreground, in the current mode,
# bounded by 20 s; its exit status lands in $RC.
run_mode() {
	if [ "$MODE" = ns ]; then
		timeout -k 2 20 unshare --pid --fork --mount-proc "$RESPAWND" "$@" 2>>"$T/log"
	else
		timeout -k 2 20 "$RESPAWND" "$@" 2>>"$T/log"
	fi
	RC=$?
}

# log_pid: the pid respawnd writes in its log lines (1 as PID 1).
log_pid() {
	if [ "$MODE" = ns ]; then echo 1; else echo "$HPID"; fi
}

# host_pid PID: the host's pid of a process that calls itself PID (in ns
# mode, a pid of respawnd's namespace: found by its NSpid line, among the
# processes of that very namespace, since other tests may run their own).
host_pid() {
	if [ "$MODE" != ns ]; then
		echo "$1"
		return 0
	fi
	ns=$(readlink "/proc/$HPID/ns/pid") || return 1
	for f in $(grep -lE "^NSpid:[[:space:]]+[0-9]+[[:space:]]+$1\$" \
	    /proc/[0-9]*/status 2>/dev/null); do
		d=${f%/status}
		if [ "$(readlink "$d/ns/pid" 2>/dev/null)" = "$ns" ]; then
			echo "${d#/proc/}"
			return 0
		fi
	done
	return 1
}

# ready_pid FILE: the pid on th-sigrec's "ready PID" line, as the host
# sees it; waits for the line first. It runs in $(...), where fail only
# ends the subshell: write "x=$(ready_pid F) || exit 1".
ready_pid() {
	wait_for 5 grep -qs '^ready ' "$1" || fail "no ready line in $1"
	host_pid "$(sed -n 's/^ready //p' "$1" | tail -n 1)" ||
		fail "no host pid for $(sed -n 's/^ready //p' "$1")"
}

# count_lines FILE REGEX: how many lines of FILE match REGEX (0 if none).
count_lines() { grep -cE -- "$2" "$1" 2>/dev/null || true; }

has_more_lines() { [ "$(count_lines "$1" "$2")" -gt "$3" ]; }

# wait_line FILE REGEX [SECS]: until FILE has a line matching REGEX.
wait_line() {
	wait_for "${3:-5}" grep -qsE -- "$2" "$1" ||
		fail "no line /$2/ in $1 within ${3:-5}s: $(tr '\n' ' ' <"$1" 2>/dev/null)"
}

# proc_state PID: the state letter of /proc/PID/stat (R, S, T, Z...).
proc_state() { stat_fields "$1" | cut -d' ' -f1; }
