#!/usr/bin/env bash
# generate.sh [--check] — the OpenAPI document and the SDK code generated from it.
#
#   scripts/generate.sh          (make generate) writes sdk/openapi.yaml and sdk/openapi.json from web's
#                                operations (`web -openapi`), then sdk/internal/gen/gen.go from sdk/openapi.yaml
#                                with oapi-codegen, which runs from tools/go.mod, never from the SDK's go.mod.
#   scripts/generate.sh --check  (make test) generates the same files into a temporary folder and fails when a
#                                committed one differs: the document from the code, the SDK from the committed
#                                document.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*)
	echo "usage: scripts/generate.sh [--check]" >&2
	exit 2
	;;
esac

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The document: exactly what the server serves, built without a database,
# from the working tree of web and contracts (go.work).
(cd "$root/web" && go build -o "$out/web" ./cmd/web)
"$out/web" -openapi yaml >"$out/openapi.yaml"
"$out/web" -openapi json >"$out/openapi.json"

# The SDK's generated layer, from the committed document when checking (so
# that each of the two drifts is reported on its own), else from the new one.
doc="$out/openapi.yaml"
[[ $check -eq 1 ]] && doc="$root/sdk/openapi.yaml"
(cd "$root/tools" && GOWORK=off go tool oapi-codegen \
	-config "$root/sdk/internal/gen/oapi-codegen.yaml" -o "$out/gen.go" "$doc")

files=(
	"openapi.yaml:sdk/openapi.yaml"
	"openapi.json:sdk/openapi.json"
	"gen.go:sdk/internal/gen/gen.go"
)
if [[ $check -eq 0 ]]; then
	for f in "${files[@]}"; do
		cp "$out/${f%%:*}" "$root/${f#*:}"
	done
	echo "generate.sh: wrote sdk/openapi.yaml, sdk/openapi.json and sdk/internal/gen/gen.go"
	exit 0
fi

drift=0
for f in "${files[@]}"; do
	committed="$root/${f#*:}"
	if ! cmp -s "$out/${f%%:*}" "$committed"; then
		drift=1
		echo "generate.sh: ${f#*:} is not what the code generates:" >&2
		diff -u --label "${f#*:} (committed)" --label "${f#*:} (generated)" "$committed" "$out/${f%%:*}" | head -n 40 >&2 || true
	fi
done
if [[ $drift -ne 0 ]]; then
	echo "generate.sh: the OpenAPI document or the generated SDK drifted from the code: run make generate (and commit the result)" >&2
	exit 1
fi
echo "generate.sh: sdk/openapi.yaml, sdk/openapi.json and sdk/internal/gen/gen.go match the code"
