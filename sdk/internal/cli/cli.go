// Package cli is the testlens command: Run parses the arguments, calls the
// API through the SDK and maps the outcome to the documented exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/testlens/testlens/sdk"
)

// Exit codes of the testlens command.
const (
	ExitOK       = 0 // the command did what it was asked
	ExitFailed   = 1 // the analysis failed or was cancelled
	ExitUsage    = 2 // bad arguments or environment
	ExitAPI      = 3 // the API refused the request (4xx)
	ExitServer   = 4 // the server failed (5xx) or could not be reached
	ExitTimeout  = 5 // waiting for the analysis took longer than --timeout
	ExitCanceled = 130
)

// DefaultURL is the server used when TESTLENS_URL is not set: the one
// `make run` starts.
const DefaultURL = "http://localhost:8080"

const usage = `testlens — the command-line client of the Testlens API

usage:
  testlens analyze <url|path> [--ref R] [--force] [--wait [--timeout D]] [--json]
      submit a repository (an https:// URL, or a local path that the server
      may read when it runs with TESTLENS_ALLOW_LOCAL_REPOS=1); with --wait,
      follow the analysis (a progress bar on a terminal, one line per change
      otherwise) and print its summary
  testlens status <id> [--json]           show an analysis
  testlens tests <id> [--framework F] [--status S] [--path P] [--q TEXT] [--json]
      list the tests of an analysis, every page; --json prints one JSON
      object per line
  testlens diff <id> <base> [--json]      tests added, removed and changed since base
  testlens cancel <id> [--json]           cancel an analysis
  testlens version                        print the version

environment:
  TESTLENS_URL      the server (default http://localhost:8080)
  TESTLENS_API_KEY  the API key, sent as a bearer token

exit codes:
  0 ok, 1 the analysis failed or was cancelled, 2 usage, 3 API error (4xx),
  4 server or network error (5xx, unreachable), 5 timed out waiting
`

// env is what a command needs besides its arguments.
type env struct {
	getenv         func(string) string
	stdout, stderr io.Writer
}

// Run runs the testlens command with args (without the program name),
// reading the environment through getenv, and returns its exit code.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	commands := map[string]func(context.Context, env, []string) error{
		"analyze": analyze,
		"status":  status,
		"tests":   tests,
		"diff":    diff,
		"cancel":  cancel,
		"version": version,
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "testlens: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
	err := cmd(ctx, e, args[1:])
	code := exitCode(ctx, err)
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintln(stderr, "testlens:", err)
	}
	return code
}

// Errors that carry their exit code.
var (
	// errReported: the command printed why it failed (exit 1).
	errReported = errors.New("reported")
	// errTimedOut: waiting ran past --timeout (exit 5).
	errTimedOut = errors.New("timed out waiting for the analysis")
)

// usageError is bad arguments (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + " (testlens help shows the usage)" }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func exitCode(ctx context.Context, err error) int {
	var (
		apiErr *testlens.APIError
		uErr   usageError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errReported):
		return ExitFailed
	case errors.As(err, &uErr):
		return ExitUsage
	case errors.Is(err, errTimedOut):
		return ExitTimeout
	case errors.As(err, &apiErr):
		if apiErr.Status >= 500 {
			return ExitServer
		}
		return ExitAPI
	case ctx.Err() != nil:
		return ExitCanceled
	default:
		return ExitServer
	}
}

// newClient makes the SDK client from the environment.
func (e env) newClient() (*testlens.Client, error) {
	base := e.getenv("TESTLENS_URL")
	if base == "" {
		base = DefaultURL
	}
	opts := []testlens.Option{testlens.WithUserAgent("testlens-cli/" + testlens.Version())}
	if key := e.getenv("TESTLENS_API_KEY"); key != "" {
		opts = append(opts, testlens.WithAPIKey(key))
	}
	c, err := testlens.NewClient(base, opts...)
	if err != nil {
		return nil, usagef("TESTLENS_URL: %v", err)
	}
	return c, nil
}

// parse parses args with fs, flags and positional arguments in any order,
// and returns exactly want positional arguments named by names.
func parse(fs *flag.FlagSet, args []string, names ...string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) != len(names) {
		return nil, usagef("%s takes %s, got %d argument(s)", fs.Name(), strings.Join(wrap(names), " "), len(positional))
	}
	return positional, nil
}

func wrap(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "<" + n + ">"
	}
	return out
}

// idsAndClient parses args with fs, wanting one analysis id per name, and
// makes the client: the start of every command that takes ids.
func (e env) idsAndClient(fs *flag.FlagSet, args []string, names ...string) ([]int64, *testlens.Client, error) {
	pos, err := parse(fs, args, names...)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, len(pos))
	for i, p := range pos {
		if ids[i], err = strconv.ParseInt(p, 10, 64); err != nil || ids[i] < 1 {
			return nil, nil, usagef("%s: %q is not an analysis id (a positive number)", fs.Name(), p)
		}
	}
	client, err := e.newClient()
	return ids, client, err
}
