package ruby

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// pad is a statement long enough to make a body worth leaving out.
const pad = "    expect(subject.call(1, 2, 3)).to eq([1, 2, 3]) # and a comment\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or whose bodies the reader needs.
var bodyTraps = []struct {
	name, src string
	gapped    bool // the fast path is taken
}{
	{"plain spec", "describe Foo do\n  before do\n" + pad + "  end\n\n  it \"works\" do\n" + pad + pad + "  end\n\n  context \"when x\" do\n    it \"nests\" do\n" + pad + "    end\n  end\nend\n", true},
	{"minitest methods", "class FooTest < Minitest::Test\n  def setup\n" + pad + "  end\n\n  def test_one\n" + pad + "  end\n\n  private\n\n  def test_hidden\n" + pad + "  end\nend\n", true},
	{"ends in strings, symbols, comments and labels", "describe Foo do\n  it \"a\" do\n    x = \"end\"; y = 'end'; z = :end; w = { end: 1, if: 2, do: 3 }\n    # end end end\n    v = %w[end do def] + %i(if unless)\n    q = x.end if y\n" + pad + "  end\n  it \"b\" do\n" + pad + "  end\nend\n", true},
	{"modifiers and keyword blocks", "describe Foo do\n  it \"a\" do\n    return if x\n    y = 1 unless z\n    while a do b end\n    begin\n      c\n    end while d\n    e = if f then 1 else 2 end\n    until g\n      h\n    end\n    case i\n    when 1 then j\n    end\n" + pad + "  end\n  it \"b\" do\n" + pad + "  end\nend\n", true},
	{"heredocs", "describe Foo do\n  it \"a\" do\n    s = <<~EOS\n      it \"fake\" do\n      end\n    EOS\n    t = <<-'RAW' + <<X\n    end\n    RAW\nend\nX\n" + pad + "  end\n  it \"b\", <<~DOC do\n    a doc string\n  DOC\n" + pad + "  end\nend\n", true},
	{"regexes and division", "describe Foo do\n  it \"a\" do\n    a = b / 2; c = d/3; k = l.size / 4\n    e = f =~ /end|do/\n    g = h.split(/[\\/]/)\n    i = %r{do \\{ end}x\n    expect(j).to match /end/\n" + pad + "  end\n  it \"b\" do\n" + pad + "  end\nend\n", true},
	{"interpolation with blocks", "describe Foo do\n  it \"a #{[1].map do |x| x end}\" do\n    s = \"#{foo { \"}\" }} end #{bar do 1 end}\"\n" + pad + "  end\n  it \"b\" do\n" + pad + "  end\nend\n", true},
	{"character literals and globals", "describe Foo do\n  it \"a\" do\n    c = ?\"; d = ?#; e = ?(; f = $'; g = $\"\n    h = x ? y : z\n" + pad + "  end\n  it \"b\" do\n" + pad + "  end\nend\n", true},
	{"endless and operator methods", "class FooTest < Minitest::Test\n  def one = 1\n  def two() = 2\n  def ==(other)\n" + pad + "  end\n  def []=(k, v)\n" + pad + "  end\n  def test_x\n" + pad + "  end\n  def self.helper(a, b = {})\n" + pad + "  end\nend\n", true},
	{"skip and pending first", "describe Foo do\n  it \"a\" do\n    skip \"not yet\"\n" + pad + "  end\n  it \"b\" do\n    pending\n" + pad + "  end\n  it \"c\" do\n" + pad + "  end\nend\nclass BarTest < Minitest::Test\n  def test_c\n    skip\n" + pad + "  end\nend\n", true},
	{"a test class inside a block", "describe Foo do\n  it \"a\" do\n    class InnerTest < Minitest::Test\n      def test_inner; end\n    end\n" + pad + "  end\nend\n", false},
	{"require inside a method", "class FooTest < Test::Unit::TestCase\n  def setup\n    require 'minitest/autorun'\n" + pad + "  end\n  def test_x\n  end\nend\n", false},
	{"RSpec inside a hook", "describe Foo do\n  before do\n    RSpec.configure { |c| c.x = 1 }\n" + pad + "  end\n  it \"a\" do\n  end\nend\n", false},
	{"examples in loops and with_them stay", "describe Foo do\n  %w[a b].each do |x|\n    it \"does #{x}\" do\n" + pad + "    end\n  end\n  items.each do |x|\n    it \"has #{x}\" do\n" + pad + "    end\n  end\n  with_them do\n    it \"runs\" do\n" + pad + "    end\n  end\n  x = describe \"assigned\" do\n    it \"in it\" do\n" + pad + "    end\n  end\nend\n", true},
	{"examples in hooks and helpers are not tests", "describe Foo do\n  def self.it_validates(x)\n    it \"validates #{x}\" do\n" + pad + "    end\n  end\n  before do\n    it \"is not a test\" do\n" + pad + "    end\n  end\n  it_validates :name\nend\n", true},
	{"block comments and data", "describe Foo do\n  it \"a\" do\n=begin\n  end end end\n=end\n" + pad + "  end\nend\n__END__\nend end do\n", true},
	{"leading-dot chains", "describe Foo do\n  it \"a\" do\n    expect(x)\n      .to eq(1)\n" + pad + "  end\n  subject\n    .foo do\n" + pad + "  end\nend\n", true},
	{"lambdas and brace blocks", "describe Foo do\n  let(:x) { -> do 1 end }\n  it \"a\", meta: { a: 1 } do\n    y = ->(a) do\n" + pad + "    end\n" + pad + "  end\n  it(\"b\") do |example|\n" + pad + "  end\nend\n", true},
	{"one-line bodies stay", "describe Foo do\n  it \"a\" do expect(1).to eq(1) end\n  it \"b\" do; expect(2).to eq(2)\n" + pad + "  end\n  def x; 1; end\nend\n", false},
	// The whole parse recovers from the error inside the body; the parse
	// without it has none to recover from. Both find both tests.
	{"a syntax error inside a body", "describe Foo do\n  it \"a\" do\n    x = (1 +\n" + pad + "  end\n  it \"b\" do\n  end\nend\n", false},
	{"a syntax error between examples", "describe Foo do\n  it \"a\" do\n" + pad + "  end\n  ) (\n  it \"b\" do\n  end\nend\n", false},
}

