// Command demo is `make demo`: it starts web and collector as separate
// processes against DATABASE_URL (already migrated), submits this repository
// through the HTTP API, waits for the analysis, prints the per-framework
// summary and a few tests, and stops what it started.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/tabwriter"
	"time"

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

	client := &harness.Client{BaseURL: stack.URL}
	started := time.Now()
	analysis, hdr, err := client.Submit(ctx, root, "")
	if err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	fmt.Printf("POST /v1/analyses {repository_url: %q} → analysis %d, %s (Location: %s)\n",
		root, analysis.ID, analysis.Status, hdr.Get("Location"))

	waitCtx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	analysis, err = client.Wait(waitCtx, analysis.ID, func(a harness.Analysis) {
		fmt.Printf("  %6.2fs  %-9s files %d, tests %d\n", time.Since(started).Seconds(), a.Status, a.Progress.FilesDone, a.Progress.TestsFound)
	})
	if err != nil {
		return err
	}
	if analysis.Status != "completed" {
		return fmt.Errorf("analysis %d ended %s: %s", analysis.ID, analysis.Status, analysis.FailureReason)
	}

	fmt.Printf("\nanalysis %d of commit %.12s completed in %.2fs (engine %s)\n\n", analysis.ID, analysis.CommitSHA, time.Since(started).Seconds(), analysis.EngineVersion)
	s := analysis.Summary
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tFILES\tTESTS\tCASES\tSKIPPED\tTODO\tFOCUSED")
	for _, fw := range s.Frameworks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", fw.Framework, fw.Files, fw.Tests, fw.Cases, fw.Skipped, fw.Todo, fw.Focused)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\t\t\n", s.Files, s.Tests, s.Cases)
	tw.Flush()

	var page struct {
		Items []harness.Test `json:"items"`
	}
	if _, err := client.Do(ctx, "GET", fmt.Sprintf("/v1/analyses/%d/tests?limit=8", analysis.ID), nil, &page); err != nil {
		return err
	}
	fmt.Printf("\nfirst %d tests (GET /v1/analyses/%d/tests):\n", len(page.Items), analysis.ID)
	for _, t := range page.Items {
		name := t.Name
		for i := len(t.SuitePath) - 1; i >= 0; i-- {
			name = t.SuitePath[i] + "/" + name
		}
		fmt.Printf("  %s:%d  %s  [%s]\n", t.Path, t.Line, name, t.Status)
	}

	if err := stack.Stop(); err != nil {
		return fmt.Errorf("stopping the services: %w", err)
	}
	fmt.Println("\nstopped web and collector. `make run` keeps them running; `make down` stops PostgreSQL.")
	return nil
}
