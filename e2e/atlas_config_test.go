package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/testlens/testlens/e2e/harness"
)

// TestAtlasConfig checks what can be checked of atlas.hcl without the Atlas
// CLI (not installable here): it parses, declares the local and ci envs, takes
// the desired state from schema.sql and keeps River's tables out of the diff —
// the same choices `collector migrate` makes with the Atlas library.
func TestAtlasConfig(t *testing.T) {
	t.Parallel()
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "atlas.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	file, diags := hclsyntax.ParseConfig(src, "atlas.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("atlas.hcl does not parse: %s", diags)
	}
	envs := map[string]*hclsyntax.Block{}
	for _, block := range file.Body.(*hclsyntax.Body).Blocks {
		if block.Type == "env" && len(block.Labels) == 1 {
			envs[block.Labels[0]] = block
		}
	}
	for _, name := range []string{"local", "ci"} {
		env := envs[name]
		if env == nil {
			t.Fatalf("atlas.hcl has no env %q", name)
		}
		attrs := env.Body.Attributes
		for _, required := range []string{"src", "url", "dev", "schemas", "exclude"} {
			if attrs[required] == nil {
				t.Errorf("env %q lacks %s", name, required)
			}
		}
		if v, d := attrs["src"].Expr.Value(nil); d.HasErrors() || v != cty.StringVal("file://schema.sql") {
			t.Errorf("env %q: src = %#v, want file://schema.sql", name, v)
		}
		exclude, d := attrs["exclude"].Expr.Value(nil)
		if d.HasErrors() || !exclude.Type().IsTupleType() || exclude.LengthInt() != 1 || exclude.Index(cty.NumberIntVal(0)) != cty.StringVal("river_*") {
			t.Errorf("env %q: exclude = %#v, want [\"river_*\"]", name, exclude)
		}
	}
}
