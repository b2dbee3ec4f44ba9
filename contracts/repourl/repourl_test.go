package repourl

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	t.Parallel()

	remoteOnly := Policy{}
	withLocal := Policy{AllowLocal: true}
	for _, tc := range []struct {
		name    string
		policy  Policy
		in      string
		want    string
		wantErr string
	}{
		{"github", remoteOnly, "https://github.com/owner/repo", "https://github.com/owner/repo", ""},
		{"canonical host and slash", remoteOnly, " https://GitHub.com/owner/repo.git/ ", "https://github.com/owner/repo.git", ""},
		{"dot segments", remoteOnly, "https://example.com/a/../b", "https://example.com/b", ""},
		{"empty", remoteOnly, "  ", "", "empty"},
		{"http", remoteOnly, "http://github.com/o/r", "", "use https://"},
		{"ssh", remoteOnly, "git@github.com:o/r.git", "", "SSH"},
		{"not a url", remoteOnly, "not a url", "", "whitespace"},
		{"no scheme", remoteOnly, "github.com/o/r", "", "not a URL"},
		{"credentials", remoteOnly, "https://user:pw@github.com/o/r", "", "credentials"},
		{"query", remoteOnly, "https://github.com/o/r?x=1", "", "query"},
		{"no path", remoteOnly, "https://github.com/", "", "no repository path"},
		{"loopback ip", remoteOnly, "https://127.0.0.1/o/r", "", "loopback"},
		{"private ip", remoteOnly, "https://10.1.2.3/o/r", "", "private"},
		{"ipv6 loopback", remoteOnly, "https://[::1]/o/r", "", "loopback"},
		{"metadata ip", remoteOnly, "https://169.254.169.254/latest", "", "link-local"},
		{"localhost", remoteOnly, "https://localhost/o/r", "", "internal"},
		{"ftp", remoteOnly, "ftp://example.com/o/r", "", "not supported"},
		{"local refused", remoteOnly, "/srv/repo", "", "TESTLENS_ALLOW_LOCAL_REPOS"},
		{"file refused", remoteOnly, "file:///srv/repo", "", "TESTLENS_ALLOW_LOCAL_REPOS"},
		{"local allowed", withLocal, "/srv/repo/", "file:///srv/repo", ""},
		{"file allowed", withLocal, "file:///srv/./repo", "file:///srv/repo", ""},
		{"file with host", withLocal, "file://example.com/srv/repo", "", "local path"},
		{"too long", remoteOnly, "https://example.com/" + strings.Repeat("a", MaxLength), "", "more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.policy.Check(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Check(%q) = %q, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
				}
				if !IsPolicyError(err) {
					t.Fatalf("error %v is not a policy error", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Check(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()

	if p, ok := LocalPath("file:///srv/repo"); !ok || p != "/srv/repo" {
		t.Fatalf("LocalPath(file) = %q, %v", p, ok)
	}
	if _, ok := LocalPath("https://github.com/o/r"); ok {
		t.Fatal("an https URL is not local")
	}
}
