// Package gitref resolves a ref of a remote repository to a commit with
// `git ls-remote`, so that web can find an analysis of the same commit
// without cloning. It is only ever a hint: any failure means "unknown", and
// the collector, which fetches the ref for real, reports the actual error.
//
// It runs git as the collector does — no prompt, no credential helper, no
// user or system config, https only (file too for allowed local
// repositories) — and, because web itself now reaches out to a host a client
// named, it refuses host names that resolve to private addresses, pins the
// addresses it checked, and follows no redirects.
package gitref

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/repourl"
)

// ErrNotFound is returned when the repository has no ref of that name.
var ErrNotFound = errors.New("gitref: no such ref")

// ErrRefused is returned when the repository's host is not a public address.
var ErrRefused = errors.New("gitref: the repository host resolves to a non-public address")

// maxOutput bounds what ls-remote may print; a ref and its peeled tag fit in
// a few hundred bytes, so more means the patterns matched something odd.
const maxOutput = 1 << 20

var fullSHA = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// IsCommit reports whether ref is a full 40-hex commit SHA, which needs no
// resolving.
func IsCommit(ref string) bool { return fullSHA.MatchString(ref) }

// Resolver resolves refs with the git CLI. The zero value is ready to use.
type Resolver struct {
	// Timeout bounds one resolution, DNS lookup and ls-remote together.
	// Defaults to 5s.
	Timeout time.Duration
	// GitPath is the git executable. Defaults to "git" on PATH.
	GitPath string
	// AllowLocal lets file:// URLs through (TESTLENS_ALLOW_LOCAL_REPOS);
	// they reach Resolve only when the repository policy accepted them.
	// Defaults to false.
	AllowLocal bool
	// LookupNetIP resolves host names. Defaults to net.DefaultResolver's.
	LookupNetIP func(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// WithDefaults returns r with every zero field set to its default.
func (r Resolver) WithDefaults() Resolver {
	if r.Timeout <= 0 {
		r.Timeout = 5 * time.Second
	}
	if r.GitPath == "" {
		r.GitPath = "git"
	}
	if r.LookupNetIP == nil {
		r.LookupNetIP = net.DefaultResolver.LookupNetIP
	}
	return r
}

// Resolve returns the full commit SHA that ref (a branch, tag or full ref
// name; empty for the default branch) names in the repository at
// canonicalURL, a URL the repository policy accepted. A full commit SHA is
// returned as is, in lower case, without running git. git's own rules decide
// between a tag and a branch of the same name, as they do for the
// collector's fetch; an annotated tag resolves to the commit it points at.
func (r Resolver) Resolve(ctx context.Context, canonicalURL, ref string) (string, error) {
	if IsCommit(ref) {
		return strings.ToLower(ref), nil
	}
	if strings.HasPrefix(ref, "-") {
		return "", fmt.Errorf("gitref: invalid ref %q", ref)
	}
	r = r.WithDefaults()
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()

	cfg, err := r.transportConfig(ctx, canonicalURL)
	if err != nil {
		return "", err
	}
	want := ref
	if want == "" {
		want = "HEAD"
	}
	// "--" ends options: neither URL nor patterns can be read as a flag.
	args := append(cfg, "ls-remote", "--", canonicalURL, want, want+"^{}")
	cmd := exec.CommandContext(ctx, r.GitPath, args...)
	cmd.Dir = "/" // never inside a repository whose config could rewrite URLs
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ASKPASS=/bin/true",
		"SSH_ASKPASS=/bin/true",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
	)
	cmd.WaitDelay = time.Second
	stdout := &limitedBuffer{max: maxOutput}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("gitref: ls-remote: %w", context.Cause(ctx))
		}
		return "", fmt.Errorf("gitref: ls-remote: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return pick(stdout.String(), want)
}

// transportConfig returns the -c options of one ls-remote: the hardening the
// collector's clone also uses, plus pinned addresses for an https host.
func (r Resolver) transportConfig(ctx context.Context, canonicalURL string) ([]string, error) {
	u, err := url.Parse(canonicalURL)
	if err != nil {
		return nil, fmt.Errorf("gitref: %w", err)
	}
	fileProtocol := "never"
	if _, local := repourl.LocalPath(canonicalURL); local {
		if !r.AllowLocal {
			return nil, fmt.Errorf("gitref: local repositories are not allowed")
		}
		fileProtocol = "always"
	} else if u.Scheme != "https" {
		return nil, fmt.Errorf("gitref: unsupported scheme %q", u.Scheme)
	}
	cfg := []string{
		"-c", "core.hooksPath=/dev/null",
		"-c", "protocol.allow=never",
		"-c", "protocol.https.allow=always",
		"-c", "protocol.file.allow=" + fileProtocol,
		"-c", "credential.helper=",
		"-c", "http.followRedirects=false",
	}
	if u.Scheme == "https" {
		pin, err := r.pinHost(ctx, u)
		if err != nil {
			return nil, err
		}
		if pin != "" {
			cfg = append(cfg, "-c", "http.curloptResolve="+pin)
		}
	}
	return cfg, nil
}

// pinHost checks that every address of u's host is public and returns the
// curl RESOLVE entry (host:port:addr,…) that makes git connect to exactly
// those addresses, so that a second DNS answer cannot point elsewhere. An IP
// literal needs no lookup (the policy already checked it): "" then.
func (r Resolver) pinHost(ctx context.Context, u *url.URL) (string, error) {
	host := u.Hostname()
	if _, err := netip.ParseAddr(host); err == nil {
		return "", nil
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return "", fmt.Errorf("gitref: resolve %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return "", fmt.Errorf("gitref: %s has no address", host)
	}
	list := make([]string, len(addrs))
	for i, a := range addrs {
		if !repourl.PublicAddr(a) {
			return "", fmt.Errorf("%w: %s is %s", ErrRefused, host, a)
		}
		list[i] = a.Unmap().String()
		if a.Unmap().Is6() {
			list[i] = "[" + list[i] + "]"
		}
	}
	port := u.Port()
	if port == "" {
		port = "443"
	}
	return host + ":" + port + ":" + strings.Join(list, ","), nil
}

// refRules are git's rules for completing a short ref name, in order of
// precedence (refs.c ref_rev_parse_rules): the first that names an existing
// ref wins.
var refRules = []string{"%s", "refs/%s", "refs/tags/%s", "refs/heads/%s", "refs/remotes/%s", "refs/remotes/%s/HEAD"}

// pick chooses the commit that ref names among ls-remote's output lines
// ("<sha>\t<refname>"), preferring a peeled tag's commit over the tag.
func pick(out, ref string) (string, error) {
	refs := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		sha, name, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if ok && len(sha) >= 40 {
			refs[name] = strings.ToLower(sha)
		}
	}
	for _, rule := range refRules {
		name := fmt.Sprintf(rule, ref)
		if sha, ok := refs[name+"^{}"]; ok {
			return sha, nil
		}
		if sha, ok := refs[name]; ok {
			return sha, nil
		}
	}
	return "", ErrNotFound
}

// limitedBuffer keeps at most max bytes and fails the write after that, which
// makes git stop.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errors.New("gitref: ls-remote output too large")
	}
	return b.Buffer.Write(p)
}
