package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Conditions of Rust tests, decided by rustc for the configuration cargo
// test builds.
//
// A test's Condition is a cfg predicate (`feature = "serde"`, `all(unix,
// not(miri))`). Whether it holds is asked of rustc itself: the crate's cfgs
// are what cargo hands rustc for its test build (`cargo rustc --lib
// --profile test -- --print cfg`: the enabled features, the cfgs its build
// script sets, the target's, test), and one generated program per crate
// prints cfg!(P) for each distinct P, compiled with those cfgs. A condition
// rustc cannot evaluate (the program does not compile with it) is unknown
// and counts as holding.

// cargoConds is what rustc said of one crate's conditions: true or false;
// a condition not in it is unknown.
type cargoConds map[string]bool

// holds reports whether the condition holds here ("" always does; an
// unknown one counts as holding).
func (c cargoConds) holds(cond string) bool {
	if cond == "" {
		return true
	}
	v, ok := c[cond]
	return !ok || v
}

// condStats counts, over all crates, the tests under a condition and how
// rustc decided them.
type condStats struct {
	distinct, tests, falseHere, unknown int
	// unknownConds are the distinct conditions rustc could not evaluate.
	unknownConds []string
}

func (s *condStats) add(doc inventory.Document, c cargoConds) {
	seen := map[string]bool{}
	for _, f := range doc.Files {
		for _, t := range f.Tests {
			if t.Condition == "" || t.Kind != inventory.KindTest {
				continue
			}
			s.tests++
			if !seen[t.Condition] {
				seen[t.Condition] = true
				s.distinct++
			}
			switch v, ok := c[t.Condition]; {
			case !ok:
				s.unknown++
				if !slices.Contains(s.unknownConds, t.Condition) {
					s.unknownConds = append(s.unknownConds, t.Condition)
				}
			case !v:
				s.falseHere++
			}
		}
	}
}

// evalConditions asks rustc which of the conditions of doc's tests hold in
// the crate at dir, built with cargo test's extra arguments.
func evalConditions(dir string, doc inventory.Document, extra []string) (cargoConds, error) {
	var conds []string
	seen := map[string]bool{}
	for _, f := range doc.Files {
		for _, t := range f.Tests {
			if t.Condition != "" && !seen[t.Condition] {
				seen[t.Condition] = true
				conds = append(conds, t.Condition)
			}
		}
	}
	out := cargoConds{}
	if len(conds) == 0 {
		return out, nil
	}
	sort.Strings(conds)
	flags, err := crateCfgFlags(dir, extra)
	if err != nil {
		return out, err
	}
	scratch, err := os.MkdirTemp("", "testlens-cfg-")
	if err != nil {
		return out, err
	}
	defer os.RemoveAll(scratch)
	vals, err := printCfgs(scratch, flags, conds)
	if err != nil {
		// One predicate rustc rejects fails the whole program: ask for
		// each alone, and leave out the ones that do not compile.
		for _, c := range conds {
			if v, err := printCfgs(scratch, flags, []string{c}); err == nil {
				out[c] = v[0]
			}
		}
		return out, nil
	}
	for i, c := range conds {
		out[c] = vals[i]
	}
	return out, nil
}

// crateCfgFlags returns the rustc flags that give a program the crate's
// cfgs for its test build: --cfg for each cfg rustc does not set by itself
// (features, the build script's cfgs, test) and the debug assertions of the
// profile.
func crateCfgFlags(dir string, extra []string) ([]string, error) {
	args := append([]string{"rustc", "--offline", "--profile", "test"}, cargoFeatureArgs(extra)...)
	crate, err := cargoOutput(dir, append(append(args, "--lib"), "--", "--print", "cfg")...)
	if err != nil {
		// No library: the only target, if there is one.
		if crate, err = cargoOutput(dir, append(args, "--", "--print", "cfg")...); err != nil {
			return nil, err
		}
	}
	host, err := exec.Command("rustc", "--print", "cfg").Output()
	if err != nil {
		return nil, fmt.Errorf("rustc --print cfg: %w", err)
	}
	builtin := map[string]bool{}
	for _, l := range strings.Fields(string(host)) {
		builtin[l] = true
	}
	flags := []string{"-C", "debug-assertions=off"}
	for _, l := range strings.Split(crate, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || builtin[l] && l != "debug_assertions":
		case l == "debug_assertions":
			flags[1] = "debug-assertions=on"
		case strings.HasPrefix(l, "target_") || strings.HasPrefix(l, "panic="):
			// A builtin cfg the host build does not have (another
			// target): rustc refuses it in --cfg.
		default:
			flags = append(flags, "--cfg", l)
		}
	}
	return flags, nil
}

// cargoFeatureArgs keeps, of cargo test's extra arguments, those that choose
// features (cargo rustc takes them as cargo test does).
func cargoFeatureArgs(extra []string) []string {
	var out []string
	for i := 0; i < len(extra); i++ {
		a := extra[i]
		switch {
		case a == "--all-features" || a == "--no-default-features" || strings.HasPrefix(a, "--features="):
			out = append(out, a)
		case (a == "--features" || a == "-F") && i+1 < len(extra):
			out = append(out, a, extra[i+1])
			i++
		}
	}
	return out
}

// cargoOutput runs cargo in dir and returns its standard output.
func cargoOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("cargo", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("cargo %s: %v: %s", strings.Join(args, " "), err, firstError(stderr.String()))
	}
	return stdout.String(), nil
}

// printCfgs compiles and runs a program that prints cfg!(P) for each of
// conds, with flags, and returns the values in order.
func printCfgs(scratch string, flags, conds []string) ([]bool, error) {
	var src strings.Builder
	src.WriteString("fn main() {\n")
	for _, c := range conds {
		fmt.Fprintf(&src, "    println!(\"{}\", cfg!(%s) as u8);\n", c)
	}
	src.WriteString("}\n")
	main := filepath.Join(scratch, "cfg.rs")
	bin := filepath.Join(scratch, "cfg")
	if err := os.WriteFile(main, []byte(src.String()), 0o644); err != nil {
		return nil, err
	}
	args := append([]string{"--edition", "2021", "-A", "warnings", "-o", bin}, flags...)
	if b, err := exec.Command("rustc", append(args, main)...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("rustc: %v: %s", err, firstError(string(b)))
	}
	b, err := exec.Command(bin).Output()
	if err != nil {
		return nil, err
	}
	lines := strings.Fields(string(b))
	if len(lines) != len(conds) {
		return nil, fmt.Errorf("%d values for %d conditions", len(lines), len(conds))
	}
	out := make([]bool, len(conds))
	for i, l := range lines {
		out[i] = l == "1"
	}
	return out, nil
}

// inConfig returns doc with only the tests whose condition holds.
func inConfig(doc inventory.Document, c cargoConds) inventory.Document {
	out := doc
	out.Files = make([]inventory.File, len(doc.Files))
	for i, f := range doc.Files {
		tests := make([]inventory.Test, 0, len(f.Tests))
		for _, t := range f.Tests {
			if c.holds(t.Condition) {
				tests = append(tests, t)
			}
		}
		f.Tests = tests
		out.Files[i] = f
	}
	return out
}
