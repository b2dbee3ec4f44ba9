#!/usr/bin/env bash
# fuzz.sh [TIME] — runs every fuzz target of the collector's engine for TIME
# each (default 5s): briefly in `make test`, longer in `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/../collector"
fuzztime="${1:-5s}"
found=0
for pkg in $(go list ./internal/engine/...); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		found=$((found + 1))
		echo "== fuzz $target ($pkg) for $fuzztime"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" | tail -n 2
	done
done
if [[ $found -eq 0 ]]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi
echo "fuzz.sh: $found fuzz targets ran for $fuzztime each without a failure"
