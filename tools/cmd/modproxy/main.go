// Command modproxy publishes one version of one of this repository's Go
// modules into a file-system module proxy (GOPROXY=file://DIR): the module
// as it is at a git ref, zipped the way the go command expects, with its
// .info, .mod and the version list. web and collector require released
// versions of contracts from there (docs/releasing.md), because the
// repository's modules are not served by a public host.
//
//	(in tools/) go run ./cmd/modproxy -module contracts -version v0.1.0 -ref contracts/v0.1.0 -out ../third_party/goproxy
package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	modzip "golang.org/x/mod/zip"
)

const modulePrefix = "github.com/testlens/testlens/"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("modproxy", flag.ContinueOnError)
	dir := fs.String("module", "", "the module's folder in the repository, e.g. contracts")
	version := fs.String("version", "", "the version to publish, e.g. v0.1.0")
	ref := fs.String("ref", "HEAD", "the git ref whose tree is published")
	repo := fs.String("repo", ".", "a folder inside the git repository")
	out := fs.String("out", "", "the proxy's root folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *out == "" || !semver.IsValid(*version) || semver.Canonical(*version) != *version {
		return errors.New("need -module, -out and a canonical semantic -version such as v0.1.0")
	}
	top, err := exec.Command("git", "-C", *repo, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return fmt.Errorf("%s is not inside a git repository: %w", *repo, err)
	}
	mv := module.Version{Path: modulePrefix + *dir, Version: *version}
	return publish(strings.TrimSpace(string(top)), *dir, *ref, mv, *out)
}

// publish writes mv, taken from the module folder at ref, into the proxy at
// out. A version already published is left as it is: a release is immutable.
func publish(repo, dir, ref string, mv module.Version, out string) error {
	escaped, err := module.EscapePath(mv.Path)
	if err != nil {
		return err
	}
	vdir := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	zipPath := filepath.Join(vdir, mv.Version+".zip")
	if _, err := os.Stat(zipPath); err == nil {
		return fmt.Errorf("%s@%s is already published: versions are immutable", mv.Path, mv.Version)
	}

	src, err := os.MkdirTemp("", "modproxy-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(src)
	commitTime, err := extract(repo, ref, dir, src)
	if err != nil {
		return err
	}
	modDir := filepath.Join(src, dir)
	gomod, err := os.ReadFile(filepath.Join(modDir, "go.mod"))
	if err != nil {
		return fmt.Errorf("%s at %s has no go.mod: %w", dir, ref, err)
	}
	if bytes.Contains(gomod, []byte("\nreplace")) {
		return fmt.Errorf("%s/go.mod at %s has replace directives: a released module must not", dir, ref)
	}

	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return err
	}
	var zipped bytes.Buffer
	if err := modzip.CreateFromDir(&zipped, mv, modDir); err != nil {
		return fmt.Errorf("zip %s: %w", mv, err)
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{mv.Version, commitTime.UTC()})
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		mv.Version + ".mod":  gomod,
		mv.Version + ".info": info,
		mv.Version + ".zip":  zipped.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			return err
		}
	}
	return writeList(vdir)
}

// extract writes the tree of dir at ref under dst and returns the commit's
// time, which becomes the version's time.
func extract(repo, ref, dir, dst string) (time.Time, error) {
	stamp, err := exec.Command("git", "-C", repo, "log", "-1", "--format=%cI", ref).Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("git log %s: %w", ref, err)
	}
	when, err := time.Parse(time.RFC3339, strings.TrimSpace(string(stamp)))
	if err != nil {
		return time.Time{}, err
	}
	archive, err := exec.Command("git", "-C", repo, "archive", "--format=tar", ref, dir).Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("git archive %s %s: %w", ref, dir, err)
	}
	tr := tar.NewReader(bytes.NewReader(archive))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return when, nil
		}
		if err != nil {
			return time.Time{}, err
		}
		target := filepath.Join(dst, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(target, filepath.Clean(dst)+string(os.PathSeparator)) {
			return time.Time{}, fmt.Errorf("archive entry %q escapes the folder", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return time.Time{}, err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return time.Time{}, err
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				return time.Time{}, err
			}
			if err := os.WriteFile(target, data, 0o644); err != nil {
				return time.Time{}, err
			}
		}
	}
}

// writeList rewrites the proxy's version list from the .info files present.
func writeList(vdir string) error {
	infos, err := filepath.Glob(filepath.Join(vdir, "*.info"))
	if err != nil {
		return err
	}
	var versions []string
	for _, p := range infos {
		versions = append(versions, strings.TrimSuffix(filepath.Base(p), ".info"))
	}
	sort.Slice(versions, func(i, j int) bool { return semver.Compare(versions[i], versions[j]) < 0 })
	return os.WriteFile(filepath.Join(vdir, "list"), []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}
