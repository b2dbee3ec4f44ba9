package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/testlens/testlens/sdk"
)

func analyze(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	ref := fs.String("ref", "", "branch, tag or commit (default: the default branch)")
	force := fs.Bool("force", false, "analyse again even when an analysis of the commit exists")
	wait := fs.Bool("wait", false, "follow the analysis until it ends")
	timeout := fs.Duration("timeout", 30*time.Minute, "with --wait, give up after this long (0: never)")
	asJSON := fs.Bool("json", false, "print the analysis as JSON")
	pos, err := parse(fs, args, "url|path")
	if err != nil {
		return err
	}
	repo, err := repositoryArg(pos[0])
	if err != nil {
		return err
	}
	client, err := e.newClient()
	if err != nil {
		return err
	}
	a, err := client.Analyze(ctx, testlens.AnalyzeRequest{RepositoryURL: repo, Ref: *ref, Force: *force})
	if err != nil {
		return err
	}
	if !*wait {
		if *asJSON {
			return writeJSON(e, a)
		}
		fmt.Fprintf(e.stdout, "analysis %d %s (%s)\n", a.ID, a.Status, a.RepositoryURL)
		return nil
	}
	if !*asJSON {
		fmt.Fprintf(e.stderr, "analysis %d of %s\n", a.ID, a.RepositoryURL)
	}
	a, err = follow(ctx, e, client, a, *timeout)
	if err != nil {
		return err
	}
	return report(e, a, *asJSON)
}

// repositoryArg turns the analyze argument into what the API takes: a URL
// as it is, a local path made absolute (the server resolves paths itself).
func repositoryArg(arg string) (string, error) {
	if strings.Contains(arg, "://") || strings.HasPrefix(arg, "git@") {
		return arg, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", usagef("analyze: %v", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return "", usagef("analyze: %q is neither a URL nor an existing local path", arg)
	}
	return abs, nil
}

// follow watches a until it ends or timeout passes, showing its progress
// on stderr.
func follow(ctx context.Context, e env, client *testlens.Client, a *testlens.Analysis, timeout time.Duration) (*testlens.Analysis, error) {
	waitCtx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		waitCtx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	p := newProgress(e.stderr)
	defer p.done()
	last := a
	for next, err := range client.Watch(waitCtx, a.ID) {
		if err != nil {
			if ctx.Err() == nil && waitCtx.Err() != nil {
				p.done()
				return nil, fmt.Errorf("analysis %d still %s after %s: %w", a.ID, last.Status, timeout, errTimedOut)
			}
			return nil, err
		}
		last = next
		p.show(next)
	}
	return last, nil
}

// report prints an ended analysis and turns a failure into exit code 1.
func report(e env, a *testlens.Analysis, asJSON bool) error {
	if asJSON {
		if err := writeJSON(e, a); err != nil {
			return err
		}
	} else {
		printAnalysis(e.stdout, a)
	}
	switch a.Status {
	case testlens.StatusFailed, testlens.StatusCancelled:
		if !asJSON {
			fmt.Fprintf(e.stderr, "testlens: analysis %d %s%s\n", a.ID, a.Status, suffix(": ", a.FailureReason))
		}
		return errReported
	}
	return nil
}

func status(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the analysis as JSON")
	ids, client, err := e.idsAndClient(fs, args, "id")
	if err != nil {
		return err
	}
	id := ids[0]
	a, err := client.GetAnalysis(ctx, id)
	if err != nil {
		return err
	}
	return report(e, a, *asJSON)
}

func tests(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("tests", flag.ContinueOnError)
	var opts testlens.ListTestsOptions
	fs.StringVar(&opts.Framework, "framework", "", "only tests of this framework (such as go-testing, jest)")
	fs.Func("status", "only tests with this status: active, skipped, todo, focused or xfail", func(s string) error {
		opts.Status = testlens.TestStatus(s)
		return nil
	})
	fs.StringVar(&opts.PathPrefix, "path", "", "only tests of files whose path starts with this")
	fs.StringVar(&opts.Query, "q", "", "only tests whose name contains this text")
	asJSON := fs.Bool("json", false, "print one JSON object per test and line")
	ids, client, err := e.idsAndClient(fs, args, "id")
	if err != nil {
		return err
	}
	id := ids[0]
	opts.Limit = 500
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	n := 0
	for t, err := range client.Tests(ctx, id, opts) {
		if err != nil {
			return err
		}
		n++
		if *asJSON {
			if err := enc.Encode(t); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "%s:%d\t%s\t%s\t%s", t.Path, t.Line, testName(t.SuitePath, t.Name), t.Status, t.Framework)
		if t.Condition != "" {
			// A fifth column only where there is a condition, so that the
			// four columns of every other line read as they always did.
			fmt.Fprintf(e.stdout, "\tif %s", t.Condition)
		}
		fmt.Fprintln(e.stdout)
	}
	if !*asJSON {
		fmt.Fprintf(e.stderr, "%d %s\n", n, map[bool]string{true: "test", false: "tests"}[n == 1])
	}
	return nil
}

func diff(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the diff as JSON")
	ids, client, err := e.idsAndClient(fs, args, "id", "base")
	if err != nil {
		return err
	}
	d, err := client.Diff(ctx, ids[0], ids[1])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e, d)
	}
	for _, t := range d.Added {
		fmt.Fprintf(e.stdout, "+ %s:%d\t%s\t%s\n", t.Path, t.Line, testName(t.SuitePath, t.Name), t.Status)
	}
	for _, t := range d.Removed {
		fmt.Fprintf(e.stdout, "- %s:%d\t%s\t%s\n", t.Path, t.Line, testName(t.SuitePath, t.Name), t.Status)
	}
	for _, t := range d.Changed {
		fmt.Fprintf(e.stdout, "~ %s:%d\t%s\t%s → %s\n", t.Path, t.Line, testName(t.SuitePath, t.Name), t.BaseStatus, t.Status)
	}
	fmt.Fprintf(e.stdout, "analysis %d against %d: %d added, %d removed, %d changed%s\n", d.Head.ID, d.Base.ID,
		d.Totals.Added, d.Totals.Removed, d.Totals.Changed, map[bool]string{true: " (lists truncated)"}[d.Truncated])
	return nil
}

func cancel(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("cancel", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the analysis as JSON")
	ids, client, err := e.idsAndClient(fs, args, "id")
	if err != nil {
		return err
	}
	id := ids[0]
	a, err := client.Cancel(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return writeJSON(e, a)
	case a.Status == testlens.StatusCancelled:
		fmt.Fprintf(e.stdout, "analysis %d cancelled\n", a.ID)
	case a.Status.Terminal():
		fmt.Fprintf(e.stdout, "analysis %d had already ended: %s\n", a.ID, a.Status)
	default:
		fmt.Fprintf(e.stdout, "analysis %d %s: cancel requested, it stops within seconds\n", a.ID, a.Status)
	}
	return nil
}

func version(_ context.Context, e env, args []string) error {
	if _, err := parse(flag.NewFlagSet("version", flag.ContinueOnError), args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "testlens", testlens.Version())
	return nil
}

func writeJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func testName(suites []string, name string) string {
	return strings.Join(append(append([]string{}, suites...), name), " › ")
}

func suffix(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
