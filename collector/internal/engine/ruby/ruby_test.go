package ruby

import (
	"slices"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"user_spec.rb", true},
		{"spec/models/user_spec.rb", true},
		{"test/models/user_test.rb", true},
		{"test_user.rb", true},
		{"spec/support/helpers.rb", true},
		{"test/test_helper.rb", true},
		{"app/models/user.rb", false},
		{"lib/spec.rb", false},
		{"spec/fixtures/data.yml", false},
		{"Rakefile", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestParseArgs(t *testing.T) {
	t.Parallel()
	args := parseArgs(`(User, "has #{n} items", :focus, skip: "later", :pending => true, type: :model, %q(x, y))`)
	kinds := []argKind{aConst, aString, aSymbol, aPair, aPair, aPair, aString}
	if len(args) != len(kinds) {
		t.Fatalf("parseArgs: %d args %+v", len(args), args)
	}
	for i, k := range kinds {
		if args[i].kind != k {
			t.Errorf("arg %d = %+v, want kind %d", i, args[i], k)
		}
	}
	if !args[1].interp || args[1].s != "has #{n} items" || args[3].s != "skip" || args[4].s != "pending" || args[6].s != "x, y" {
		t.Errorf("values: %+v", args)
	}
	if got := metaStatus(args); got != inventory.TestSkipped {
		t.Errorf("metaStatus = %s", got)
	}
	elems, ok := arrayElems(`[1, "two", :three, 4.5]`, 10)
	if !ok || !slices.Equal(elems, []string{"1", "two", "three", "4.5"}) {
		t.Errorf("arrayElems = %v %v", elems, ok)
	}
	if _, ok := arrayElems(`[1, foo]`, 10); ok {
		t.Error("arrayElems accepted a variable")
	}
	if elems, ok := arrayElems(`%w[a b c]`, 10); !ok || len(elems) != 3 {
		t.Errorf("%%w: %v %v", elems, ok)
	}
}

// FuzzRubyExtractor feeds arbitrary sources to the front end: it must
// never panic and must only report sane tests.
func FuzzRubyExtractor(f *testing.F) {
	frontendtest.Fuzz(f, Extractor{}, "ruby", "spec/fuzz_spec.rb", frontendtest.ReasonWhenUnknown)
}

// BenchmarkRubyExtract extracts every sample; cpu-ns/file is the CPU cost of
// one file (target: under 1 ms).
func BenchmarkRubyExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "ruby") }

// TestConditions: a test under if/unless/elsif/else or a statement modifier
// carries the condition (outermost first); an if inside a test's body, a
// loop, a hook or a helper method is not one, and a test under a condition
// is still reported.
func TestConditions(t *testing.T) {
	t.Parallel()
	src := `
describe "A" do
  if RUBY_VERSION >= '1.9' then it "then" do end
  elsif defined?(JRUBY_VERSION)
    context "c" do
      if   ENV["X"]  and # "and" is Ruby's
           ENV["Y"] != '#'
        it "nested" do end
      end
    end
  else
    it "else" do end
  end
  unless Foo.bar?
    specify "unless" do end
  else
    it "unless else" do end
  end
  it "modifier" do end if ENV['M']
  it "unless modifier" do end unless ENV['M']
  it "meta", if: RUBY_VERSION > '3', :unless => ENV['CI'] do end
  [1, 2].each do |n|
    if n > 1
      it "in loop #{n}" do end
    end
  end
  it "body" do
    if RUBY_VERSION > '9'
      expect(1).to eq(1)
    end
  end
  it "plain" do end
end
`
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "spec/a_spec.rb", Content: []byte(src), Project: project.New()})
	if err != nil || !ok {
		t.Fatalf("Extract: %v %v", ok, err)
	}
	want := map[string]string{
		"then":            "RUBY_VERSION >= '1.9'",
		"nested":          `!(RUBY_VERSION >= '1.9') && (defined?(JRUBY_VERSION)) && (ENV["X"] and ENV["Y"] != '#')`,
		"else":            "!(RUBY_VERSION >= '1.9') && !(defined?(JRUBY_VERSION))",
		"unless":          "!(Foo.bar?)",
		"unless else":     "Foo.bar?",
		"modifier":        "ENV['M']",
		"unless modifier": "!(ENV['M'])",
		"meta":            "(RUBY_VERSION > '3') && !(ENV['CI'])",
		"in loop #{n}":    "n > 1",
		"in loop 1":       "n > 1",
		"in loop 2":       "n > 1",
		"body":            "",
		"plain":           "",
	}
	got := map[string]string{}
	for _, tc := range f.Tests {
		got[tc.Name] = tc.Condition
	}
	for name, cond := range want {
		if c, ok := got[name]; !ok {
			t.Errorf("test %q not reported", name)
		} else if c != cond {
			t.Errorf("%q: condition %q, want %q", name, c, cond)
		}
	}
	if len(got) != len(want) {
		t.Errorf("tests %v, want %d", got, len(want))
	}
}

// TestConditionsMinitest: test_ methods under a condition in the class body,
// inherited ones with the subclass's conditions first; a private one is not a
// test.
func TestConditionsMinitest(t *testing.T) {
	t.Parallel()
	src := `
class BaseTest < Minitest::Test
  if RUBY_ENGINE == 'ruby'
    def test_native; end
  end
  private
  if ENV['D']
    def test_hidden; end
  end
end
if ENV['SUB']
  class SubTest < BaseTest
    def test_own; end unless ENV['Q']
  end
end
`
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "test/base_test.rb", Content: []byte(src), Project: project.New()})
	if err != nil || !ok {
		t.Fatalf("Extract: %v %v", ok, err)
	}
	want := map[string]string{
		"BaseTest.test_native": "RUBY_ENGINE == 'ruby'",
		"SubTest.test_native":  "(ENV['SUB']) && (RUBY_ENGINE == 'ruby')",
		"SubTest.test_own":     "(ENV['SUB']) && !(ENV['Q'])",
	}
	got := map[string]string{}
	for _, tc := range f.Tests {
		got[tc.SuitePath[0]+"."+tc.Name] = tc.Condition
	}
	if len(got) != len(want) {
		t.Errorf("tests %v, want %v", got, want)
	}
	for k, cond := range want {
		if got[k] != cond {
			t.Errorf("%s: condition %q, want %q", k, got[k], cond)
		}
	}
}

func TestEvalTestDef(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]string{
		"      def test_subclass_#{klass.name.gsub(\"::\", \"_\")}": "test_subclass_#{klass.name.gsub(\"::\", \"_\")}",
		"  def test_plain(x = 1)":                                   "test_plain",
		"\tdef test_ok?; end":                                       "test_ok?",
		"  def helper_for_#{x}":                                     "",
		"  def test_open_#{x":                                       "",
		"  # def test_commented":                                    "",
		"  define_method :test_x":                                   "",
	} {
		if got := evalTestDef(line); got != want {
			t.Errorf("evalTestDef(%q) = %q, want %q", line, got, want)
		}
	}
}