// extractBoth extracts src with and without the bodies left out, fails the
// test when the inventories differ, and reports whether it has tests and
// whether the bodies were left out.
func extractBoth(t *testing.T, path string, src []byte) (hasTests, gapped bool) {
	t.Helper()
	hasTests, gapped = frontendtest.SameAsWhole(t, path, src, extract)
	if gapped {
		sameItems(t, path, src)
	}
	return hasTests, gapped
}

// sameItems checks more than the inventory, so that files without tests
// check the lexer too: what the query finds outside the bodies left out is
// the same in both parses (in bodies, a first statement other than skip or
// pending is never read).
func sameItems(t *testing.T, path string, src []byte) {
	t.Helper()
	read := func(skipBodies bool) *reader {
		tree, _, err := parseWithoutBodies(src)
		if tree == nil && err == nil {
			return nil
		}
		if !skipBodies {
			tree.Close()
			tree, err = grammar.Parse(src)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer tree.Close()
		r := &reader{path: path}
		r.read(tree.RootNode(), src)
		return r
	}
	fast := read(true)
	if fast == nil {
		// The lexer saw no test: the whole parse has none either.
		tree, err := grammar.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		defer tree.Close()
		r := &reader{path: path}
		r.read(tree.RootNode(), src)
		r.nest()
		r.collect(true) // Minitest's rules find the most
		if len(r.tests) > 0 {
			t.Errorf("%s: the lexer saw no test, the parse %d: %+v", path, len(r.tests), r.tests[0])
		}
		return
	}
	whole := read(false)
	gaps, _ := bodyGaps(string(src))
	outside := whole.items[:0]
	for _, it := range whole.items {
		in := false
		for _, g := range gaps {
			if int(it.start) >= g.Start && int(it.end) <= g.End {
				in = true
			}
		}
		if !in {
			outside = append(outside, it)
		}
	}
	for _, r := range []*reader{fast, whole} {
		for k := range r.items {
			if f := r.items[k].firstStmt; f != "skip" && f != "pending" {
				r.items[k].firstStmt = ""
			}
		}
	}
	if !reflect.DeepEqual(fast.items, outside) || !reflect.DeepEqual(fast.requires, whole.requires) || fast.rspecDSL != whole.rspecDSL {
		n := min(len(fast.items), len(outside))
		for k := 0; k < n; k++ {
			if !reflect.DeepEqual(fast.items[k], outside[k]) {
				t.Errorf("%s: item %d differs:\ngapped: %+v\nwhole:  %+v", path, k, fast.items[k], outside[k])
				return
			}
		}
		t.Errorf("%s: %d items with the bodies left out, %d without (requires %v / %v, RSpec %v / %v)", path, len(fast.items), len(outside), fast.requires, whole.requires, fast.rspecDSL, whole.rspecDSL)
	}
}

// TestBodiesLeftOutChangeNothing: on traps, the fixture corpus and, with
// RUBY_BODIES_DIFF_DIRS=dir:dir, every .rb file under those folders (a
// by-hand check on real code), the inventory is the same with bodies left
// out of the parse as with the whole parse.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range bodyTraps {
		if _, got := extractBoth(t, tc.name+"_spec.rb", []byte(tc.src)); got != tc.gapped {
			t.Errorf("%s: gapped = %v, want %v", tc.name, got, tc.gapped)
		}
	}
	// The fixtures' bodies are mostly shorter than minGap: the traps are
	// what must take the fast path.
	frontendtest.FastPathDirs(t, "RUBY_BODIES_DIFF_DIRS", []string{"../testdata/ruby", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".rb") },
		func(p string, src []byte) (bool, bool) { return extractBoth(t, filepath.Base(p), src) })
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with bodies left out is the inventory of the
// whole parse. Sources where tree-sitter reads a keyword as a name are left
// out: Ruby refuses them (`until end`, `do(1)`), and tree-sitter pairs their
// ends its own way, which no lexer can follow.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	seeds := make([]string, len(bodyTraps))
	for i, c := range bodyTraps {
		seeds[i] = c.src
	}
	frontendtest.FuzzClean(f, grammar, seeds, func(root *sitter.Node, src string) bool { return !keywordAsName(root, src) }, func(t *testing.T, src []byte) { extractBoth(t, "fuzz_spec.rb", src) })
}

