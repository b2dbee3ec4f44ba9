#!/usr/bin/env bash
# release.sh MODULE VERSION — (make release-MODULE VERSION=vX.Y.Z) releases one module of this repository:
# sdk, contracts, web or collector. In order, it
#   1. refuses a working tree with changes (untracked files included), a VERSION that is not vX.Y.Z[-pre],
#      one not greater than the module's newest MODULE/v* tag, and a module path whose /vN suffix does not
#      match VERSION's major (v0 and v1: no suffix; v2 and up: /vN, as Go requires);
#   2. builds, vets and tests the module on its own (GOWORK=off), as its consumers get it; tests that need
#      PostgreSQL use TEST_DATABASE_URL (the Makefile passes its database);
#   3. for the sdk: checks that the document and the generated code match the code (generate.sh --check)
#      and that the API does not break users of the last release without a new major (api-check.sh);
#   4. prepends a section for VERSION to MODULE/CHANGELOG.md, made of the subjects of the commits that touched
#      MODULE/ since its last tag, commits it alone ("MODULE: release VERSION"), and creates the annotated
#      tag MODULE/VERSION on that commit;
#   5. for contracts: publishes the tagged tree into the file-system proxy third_party/goproxy (which web's and
#      collector's GOWORK=off builds read) and commits it ("contracts: publish VERSION"); web and collector
#      then take it with `go get github.com/testlens/testlens/contracts@VERSION` in their folders.
# Nothing is pushed: the last line says how.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=semver.sh
source "$root/scripts/semver.sh"
# shellcheck source=goenv.sh
source "$root/scripts/goenv.sh"

fail() {
	echo "release: $*" >&2
	exit 1
}

if [[ $# -ne 2 ]]; then
	echo "usage: scripts/release.sh sdk|contracts|web|collector vX.Y.Z   (or: make release-MODULE VERSION=vX.Y.Z)" >&2
	exit 2
fi
module="$1" version="$2"
case "$module" in
sdk | contracts | web | collector) ;;
*) fail "unknown module $module: one of sdk, contracts, web, collector" ;;
esac
[[ "$version" =~ $semver_re ]] || fail "VERSION=$version is not a semantic version vX.Y.Z (e.g. v1.4.0)"
major="${BASH_REMATCH[1]}"
tag="$module/$version"
cd "$root"

# 1. Preconditions.
if [[ -n "$(git status --porcelain)" ]]; then
	git status --short >&2
	fail "the working tree has changes: commit them first (a release is made of committed code only)"
fi
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && fail "the tag $tag exists already"
latest="$(latest_tag "$root" "$module")"
if [[ -n "$latest" && "$(semver_cmp "$version" "${latest#"$module"/}")" != 1 ]]; then
	fail "$version is not greater than the latest release $latest"
fi
path="$(sed -n 's/^module[[:space:]]\{1,\}//p' "$module/go.mod")"
if ((major >= 2)); then
	[[ "$path" == */v"$major" ]] || fail "$version is major $major: the module path in $module/go.mod must end in /v$major (it is $path)"
elif [[ "$path" =~ /v[0-9]+$ ]]; then
	fail "$version is major $major: the module path in $module/go.mod must have no /vN suffix (it is $path)"
fi

# 2. The module on its own.
echo "== $module: build, vet and test with GOWORK=off"
(cd "$module" && GOWORK=off go build ./... && GOWORK=off go vet ./... && GOWORK=off go test -count=1 ./...)

# 3. The SDK's contract.
if [[ "$module" == sdk ]]; then
	echo "== sdk: generated files and API compatibility"
	scripts/generate.sh --check
	API_CHECK_VERSION="$version" scripts/api-check.sh
fi

# 4. Changelog, commit, tag.
range=HEAD
since="the beginning"
if [[ -n "$latest" ]]; then
	range="$latest..HEAD"
	since="$latest"
fi
entries="$(git log --no-merges --format='- %s (%h)' "$range" -- "$module")"
[[ -n "$entries" ]] || fail "no commit touched $module/ since $since: nothing to release"
changelog="$module/CHANGELOG.md"
title="# Changelog of $module ($path)"
{
	echo "$title"
	echo
	echo "## $version — $(date -u +%Y-%m-%d)"
	echo
	echo "$entries"
	if [[ -f "$changelog" ]]; then
		echo
		# The previous sections, without the file's title.
		sed '1{/^# /d}' "$changelog" | sed '/./,$!d'
	fi
} >"$changelog.new"
mv "$changelog.new" "$changelog"
git add "$changelog"
git commit -q -m "$module: release $version" -m "$(printf 'Changes since %s:\n\n%s' "$since" "$entries")"
git tag -a "$tag" -m "$module $version"
echo "release: tagged $tag on $(git rev-parse --short HEAD) with $changelog updated."

# 5. contracts: the proxy its consumers build from.
if [[ "$module" == contracts ]]; then
	(cd tools && GOWORK=off go run ./cmd/modproxy -module contracts -version "$version" -ref "$tag" -out "$root/third_party/goproxy")
	git add third_party/goproxy
	git commit -q -m "contracts: publish $version into third_party/goproxy"
	echo "release: published $version into third_party/goproxy ($(git rev-parse --short HEAD));" \
		"web and collector take it with: GOWORK=off go get github.com/testlens/testlens/contracts@$version"
fi
echo "release: nothing was pushed; to publish: git push origin HEAD $tag"
