// Package gitclone fetches one ref of a repository into a temporary folder
// with the git CLI, as safely and cheaply as git allows: one commit deep, no
// tags, no submodules, no hooks, no LFS downloads, only allowed transports,
// never a prompt, within a time and a size limit. Every clone option lives
// here and nowhere else.
package gitclone

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/repourl"
)

// Options limits a clone.
type Options struct {
	// Timeout bounds the whole fetch and checkout. Defaults to 5 minutes.
	Timeout time.Duration
	// MaxBytes bounds the size of the fetched objects (the packed commit).
	// Defaults to 1 GiB.
	MaxBytes int64
	// TempDir is where checkouts are made. Defaults to os.TempDir().
	TempDir string
	// GitPath is the git executable. Defaults to "git" on PATH.
	GitPath string
}

// WithDefaults returns o with every zero field set to its default.
func (o Options) WithDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Minute
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 30
	}
	if o.TempDir == "" {
		o.TempDir = os.TempDir()
	}
	if o.GitPath == "" {
		o.GitPath = "git"
	}
	return o
}

// PermanentError is a failure that retrying cannot fix: the repository or
// ref does not exist, or a limit was exceeded.
type PermanentError struct {
	// Reason is a sentence for the client.
	Reason string
}

func (e *PermanentError) Error() string { return e.Reason }

// IsPermanent reports whether err (or an error it wraps) is permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// Checkout is a fetched working tree. Close removes it.
type Checkout struct {
	// Dir is the root of the working tree.
	Dir string
	// Commit is the full SHA that was checked out.
	Commit string
}

// Close removes the working tree.
func (c *Checkout) Close() error { return os.RemoveAll(c.Dir) }

var fullSHA = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// Clone fetches ref (a branch, tag or full commit SHA; empty for the remote's
// default branch) of the repository at canonicalURL — a URL already accepted
// by the repourl policy — and checks it out.
func Clone(ctx context.Context, canonicalURL, ref string, opts Options) (*Checkout, error) {
	opts = opts.WithDefaults()
	if strings.HasPrefix(ref, "-") {
		return nil, &PermanentError{Reason: fmt.Sprintf("invalid ref %q", ref)}
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	dir, err := os.MkdirTemp(opts.TempDir, "testlens-clone-*")
	if err != nil {
		return nil, fmt.Errorf("create checkout folder: %w", err)
	}
	co := &Checkout{Dir: dir}
	fail := func(err error) (*Checkout, error) {
		_ = co.Close()
		if ctx.Err() != nil && errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			return nil, &PermanentError{Reason: fmt.Sprintf("cloning took longer than the %s limit", opts.Timeout)}
		}
		return nil, err
	}

	_, local := repourl.LocalPath(canonicalURL)
	g := runner{git: opts.GitPath, dir: dir, local: local}
	if _, err := g.run(ctx, "init", "-q"); err != nil {
		return fail(err)
	}
	want := ref
	if want == "" {
		want = "HEAD"
	}
	// "--" ends options: neither URL nor ref can be read as a flag.
	if _, err := g.run(ctx, "fetch", "-q", "--depth=1", "--no-tags", "--no-recurse-submodules", "--", canonicalURL, want); err != nil {
		return fail(classifyFetch(err, ref))
	}
	if size, err := g.packedBytes(ctx); err != nil {
		return fail(err)
	} else if size > opts.MaxBytes {
		return fail(&PermanentError{Reason: fmt.Sprintf("the repository is %d bytes at this commit, over the %d-byte limit", size, opts.MaxBytes)})
	}
	if _, err := g.run(ctx, "checkout", "-q", "--detach", "FETCH_HEAD"); err != nil {
		return fail(err)
	}
	out, err := g.run(ctx, "rev-parse", "HEAD")
	if err != nil {
		return fail(err)
	}
	co.Commit = strings.TrimSpace(out)
	if ref != "" && fullSHA.MatchString(ref) && !strings.EqualFold(ref, co.Commit) {
		return fail(fmt.Errorf("fetched %s but asked for %s", co.Commit, ref))
	}
	return co, nil
}

type runner struct {
	git   string
	dir   string
	local bool
}

// gitError carries git's own message, which classifyFetch reads.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", e.args[0], msg)
}

func (r runner) run(ctx context.Context, args ...string) (string, error) {
	fileProtocol := "never"
	if r.local {
		fileProtocol = "always"
	}
	// Hardening: no hooks, no LFS filters, no credential prompts, only https
	// (and file for allowed local repositories), no user or system config.
	full := append([]string{
		"-c", "core.hooksPath=/dev/null",
		"-c", "protocol.allow=never",
		"-c", "protocol.https.allow=always",
		"-c", "protocol.file.allow=" + fileProtocol,
		"-c", "filter.lfs.smudge=",
		"-c", "filter.lfs.process=",
		"-c", "filter.lfs.required=false",
		"-c", "submodule.recurse=false",
		"-c", "advice.detachedHead=false",
		"-c", "credential.helper=",
		"-C", r.dir,
	}, args...)
	cmd := exec.CommandContext(ctx, r.git, full...)
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ASKPASS=/bin/true",
		"SSH_ASKPASS=/bin/true",
		"GIT_LFS_SKIP_SMUDGE=1",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
	)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", &gitError{args: args, stderr: stderr.String(), err: err}
	}
	return stdout.String(), nil
}

// packedBytes is the size of the fetched objects.
func (r runner) packedBytes(ctx context.Context) (int64, error) {
	out, err := r.run(ctx, "count-objects", "-v")
	if err != nil {
		return 0, err
	}
	var kib int64
	for _, line := range strings.Split(out, "\n") {
		for _, key := range []string{"size:", "size-pack:"} {
			if v, ok := strings.CutPrefix(line, key); ok {
				n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				if err == nil {
					kib += n
				}
			}
		}
	}
	return kib * 1024, nil
}

// classifyFetch turns git's messages into permanent errors where retrying
// cannot help. Anything unrecognised stays transient (network, server).
func classifyFetch(err error, ref string) error {
	var ge *gitError
	if !errors.As(err, &ge) {
		return err
	}
	msg := strings.ToLower(ge.stderr)
	switch {
	case strings.Contains(msg, "couldn't find remote ref"),
		strings.Contains(msg, "not our ref"),
		strings.Contains(msg, "no such remote ref"),
		strings.Contains(msg, "unadvertised object"):
		if ref == "" {
			return &PermanentError{Reason: "the repository has no default branch (it may be empty)"}
		}
		return &PermanentError{Reason: fmt.Sprintf("the ref %q does not exist in the repository", ref)}
	case strings.Contains(msg, "repository not found"),
		strings.Contains(msg, "does not appear to be a git repository"),
		strings.Contains(msg, "could not read username"),
		strings.Contains(msg, "authentication failed"),
		strings.Contains(msg, "returned error: 404"),
		strings.Contains(msg, "returned error: 403"),
		strings.Contains(msg, "returned error: 401"):
		return &PermanentError{Reason: "the repository does not exist or is not public"}
	case strings.Contains(msg, "transport") && strings.Contains(msg, "not allowed"):
		return &PermanentError{Reason: "the repository URL uses a transport that is not allowed"}
	}
	return err
}
