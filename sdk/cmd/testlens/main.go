// Command testlens is the command-line client of the Testlens API: submit a
// repository, follow its analysis, read its tests and compare analyses.
//
//	testlens analyze <url|path> [--ref R] [--force] [--wait [--timeout D]] [--json]
//	testlens status <id> [--json]
//	testlens tests <id> [--framework F] [--status S] [--path P] [--q TEXT] [--json]
//	testlens diff <id> <base> [--json]
//	testlens cancel <id> [--json]
//	testlens version
//
// TESTLENS_URL is the server (default http://localhost:8080) and
// TESTLENS_API_KEY its API key. Exit codes: 0 ok, 1 the analysis failed or
// was cancelled, 2 usage, 3 API error (4xx), 4 server or network error
// (5xx, unreachable), 5 timed out waiting. `testlens help` says more.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/testlens/testlens/sdk/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
