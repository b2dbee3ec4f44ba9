// Package repourl is the repository URL policy: which repository locations
// Testlens accepts. web applies it to every submission and the collector
// applies it again before it clones, so a job that did not come through the
// API cannot widen it. It lives in one place so that the two never disagree.
package repourl

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// MaxLength is the longest repository URL accepted.
const MaxLength = 2048

// Policy decides which repository URLs are accepted.
type Policy struct {
	// AllowLocal also accepts absolute local paths and file:// URLs. Only for
	// demos and tests (TESTLENS_ALLOW_LOCAL_REPOS=1): it lets a client read any
	// git repository on the collector's machine. Defaults to false.
	AllowLocal bool
}

// Error says why a URL was refused and how to fix it.
type Error struct {
	// Reason is what is wrong with the URL.
	Reason string
	// Hint says what to send instead.
	Hint string
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Reason
	}
	return e.Reason + "; " + e.Hint
}

func refuse(reason, hint string) error { return &Error{Reason: reason, Hint: hint} }

// IsPolicyError reports whether err is a refusal by the policy.
func IsPolicyError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// Check validates raw and returns its canonical form: https URLs with a
// lower-case host and no trailing slash, local repositories as file:// URLs
// with a clean absolute path. Refusals are *Error values.
func (p Policy) Check(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return "", refuse("the repository URL is empty", "send an https:// URL such as https://github.com/owner/repo")
	case len(raw) > MaxLength:
		return "", refuse(fmt.Sprintf("the repository URL is %d characters long, more than %d", len(raw), MaxLength), "")
	case strings.ContainsAny(raw, "\x00\r\n\t "):
		return "", refuse("the repository URL contains whitespace or control characters", "")
	}

	if strings.HasPrefix(raw, "/") {
		return p.local(raw)
	}
	if strings.HasPrefix(raw, "git@") || strings.HasPrefix(raw, "ssh://") {
		return "", refuse("SSH repository URLs are not supported", "send the https:// form, such as https://github.com/owner/repo")
	}

	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "", refuse("the repository URL is not a URL", "send an https:// URL such as https://github.com/owner/repo")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return "", refuse("file:// URLs must name a local path (file:///path)", "")
		}
		return p.local(u.Path)
	case "http":
		return "", refuse("plain http:// is not accepted", "use https://")
	default:
		return "", refuse(fmt.Sprintf("the scheme %q is not supported", u.Scheme), "use https://")
	}

	if u.User != nil {
		return "", refuse("the repository URL must not contain credentials", "remove the user:password@ part")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", refuse("the repository URL must not have a query or fragment", "send just https://host/owner/repo")
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", refuse("the repository URL has no host", "send an https:// URL such as https://github.com/owner/repo")
	}
	if err := checkHost(host); err != nil {
		return "", err
	}
	repoPath := strings.TrimRight(path.Clean("/"+u.Path), "/")
	if repoPath == "" {
		return "", refuse("the repository URL has no repository path", "send https://host/owner/repo")
	}
	canon := url.URL{Scheme: "https", Host: strings.ToLower(u.Host), Path: repoPath}
	return canon.String(), nil
}

func (p Policy) local(localPath string) (string, error) {
	if !p.AllowLocal {
		return "", refuse("local repositories are not accepted by this server", "send an https:// URL (local paths need TESTLENS_ALLOW_LOCAL_REPOS=1 on the server)")
	}
	if !filepath.IsAbs(localPath) {
		return "", refuse("a local repository path must be absolute", "")
	}
	return (&url.URL{Scheme: "file", Path: filepath.Clean(localPath)}).String(), nil
}

// checkHost refuses hosts that point into the service's own network. Names
// are checked again by the collector after resolution.
func checkHost(host string) error {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".internal") || strings.HasSuffix(host, ".local") {
		return refuse(fmt.Sprintf("the host %q is internal", host), "send the URL of a publicly reachable repository")
	}
	addr, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		if net.ParseIP(host) != nil { // forms netip rejects, such as IPv4-mapped zones
			return refuse(fmt.Sprintf("the host %q is not a usable address", host), "")
		}
		return nil
	}
	if !PublicAddr(addr) {
		return refuse(fmt.Sprintf("the host %s is a private, loopback or link-local address", host), "send the URL of a publicly reachable repository")
	}
	return nil
}

// PublicAddr reports whether addr is a globally routable unicast address.
func PublicAddr(addr netip.Addr) bool {
	addr = addr.Unmap()
	return addr.IsGlobalUnicast() && !addr.IsPrivate() && !addr.IsLoopback() && !addr.IsLinkLocalUnicast() &&
		!netip.MustParsePrefix("100.64.0.0/10").Contains(addr) // carrier-grade NAT
}

// LocalPath returns the filesystem path of a canonical file:// URL, and false
// for any other URL.
func LocalPath(canonical string) (string, bool) {
	u, err := url.Parse(canonical)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	return u.Path, true
}
