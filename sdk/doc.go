// Package testlens is the Go client of the Testlens API, which inventories
// the tests of git repositories: submit a repository, wait for its analysis,
// then read its tests.
//
//	client, err := testlens.NewClient("https://testlens.example.com", testlens.WithAPIKey(key))
//	analysis, err := client.Analyze(ctx, testlens.AnalyzeRequest{RepositoryURL: "https://github.com/owner/repo"})
//	analysis, err = client.Wait(ctx, analysis.ID)
//	for test, err := range client.Tests(ctx, analysis.ID, testlens.ListTestsOptions{}) {
//		…
//	}
//
// Every method takes a context first and returns the SDK's own types. A
// non-2xx answer is always an error, an *APIError carrying the server's
// RFC 9457 problem (status, stable Type, detail, invalid inputs) and its
// request id; IsNotFound, IsConflict and IsRateLimited test for the common
// ones. Connection errors and the statuses 429, 502, 503 and 504 are retried
// with exponential backoff and jitter, honouring Retry-After up to a cap
// (WithRetry); creating an analysis sends an Idempotency-Key, the same for
// every retry, so that a retry never creates a second analysis.
//
// The client is generated (package internal/gen, by oapi-codegen) from the
// OpenAPI document committed beside this file, openapi.yaml, which is the
// API's contract; this package is the stable layer on top. The testlens
// command (cmd/testlens) is a CLI built on it.
package testlens
