#!/bin/sh
# run.sh BUILD [TEST...]: run the integration tests (default: every t-*.sh)
# against BUILD/respawnd, JOBS at a time (default 2); exit 1 if any fails.
# Each test is bounded by TEST_TIMEOUT seconds (default 180).
set -u

if [ "${1:-}" = "--one" ]; then
	# One test, run by xargs below: its output is kept, shown on failure.
	t=$2
	name=$(basename "$t" .sh)
	start=$(date +%s)
	# setsid: a test that goes astray is killed with its whole group.
	if timeout -k 5 "$TEST_TIMEOUT" setsid sh "$t" >"$RESULTS/$name.out" 2>&1
	then
		echo "PASS $name ($(( $(date +%s) - start ))s)"
	else
		echo "FAIL $name ($(( $(date +%s) - start ))s)"
		sed 's/^/    /' "$RESULTS/$name.out"
		touch "$RESULTS/$name.failed"
	fi
	exit 0
fi

BUILD=${1:?usage: run.sh BUILD [TEST...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
export BUILD
export TEST_TIMEOUT=${TEST_TIMEOUT:-180}
case $BUILD in *san*) SLOW=${SLOW:-3};; esac
export SLOW=${SLOW:-1}
[ $# -eq 0 ] && set -- "$here"/t-*.sh

RESULTS=$(mktemp -d "${TMPDIR:-/tmp}/respawnd-results.XXXXXX")
export RESULTS
trap 'rm -rf "$RESULTS"' EXIT

printf '%s\n' "$@" | xargs -P "${JOBS:-2}" -n 1 sh "$0" --one

failed=$(find "$RESULTS" -name '*.failed' | wc -l)
echo "integration: $(( $# - failed )) of $# passed ($BUILD, SLOW=$SLOW)"
[ "$failed" -eq 0 ]
