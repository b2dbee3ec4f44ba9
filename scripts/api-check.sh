#!/usr/bin/env bash
# api-check.sh [REPO] — (make api-check) fails when REPO's sdk/openapi.yaml (default: this repository's) would
# break users of the last released SDK without a new major version.
#
# The released document is sdk/openapi.yaml at the newest sdk/vX.Y.Z tag, or sdk/api/baseline.yaml while no
# sdk tag exists (the baseline counts as major 0: it is the design of issue 4, not a release). oasdiff
# (tools/go.mod) compares the two: its errors are breaking changes, its warnings are printed only.
#
# A breaking change passes only when the major version grows:
#   released major  X of the tag sdk/vX.Y.Z (0 for the baseline);
#   new major       X of API_CHECK_VERSION=vX.Y.Z when set (make release-sdk passes VERSION), else N of the
#                   module path's /vN suffix in sdk/go.mod (github.com/testlens/testlens/sdk/v2 → 2); a path
#                   without a suffix stands for the released major, since it cannot tell v0 from v1.
# So a breaking change ships either as `make release-sdk VERSION=v(X+1).0.0` (with the /v(X+1) suffix from
# v2 on, which release.sh checks), or after the suffix was raised in sdk/go.mod.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "${1:-$here}" && pwd)"
new="$repo/sdk/openapi.yaml"

# shellcheck source=semver.sh
source "$here/scripts/semver.sh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The newest released sdk tag, by semantic version (pre-releases below their release).
latest="$(latest_tag "$repo" sdk)"
if [[ -n "$latest" ]] && git -C "$repo" cat-file -e "$latest:sdk/openapi.yaml" 2>/dev/null; then
	git -C "$repo" show "$latest:sdk/openapi.yaml" >"$tmp/base.yaml"
	base_name="sdk/openapi.yaml of $latest"
	[[ "${latest#sdk/}" =~ $semver_re ]]
	base_major="${BASH_REMATCH[1]}"
elif [[ -f "$repo/sdk/api/baseline.yaml" ]]; then
	cp "$repo/sdk/api/baseline.yaml" "$tmp/base.yaml"
	base_name="sdk/api/baseline.yaml (no sdk/v* tag holds sdk/openapi.yaml yet)"
	base_major=0
else
	echo "api-check: neither an sdk/v* tag with sdk/openapi.yaml nor sdk/api/baseline.yaml: nothing to compare with" >&2
	exit 1
fi

if [[ -n "${API_CHECK_VERSION:-}" ]]; then
	if ! [[ "$API_CHECK_VERSION" =~ $semver_re ]]; then
		echo "api-check: API_CHECK_VERSION=$API_CHECK_VERSION is not a semantic version vX.Y.Z" >&2
		exit 2
	fi
	new_major="${BASH_REMATCH[1]}"
	new_name="the release $API_CHECK_VERSION"
else
	module="$(sed -n 's/^module[[:space:]]\{1,\}//p' "$repo/sdk/go.mod")"
	if [[ "$module" =~ /v([0-9]+)$ ]]; then
		new_major="${BASH_REMATCH[1]}"
	else
		new_major="$base_major"
	fi
	new_name="the module $module"
fi

echo "api-check: sdk/openapi.yaml against $base_name (major $base_major; $new_name has major $new_major)"
set +e
(cd "$here/tools" && GOWORK=off go tool oasdiff breaking --fail-on ERR --color never \
	--allow-external-refs=false "$tmp/base.yaml" "$new") >"$tmp/report" 2>&1
rc=$?
set -e
sed 's#'"$tmp"'/base.yaml#released#g; s#'"$repo"'/##g' "$tmp/report"
case $rc in
0)
	echo "api-check: no breaking change"
	;;
1)
	if ((new_major > base_major)); then
		echo "api-check: breaking changes accepted: the major version grows from $base_major to $new_major"
	else
		echo "api-check: FAILED: breaking changes for users of the released SDK (major $base_major)." >&2
		echo "  Make the change additive (new optional fields, new operations), or release a new major:" >&2
		next=$((base_major + 1))
		suffix=""
		((next >= 2)) && suffix=", with the module path in sdk/go.mod ending in /v$next"
		echo "  make release-sdk VERSION=v$next.0.0$suffix." >&2
		exit 1
	fi
	;;
*)
	echo "api-check: oasdiff failed (exit $rc)" >&2
	exit "$rc"
	;;
esac
