package e2e

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/sumdb/dirhash"

	"github.com/testlens/testlens/e2e/harness"
)

const contractsPath = "github.com/testlens/testlens/contracts"

// TestWebAndCollectorRequireAReleasedContracts: web and collector depend on
// contracts through a released version (docs/releasing.md), never through a
// replace directive, and that version is published in the committed proxy
// with exactly the content their go.sum pins — so a GOWORK=off build, a
// release, and a third party all get the same contracts.
func TestWebAndCollectorRequireAReleasedContracts(t *testing.T) {
	t.Parallel()
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	proxy := filepath.Join(root, "third_party", "goproxy", filepath.FromSlash(contractsPath), "@v")
	for _, module := range []string{"web", "collector"} {
		gomod := filepath.Join(root, module, "go.mod")
		data, err := os.ReadFile(gomod)
		if err != nil {
			t.Fatal(err)
		}
		f, err := modfile.Parse(gomod, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range f.Replace {
			if r.Old.Path == contractsPath {
				t.Errorf("%s/go.mod replaces contracts with %s: require a released version instead (make release-contracts)", module, r.New.Path)
			}
		}
		version := ""
		for _, r := range f.Require {
			if r.Mod.Path == contractsPath {
				version = r.Mod.Version
			}
		}
		if version == "" {
			t.Errorf("%s/go.mod does not require contracts", module)
			continue
		}
		zip := filepath.Join(proxy, version+".zip")
		published, err := dirhash.HashZip(zip, dirhash.Hash1)
		if err != nil {
			t.Errorf("%s requires contracts %s, which third_party/goproxy does not hold: %v", module, version, err)
			continue
		}
		if pinned := goSumHash(t, filepath.Join(root, module, "go.sum"), version); pinned != published {
			t.Errorf("%s/go.sum pins contracts %s as %q, the published zip hashes to %q", module, version, pinned, published)
		}
		if !listed(t, filepath.Join(proxy, "list"), version) {
			t.Errorf("contracts %s is not in third_party/goproxy's version list", version)
		}
	}
}

func goSumHash(t *testing.T, path, version string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if fields := strings.Fields(s.Text()); len(fields) == 3 && fields[0] == contractsPath && fields[1] == version {
			return fields[2]
		}
	}
	return ""
}

func listed(t *testing.T, path, version string) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range strings.Fields(string(data)) {
		if v == version {
			return true
		}
	}
	return false
}
