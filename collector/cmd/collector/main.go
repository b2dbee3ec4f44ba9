// Command collector is the Testlens worker service: it clones repositories,
// finds their tests and stores the inventories. See `collector help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/testlens/testlens/collector/internal/cli"
)

// gcPercent and memoryLimit are the collector's garbage collector settings
// unless GOGC or GOMEMLIMIT set them. Nearly all an analysis allocates is
// one file's syntax tree, garbage once the file is read: collecting at 5×
// the live heap instead of 2× costs 10–20 % less CPU per test file (the Go
// standard library: 0.85–0.98 → 0.72–0.75 ms; docs/benchmarks.md) for
// 10–40 MB more peak RSS. The soft limit makes the collector collect
// harder before its heap passes it; Terraform sets GOMEMLIMIT from the
// task's memory instead.
const (
	gcPercent   = 400
	memoryLimit = 512 << 20
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	if code != 0 {
		os.Exit(code)
	}
}
