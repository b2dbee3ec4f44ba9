package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// "For this configuration": a test of the inventory whose Condition (a
// preprocessor expression, engine cpp/cond.go) is false in this build is not
// expected in the runner's list. Each distinct condition of a file is decided
// by the compiler that compiles the file, with the flags of every measured
// target that compiles it (CMakeFiles/T.dir/flags.make: CXX_DEFINES,
// CXX_INCLUDES, CXX_FLAGS; the compiler named on its "# compile CXX with"
// line), run in the target's build folder as make runs it:
//
//	probe.cc:  #include "/abs/source.cc"
//	           #if COND_0
//	           int testlens_cond_0;
//	           #endif …
//	c++ $(CXX_DEFINES) $(CXX_INCLUDES) $(CXX_FLAGS) -E -P -w probe.cc
//
// The macros at the end of the source stand for those at the test. A header
// (gmock_link_test.h) is probed through each source of the target whose
// dependency file (the .o.d DependInfo.cmake names) lists it. A condition
// holds when it holds for one of the targets; one that no run could decide
// (an error in the expression, a source that does not preprocess, no
// flags.make) counts as holding and is counted apart.

// cppConditions are the decided conditions of the compared files.
type cppConditions struct {
	values   map[string]map[string]conditionValue // file → condition → value
	runs     int
	took     time.Duration
	compiler string
}

// holds says whether a test of file with condition cond is compiled in this
// build; no condition, or an undecided one, holds.
func (c *cppConditions) holds(file, cond string) bool {
	return cond == "" || c.values[file][cond] != conditionFalse
}

// holdsAny says whether one of the tests of file with conditions conds is
// compiled in this build.
func (c *cppConditions) holdsAny(file string, conds []string) bool {
	return slices.ContainsFunc(conds, func(cond string) bool { return c.holds(file, cond) })
}

// count returns the number of distinct (file, condition) pairs with value v.
func (c *cppConditions) count(v conditionValue) int {
	n := 0
	for _, conds := range c.values {
		n += countConditions(conds, v)
	}
	return n
}

// cppProbe is one preprocessor run: one source of one target, with the
// conditions of one file.
type cppProbe struct {
	file     string // the file whose conditions are probed
	source   string // absolute path of the compiled source
	dir      string // the folder make compiles it in
	compiler string
	args     []string
	conds    []string
	values   []conditionValue
	ok       bool // the run says something
}

// decideCPPConditions decides conds (file → its distinct conditions) for the
// measured targets compiling each file (fileTargets).
func decideCPPConditions(tmp, srcDir, buildDir string, targets map[string]*cmakeTarget,
	fileTargets map[string]map[string]bool, conds map[string][]string) *cppConditions {
	start := time.Now()
	out := &cppConditions{values: map[string]map[string]conditionValue{}}
	var probes []*cppProbe
	var files []string
	for f := range conds {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		out.values[file] = map[string]conditionValue{}
		for _, c := range conds[file] {
			out.values[file][c] = conditionUnknown
		}
		var names []string
		for n := range fileTargets[file] {
			names = append(names, n)
		}
		sort.Strings(names)
		seen := map[string]bool{}
		for _, name := range names {
			t := targets[name]
			compiler, args, err := readCMakeFlags(filepath.Join(t.dir, "flags.make"), filepath.Ext(file))
			if err != nil {
				continue
			}
			for _, src := range t.includers(srcDir, buildDir, file) {
				key := src + "\x00" + compiler + "\x00" + strings.Join(args, "\x00")
				if seen[key] {
					continue
				}
				seen[key] = true
				probes = append(probes, &cppProbe{file: file, source: filepath.Join(srcDir, filepath.FromSlash(src)),
					dir: filepath.Dir(filepath.Dir(t.dir)), compiler: compiler, args: args, conds: conds[file]})
				out.compiler = compiler
			}
		}
	}
	// Two at a time: the machine has two cores.
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				probes[i].run(filepath.Join(tmp, "probe"+strconv.Itoa(i)))
			}
		}()
	}
	for i := range probes {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, p := range probes {
		out.runs++
		if !p.ok {
			continue
		}
		for i, c := range p.conds {
			if v := p.values[i]; v > out.values[p.file][c] {
				out.values[p.file][c] = v
			}
		}
	}
	out.took = time.Since(start)
	return out
}

