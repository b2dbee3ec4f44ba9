// Command collector is the Testlens worker service: it clones repositories,
// finds their tests and stores the inventories. See `collector help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/testlens/testlens/collector/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	if code != 0 {
		os.Exit(code)
	}
}
