// Package cli is the collector's command line: the worker service, the
// local inventory command and the schema migrations.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/testlens/testlens/collector/internal/engine"
	"github.com/testlens/testlens/collector/internal/migrate"
	"github.com/testlens/testlens/collector/internal/service"
	"github.com/testlens/testlens/contracts/inventory"
)

const usage = `usage: collector [command]

commands:
  run (default)            work the analysis queue until SIGINT/SIGTERM
  inventory PATH [--json]  inventory the tests of a local checkout, without the service
  migrate [--plan]         bring DATABASE_URL to this commit's schema (Atlas + River);
                           --plan prints the SQL without applying it;
                           destructive steps need ALLOW_DESTRUCTIVE=1 (or --allow-destructive)
  version                  print the engine version

Configuration is read from the environment; see README.md.

exit codes: 0 success, 1 failure, 2 usage error, 3 destructive migration refused
`

// Exit codes.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitDestructive = 3
)

// Main runs the command in args and returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runService(ctx, args, stderr, getenv)
	case "inventory":
		err = runInventory(ctx, args, stdout, stderr)
	case "migrate":
		err = runMigrate(ctx, args, stdout, stderr, getenv)
	case "version":
		fmt.Fprintln(stdout, "collector engine", engine.Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "collector: unknown command %q\n\n%s", cmd, usage)
		return ExitUsage
	}
	var usageErr *usageError
	var destructive *migrate.DestructiveError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "collector %s: %v\n\n%s", cmd, err, usage)
		return ExitUsage
	case errors.As(err, &destructive):
		fmt.Fprintf(stderr, "collector %s: %v\n", cmd, err)
		return ExitDestructive
	default:
		fmt.Fprintf(stderr, "collector %s: %v\n", cmd, err)
		return ExitFailure
	}
}

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func runService(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := newFlags("run", stderr)
	if err := fs.Parse(args); err != nil {
		return &usageError{err.Error()}
	}
	cfg, err := service.FromEnv(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	return service.Run(ctx, cfg, logger)
}

func runInventory(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("inventory", stderr)
	asJSON := fs.Bool("json", false, "print the inventory document as JSON (the API's GET /v1/analyses/{id}/inventory)")
	workers := fs.Int("workers", 0, "files parsed at once (default: number of CPUs)")
	stats := fs.Bool("stats", false, "print throughput, CPU per test file and peak memory to stderr")
	repeat := fs.Int("repeat", 1, "scan this many times (with --stats: averages over the runs)")
	warmup := fs.Int("warmup", 0, "scan this many times first, outside the averages: a long-running collector compiles its queries once, not per analysis (with --stats: their CPU is reported as warmup_cpu_ms)")
	// Accept the path before or after the flags.
	var paths []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) > 0 {
			paths = append(paths, args[0])
			args = args[1:]
		}
	}
	if len(paths) != 1 {
		return &usageError{"want exactly one PATH"}
	}
	root, err := filepath.Abs(paths[0])
	if err != nil {
		return err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a directory", paths[0])
	}
	if *repeat < 1 {
		return &usageError{"--repeat must be at least 1"}
	}
	if *warmup < 0 {
		return &usageError{"--warmup must not be negative"}
	}
	warmStart := cpuTime()
	for range *warmup {
		if _, _, err := engine.InventoryStats(ctx, root, engine.Config{Workers: *workers}); err != nil {
			return err
		}
	}
	warmCPU := cpuTime() - warmStart
	meter := startMeter()
	var doc inventory.Document
	var st engine.Stats
	for range *repeat {
		doc, st, err = engine.InventoryStats(ctx, root, engine.Config{Workers: *workers})
		if err != nil {
			return err
		}
	}
	if *stats {
		meter.report(stderr, st, *repeat, engine.Config{Workers: *workers}.WithDefaults().Workers, *warmup, warmCPU)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	printHuman(stdout, doc)
	return nil
}

func printHuman(w io.Writer, doc inventory.Document) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tFILES\tTESTS\tCASES\tSKIPPED\tTODO\tFOCUSED")
	for _, fw := range doc.Summary.Frameworks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", fw.Framework, fw.Files, fw.Tests, fw.Cases, fw.Skipped, fw.Todo, fw.Focused)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\t\t\n", doc.Summary.Files, doc.Summary.Tests, doc.Summary.Cases)
	tw.Flush()
	for _, f := range doc.Files {
		if f.SkipReason != "" {
			fmt.Fprintf(w, "skipped %s: %s\n", f.Path, f.SkipReason)
		}
	}
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := newFlags("migrate", stderr)
	planOnly := fs.Bool("plan", false, "print the SQL plan without applying it")
	allow := fs.Bool("allow-destructive", false, "apply destructive steps (same as ALLOW_DESTRUCTIVE=1)")
	if err := fs.Parse(args); err != nil {
		return &usageError{err.Error()}
	}
	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		return errors.New("DATABASE_URL is required")
	}
	opts := migrate.Options{
		AllowDestructive: *allow || getenv("ALLOW_DESTRUCTIVE") == "1" || strings.EqualFold(getenv("ALLOW_DESTRUCTIVE"), "true"),
		DevURL:           getenv("TESTLENS_MIGRATE_DEV_URL"),
	}
	if *planOnly {
		plan, err := migrate.Compute(ctx, dbURL, opts)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, plan.String())
		if d := plan.Destructive(); len(d) > 0 {
			fmt.Fprintf(stdout, "-- %d destructive step(s): applying needs ALLOW_DESTRUCTIVE=1\n", len(d))
		}
		return nil
	}
	res, err := migrate.Apply(ctx, dbURL, opts)
	if err != nil {
		return err
	}
	if len(res.Applied) == 0 && len(res.RiverVersions) == 0 {
		fmt.Fprintln(stdout, "migrate: the database is up to date")
		return nil
	}
	for _, s := range res.Applied {
		stmt := s.SQL
		if len(stmt) > 110 {
			stmt = stmt[:107] + "..."
		}
		fmt.Fprintf(stdout, "applied: %s\n", stmt)
	}
	if len(res.RiverVersions) > 0 {
		fmt.Fprintf(stdout, "applied River migrations %v\n", res.RiverVersions)
	}
	return nil
}
