package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"sort"
	"strconv"
	"strings"
)

// Ruby conditions. A Ruby test's Condition is a Ruby expression (the `if`
// or `unless` around where the test is declared). "For this configuration"
// the real ruby decides each: the RSpec mode loads the suite in-process as
// the dry run does (`rspec --dry-run`, with the options of SPEC_OPTS and
// .rspec) and then evaluates every condition at the top level; the Minitest
// mode evaluates them in its lister, after the test files are loaded, inside
// the test's class when it names one (a constant of the class, such as
// minitest's RUBY18, resolves there). A condition that raises (a name only
// the spec's own scope has) cannot be evaluated: the test counts as held.

// rubyConditionEval is the Ruby that evaluates [scope, condition] pairs
// into "true", "false" or "error: Class".
const rubyConditionEval = `
def __accuracy_conditions(pairs)
  pairs.map do |scope, cond|
    begin
      target = nil
      if scope && !scope.empty?
        target = (Object.const_get(scope) rescue nil)
      end
      v = target.is_a?(Module) ? target.class_eval(cond) : eval(cond, TOPLEVEL_BINDING)
      v ? "true" : "false"
    rescue Exception => e
      "error: #{e.class}"
    end
  end
end
`

// rspecConditionScript loads the suite as `rspec --dry-run` does, then
// evaluates the conditions read from standard input.
const rspecConditionScript = `
require "json"
require "stringio"
pairs = JSON.parse(STDIN.read)
suite = "not loaded"
begin
  require "rspec/core"
  $0 = "rspec" # RSpec runs its default path (spec/) only for the rspec command
  code = RSpec::Core::Runner.run(["--dry-run", "--format", "progress"], StringIO.new, StringIO.new)
  suite = "suite loaded first (rspec --dry-run: #{RSpec.world.example_count} examples, exit #{code})"
rescue Exception => e
  suite = "suite not loaded: #{e.class}: #{e.message}"
end
` + rubyConditionEval + `
STDOUT.write(JSON.generate({"ruby" => RUBY_DESCRIPTION, "suite" => suite, "values" => __accuracy_conditions(pairs)}))
STDOUT.flush
exit!(0)
`

// rbCondition is one distinct condition where it is evaluated.
type rbCondition struct {
	scope string // a class to evaluate it in, or "" for the top level
	cond  string
}

// rbConditions is what the real ruby said of each distinct condition.
type rbConditions struct {
	values map[rbCondition]string // "true", "false", "error: …"
	ruby   string                 // RUBY_DESCRIPTION
	suite  string                 // how the suite was loaded first
	tests  map[rbCondition]int    // declared tests under each condition
}

// holds reports whether a test under c is declared in this configuration:
// no condition, a true one, or one that could not be evaluated.
func (r *rbConditions) holds(c rbCondition) bool {
	return c.cond == "" || r.values[c] != "false"
}

// add counts one declared test under c.
func (r *rbConditions) add(c rbCondition) {
	if c.cond == "" {
		return
	}
	if r.tests == nil {
		r.tests = map[rbCondition]int{}
	}
	r.tests[c]++
}

// pairs lists the distinct conditions, sorted, as the Ruby side reads them.
func (r *rbConditions) pairs() ([]rbCondition, []byte) {
	var cs []rbCondition
	for c := range r.tests {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].cond != cs[j].cond {
			return cs[i].cond < cs[j].cond
		}
		return cs[i].scope < cs[j].scope
	})
	in := make([][2]string, len(cs))
	for i, c := range cs {
		in[i] = [2]string{c.scope, c.cond}
	}
	b, _ := json.Marshal(in)
	return cs, b
}

// set records the values the Ruby side printed, in the order of cs.
func (r *rbConditions) set(cs []rbCondition, values []string) error {
	if len(values) != len(cs) {
		return fmt.Errorf("ruby evaluated %d conditions of %d", len(values), len(cs))
	}
	r.values = map[rbCondition]string{}
	for i, c := range cs {
		r.values[c] = values[i]
	}
	return nil
}

// evalRSpec runs rspecConditionScript in root.
func (r *rbConditions) evalRSpec(root string) error {
	if len(r.tests) == 0 {
		return nil
	}
	cs, in := r.pairs()
	cmd := exec.Command("ruby", "-e", rspecConditionScript)
	cmd.Dir = root
	cmd.Stdin = strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("ruby: %v: %s", err, tail(stderr.String(), 2000))
	}
	var res struct {
		Ruby   string   `json:"ruby"`
		Suite  string   `json:"suite"`
		Values []string `json:"values"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return fmt.Errorf("ruby printed no values: %v: %s", err, tail(stderr.String(), 2000))
	}
	r.ruby, r.suite = res.Ruby, res.Suite
	return r.set(cs, res.Values)
}

// count returns how many declared tests are under a condition that is
// true, false, or could not be evaluated.
func (r *rbConditions) count() (under, yes, no, unknown int) {
	for c, n := range r.tests {
		under += n
		switch v := r.values[c]; v {
		case "true":
			yes += n
		case "false":
			no += n
		default:
			unknown += n
		}
	}
	return
}

// print writes the conditions' line and table (nothing without any).
func (r *rbConditions) print() {
	if len(r.tests) == 0 {
		fmt.Print("No declared test carries a condition.\n\n")
		return
	}
	under, yes, no, unknown := r.count()
	by := r.ruby
	if by == "" {
		by = "no ruby (not evaluated)"
	}
	if r.suite != "" {
		by += "; " + r.suite
	}
	fmt.Printf("Conditions: %d declared tests carry one (%d distinct), evaluated by the real ruby (%s): %d true, %d false, %d could not be evaluated (counted as holding).\n\n",
		under, len(r.tests), by, yes, no, unknown)
	cs, _ := r.pairs()
	scoped := false
	for _, c := range cs {
		scoped = scoped || c.scope != ""
	}
	if scoped {
		fmt.Println("| condition | evaluated in | value | declared tests |\n| --- | --- | --- | --- |")
	} else {
		fmt.Println("| condition | value | declared tests |\n| --- | --- | --- |")
	}
	for _, c := range cs {
		v := r.values[c]
		if v == "" {
			v = "not evaluated"
		}
		cond := "`" + strings.ReplaceAll(c.cond, "|", `\|`) + "`"
		if scoped {
			fmt.Printf("| %s | %s | %s | %d |\n", cond, c.scope, v, r.tests[c])
		} else {
			fmt.Printf("| %s | %s | %d |\n", cond, v, r.tests[c])
		}
	}
	fmt.Println()
}

// rbConfigRow is the "for this configuration" row of a declared-tests table.
func rbConfigRow(runner, found, missing, extra int) string {
	pct := strconv.FormatFloat(100*float64(missing+extra)/float64(max(runner, 1)), 'f', 2, 64) + " %"
	return fmt.Sprintf("| declared tests, for this configuration (conditions that hold) | %d | %d | %d | %d | %s |", runner, found, missing, extra, pct)
}
