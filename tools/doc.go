// Package tools pins the developer tools of this repository and tests its
// release scripts.
//
// go.mod's tool directives pin the generator of the SDK's client
// (oapi-codegen, run by scripts/generate.sh) and the OpenAPI differ (oasdiff,
// run by scripts/api-check.sh), so that they are not in the SDK's go.mod,
// which third parties download. Run them as
// `cd tools && GOWORK=off go tool oapi-codegen …`; the module is not in
// go.work.
//
// The tests run scripts/api-check.sh and scripts/release.sh on throwaway git
// repositories: `make test` runs them like every module's.
package tools