// includers returns the sources of t (relative to srcDir) whose compilation
// reads file: file itself when t compiles it, else the sources whose
// dependency file lists it.
func (t *cmakeTarget) includers(srcDir, buildDir, file string) []string {
	var out []string
	abs := filepath.Join(srcDir, filepath.FromSlash(file))
	for _, src := range t.sources {
		if src == file {
			return []string{src}
		}
		if dep, ok := t.depFiles[src]; ok {
			if b, err := os.ReadFile(filepath.Join(buildDir, dep)); err == nil && bytes.Contains(b, []byte(abs)) {
				out = append(out, src)
			}
		}
	}
	return out
}

var probeError = regexp.MustCompile(`^(.*):(\d+):\d+: (?:fatal )?error: `)

// run preprocesses the probe of p at base (a path without extension) and
// reads which conditions held.
func (p *cppProbe) run(base string) {
	probe := base + filepath.Ext(p.source)
	var b strings.Builder
	fmt.Fprintf(&b, "#include %q\n", p.source)
	condLine := map[int]int{} // line of an #if → condition index
	for i, c := range p.conds {
		condLine[2+3*i] = i
		fmt.Fprintf(&b, "#if %s\nint testlens_cond_%d;\n#endif\n", c, i)
	}
	if err := os.WriteFile(probe, []byte(b.String()), 0o644); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.compiler, append(append([]string{}, p.args...), "-E", "-P", "-w", probe)...)
	cmd.Dir = p.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	p.values = make([]conditionValue, len(p.conds))
	for i := range p.values {
		p.values[i] = conditionFalse
	}
	if runErr != nil {
		// An error in a probed expression leaves that condition undecided;
		// any other error leaves the run saying nothing.
		if _, ok := runErr.(*exec.ExitError); !ok || ctx.Err() != nil {
			return
		}
		errors := 0
		sc := bufio.NewScanner(&stderr)
		for sc.Scan() {
			m := probeError.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			errors++
			line, _ := strconv.Atoi(m[2])
			i, isCond := condLine[line]
			if m[1] != probe || !isCond {
				return
			}
			p.values[i] = conditionUnknown
		}
		if errors == 0 {
			return
		}
	}
	for _, m := range probeDecl.FindAllSubmatch(stdout.Bytes(), -1) {
		if i, err := strconv.Atoi(string(m[1])); err == nil && i < len(p.values) && p.values[i] != conditionUnknown {
			p.values[i] = conditionTrue
		}
	}
	p.ok = true
}

var probeDecl = regexp.MustCompile(`int testlens_cond_(\d+);`)

// readCMakeFlags reads the compiler and the flags a Makefile-generator
// target compiles a file of extension ext with (C_* for .c, CXX_* else).
func readCMakeFlags(path, ext string) (string, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	lang := "CXX"
	if ext == ".c" {
		lang = "C"
	}
	compiler := ""
	vars := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if c, ok := strings.CutPrefix(line, "# compile "+lang+" with "); ok {
			compiler = strings.TrimSpace(c)
			continue
		}
		if name, value, ok := strings.Cut(line, " = "); ok && !strings.HasPrefix(name, "#") {
			vars[strings.TrimSpace(name)] = value
		}
	}
	if compiler == "" {
		return "", nil, fmt.Errorf("%s: no compiler for %s", path, lang)
	}
	var args []string
	for _, v := range []string{"_DEFINES", "_INCLUDES", "_FLAGS"} {
		args = append(args, shellWords(vars[lang+v])...)
	}
	return compiler, args, nil
}

// shellWords splits a make variable's value as the shell running the
// compile command does: blanks separate words; quotes and backslashes group.
func shellWords(s string) []string {
	var out []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				end = len(s) - i - 1
			}
			w.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			w.WriteByte(s[i])
		default:
			inWord = true
			w.WriteByte(c)
		}
	}
	if inWord {
		out = append(out, w.String())
	}
	return out
}
