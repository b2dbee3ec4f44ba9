#!/usr/bin/env bash
# contracts-status.sh — says which released contracts web and collector build against (GOWORK=off), and
# whether the working tree of contracts has changes not yet released (docs/releasing.md: release contracts,
# then `go get` it in web and collector). A note, not a failure: unreleased contracts changes are normal
# while developing in the workspace; a GOWORK=off build that needs them fails on its own.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for m in web collector; do
	v="$(sed -n 's|^[[:space:]]*github.com/testlens/testlens/contracts \(v[^ ]*\).*$|\1|p' "$m/go.mod" | head -1)"
	tag="contracts/$v"
	if ! git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
		echo "contracts: $m builds against $v (tag $tag not in this clone: cannot compare)"
	elif git diff --quiet "$tag" HEAD -- contracts ':!contracts/CHANGELOG.md'; then
		echo "contracts: $m builds against $v, the same as the working tree"
	else
		echo "contracts: $m builds against $v; contracts changed since (git diff $tag -- contracts): release it and go get it in $m to ship them"
	fi
done