var identifiers = grammar.LazyQuery(`(identifier) @id`)

// keywordAsName reports whether tree-sitter read a reserved word as a name
// where Ruby does not allow one (anywhere but after . or :: and def).
func keywordAsName(root *sitter.Node, src string) bool {
	for _, m := range identifiers().Matches(root, []byte(src)) {
		n := m.Captures["id"]
		switch w := src[n.StartByte():n.EndByte()]; w {
		case "end", "do", "then", "else", "elsif", "when", "if", "unless", "while", "until", "class", "module", "def",
			"begin", "case", "for", "in", "rescue", "ensure", "and", "or", "not", "self", "nil", "true", "false":
			before := strings.TrimRight(src[:n.StartByte()], " \t")
			if !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, "::") && !strings.HasSuffix(before, "def") {
				return true
			}
		}
	}
	return false
}

// TestOpLen: the lexer reads every Ruby operator whole (a missed one would
// turn <<= into a heredoc or =~ into an assignment).
func TestOpLen(t *testing.T) {
	for _, op := range []string{"**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "&.", "**", "==", "=~", "!=", "!~", "<=", ">=", "<<", ">>", "&&", "||", "=>", "->", "..", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^="} {
		if got := opLen(op + "x"); got != len(op) {
			t.Errorf("%s: length %d", op, got)
		}
	}
	for _, op := range strings.Fields("+ - * / % < > = ! ~ ^ & | , .") {
		if got := opLen(op + "x"); got != 1 {
			t.Errorf("%s: length %d", op, got)
		}
	}
}
