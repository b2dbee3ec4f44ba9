package python

import (
	"maps"
	"strings"
	"testing"
)

func TestCountDottedRefs(t *testing.T) {
	t.Parallel()
	src := []byte("import lists\nfrom t import maps as m\n" +
		"class A(lists.Common, unittest.TestCase):\n" +
		"    test_x = lists.Common.test_x  # lists.Common in a comment\n" +
		"    s = 'lists.Common'\n" +
		"    k = m.Mapping(x.lists.Common)\n")
	code, _ := blank(src)
	refs := map[string]int{}
	countDottedRefs(code, map[string]bool{"lists": true, "m": true}, refs)
	want := map[string]int{"lists.Common": 1, "lists.Common.test_x": 1, "m.Mapping": 1}
	if !maps.Equal(refs, want) {
		t.Errorf("refs = %v, want %v (strings, comments and attributes of other names do not count)", refs, want)
	}
}

func TestHelperNames(t *testing.T) {
	t.Parallel()
	for p, collected := range map[string]bool{
		"tests/test_lists.py": true, "tests/lists_test.py": true, "tests/phonenumbertest.py": true, "app/tests.py": true,
		"Lib/test/list_tests.py": false, "tests/base.py": false,
	} {
		if got := collectedName(p, nil); got != collected {
			t.Errorf("collectedName(%s) = %v, want %v", p, got, collected)
		}
	}
	if !collectedName("tests/base.py", []string{"test_*.py", "base.py"}) || collectedName("tests/base.py", []string{"check_*.py"}) {
		t.Error("collectedName does not follow python_files")
	}
	for p, scope := range map[string]string{
		"Lib/test/list_tests.py": "Lib/test", "pkg/tests/unit/test/base.py": "pkg/tests", "src/base.py": "",
	} {
		if got := helperScope(p); got != scope {
			t.Errorf("helperScope(%s) = %q, want %q", p, got, scope)
		}
	}
}

func TestImportNames(t *testing.T) {
	t.Parallel()
	got := importNames([]byte("import os\nx = list_tests\nfrom test import (support,\n    list_tests)\n" +
		"  from a.b import \\\n  seq_tests\nif x:\n    import mapping_tests as m\ny = lock_tests\n"))
	for _, name := range []string{"os", "support", "list_tests", "a", "b", "seq_tests", "mapping_tests", "m"} {
		if !got[name] {
			t.Errorf("importNames misses %s: %v", name, got)
		}
	}
	if got["lock_tests"] || got["x"] {
		t.Errorf("importNames reads a line that is no import: %v", got)
	}
}

// FuzzSummarizeUses feeds arbitrary sources to the summaries a helper
// module's check reads from collected modules: no panic, and every dotted
// name counted starts with a name an import binds.
func FuzzSummarizeUses(f *testing.F) {
	for _, seed := range []string{
		"from test import list_tests\nclass T(list_tests.CommonTest):\n    x = list_tests.CommonTest.test_a\n",
		"import a.b as c; from . import (d,\n e)\nclass X(c.D, metaclass=M): pass\n",
		"from x import *\nif y: import z\n'''import q'''\nclass (",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		u := summarizeUses([]byte(src))
		importNames([]byte(src))
		for ref := range u.refs {
			head, _, _ := strings.Cut(ref, ".")
			_, mod := u.imp.mods[head]
			_, from := u.imp.from[head]
			if !mod && !from {
				t.Errorf("ref %q: its head is bound by no import (%+v)", ref, u.imp)
			}
		}
	})
}
