#!/usr/bin/env bash
# fuzz.sh [BUDGET] — runs every fuzz target of the collector's engine for
# BUDGET each (default 5s): briefly in `make test`, longer in `make fuzz`.
# BUDGET is a duration (60s) or an execution count (5000x). `make test` uses a
# count: Go 1.26's fuzz coordinator can fail a duration run with a bare
# "context deadline exceeded" when -fuzztime expires mid-execution
# (go.dev/issue/75804, fixed in Go 1.27); a count has no deadline to race.
# For duration runs that failure is retried once, and only when no failing
# input was written; any real finding still fails.
# A failing target prints its whole output and the input that failed, so
# that a CI log alone is enough to reproduce it.
set -euo pipefail
cd "$(dirname "$0")/../collector"
fuzztime="${1:-5s}"
found=0
log="$(mktemp)"
started="$(mktemp)"
trap 'rm -f "$log" "$started"' EXIT
run_once() {
	go test -run '^$' -fuzz "^${2}\$" -fuzztime "$fuzztime" "$1" >"$log" 2>&1
}

# deadline_race: the run failed only with the Go 1.26 coordinator race.
deadline_race() {
	grep -q 'context deadline exceeded' "$log" &&
		! grep -qE 'Failing input written|panic:' "$log" &&
		! grep -qE '^\s+[A-Za-z0-9_]+\.go:[0-9]+:' "$log"
}

run_target() {
	run_once "$@" && return 0
	if [[ "$fuzztime" != *x ]] && deadline_race; then
		echo "   (Go fuzz coordinator deadline race, go.dev/issue/75804: no input failed; running again)"
		run_once "$@" && return 0
	fi
	return 1
}

for pkg in $(go list ./internal/engine/...); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		found=$((found + 1))
		echo "== fuzz $target ($pkg) for $fuzztime"
		touch "$started"
		if ! run_target "$pkg" "$target"; then
			cat "$log"
			dir="$(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$target"
			# Only inputs written by this run: older ones are committed seeds.
			find "$dir" -type f -newer "$started" 2>/dev/null | while read -r input; do
				echo "-- failing input $input:"
				cat "$input"
			done
			exit 1
		fi
		tail -n 1 "$log"
	done
done
if [[ $found -eq 0 ]]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi
echo "fuzz.sh: $found fuzz targets ran for $fuzztime each without a failure"
