// Command demo is `make demo`: it starts web and collector as separate
// processes against DATABASE_URL (already migrated), then analyses this
// repository with the testlens CLI (bin/testlens, which `make build` makes)
// as a user would: `testlens analyze <path> --wait` follows the analysis and
// prints its per-framework summary, `testlens tests` lists a few of its
// tests. Then it stops what it started.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/testlens/testlens/e2e/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		return fmt.Errorf("DATABASE_URL is not set: run `make demo`, which starts PostgreSQL and migrates it")
	}
	root, err := harness.RepoRoot()
	if err != nil {
		return err
	}
	binDir := os.Getenv("TESTLENS_BIN")
	if binDir == "" {
		binDir = filepath.Join(root, "bin")
	}
	bins := harness.Binaries{Web: filepath.Join(binDir, "web"), Collector: filepath.Join(binDir, "collector")}

	// Service logs go to a file so the demo's own output stays readable.
	logPath := filepath.Join(root, ".testlens", "demo.log")
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()

	fmt.Println("starting collector and web (logs in .testlens/demo.log)…")
	stack, err := harness.Start(ctx, harness.Options{
		Binaries:    bins,
		DatabaseURL: dbURL,
		Env:         []string{"TESTLENS_ALLOW_LOCAL_REPOS=1"},
		Logs:        logFile,
	})
	if err != nil {
		return err
	}
	defer stack.Stop()
	fmt.Printf("web is up at %s (OpenAPI: %s/openapi.json, docs: %s/docs)\n", stack.URL, stack.URL, stack.URL)

	// The rest is what a user of the CLI types.
	cli := func(stdout io.Writer, args ...string) error {
		fmt.Printf("\n$ testlens %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, filepath.Join(binDir, "testlens"), args...)
		cmd.Env = append(os.Environ(), "TESTLENS_URL="+stack.URL)
		cmd.Stdout, cmd.Stderr = stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("testlens %s: %w", args[0], err)
		}
		return nil
	}
	var summary bytes.Buffer
	if err := cli(io.MultiWriter(os.Stdout, &summary), "analyze", root, "--wait", "--timeout", "5m"); err != nil {
		return err
	}
	id := analysisID(summary.String())
	if id == "" {
		return fmt.Errorf("testlens analyze printed no analysis id:\n%s", summary.String())
	}
	if err := cli(os.Stdout, "tests", id, "--path", "e2e/", "--q", "analyze"); err != nil {
		return err
	}
	if err := stack.Stop(); err != nil {
		return fmt.Errorf("stopping the services: %w", err)
	}
	fmt.Println("\nstopped web and collector. `make run` keeps them running; `make down` stops PostgreSQL.")
	return nil
}

// analysisID finds the id in the "analysis <id>" line of the CLI's summary.
func analysisID(summary string) string {
	for _, line := range strings.Split(summary, "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "analysis" {
			return f[1]
		}
	}
	return ""
}
