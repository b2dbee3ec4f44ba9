package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// NUnit 2.6: the core's own TestSuiteBuilder — what nunit-console runs —
// builds each assembly's test tree without running a test; nunitLister
// prints every test method of it (a plain test, a parameterized method, and
// each of its cases) with the class that declares the method (an inherited
// test is declared once, in its class), the run state a plain run gives it,
// and the source file of the method from the assembly's .mdb symbols (mcs
// and xbuild write them beside the assembly), which a name alone would not
// give (two namespaces may both have a PropertyTests).
//
//	go run ./cmd/accuracy nunit ROOT ASSEMBLY...
//
// ROOT holds the sources; each ASSEMBLY is a test assembly built from them
// with its .mdb. Assemblies they reference are looked for beside each
// assembly and in NUNIT_PROBE (folders, colon-separated). NUNIT_CORE is the
// folder of the runner's nunit.core.dll and nunit.core.interfaces.dll
// (Debian's libnunit-core2.6.3-cil by default). Only the source files
// compiled into a listed assembly are compared: the others are left out of
// both sides and counted.
//
// A test inside #if carries its condition: it is evaluated with the
// DefineConstants of the csproj that builds the assembly compiling the file
// (NUNIT_CONFIGURATION, Debug by default), for the "for this configuration"
// row.
const nunitLister = `
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text;
using Mono.CompilerServices.SymbolWriter;
using NUnit.Core;

public class ListTests
{
    static Dictionary<string, MonoSymbolFile> symbols = new Dictionary<string, MonoSymbolFile>();
    static List<string> dirs = new List<string>();
    static StringBuilder output = new StringBuilder("[");
    static bool first = true;

    public static int Main(string[] args)
    {
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        CoreExtensions.Host.InitializeService();
        foreach (string a in args)
        {
            if (a.StartsWith("-probe:")) { dirs.Add(Path.GetFullPath(a.Substring(7))); continue; }
            string path = Path.GetFullPath(a);
            dirs.Insert(0, Path.GetDirectoryName(path));
            Environment.CurrentDirectory = Path.GetDirectoryName(path);
            string asm = Path.GetFileName(path);
            TestSuite suite = new TestSuiteBuilder().Build(new TestPackage(path));
            if (suite != null) Walk(asm, suite);
            // Every file compiled into the assembly, tests or not.
            MonoSymbolFile sym = Symbols(path);
            if (sym != null)
                foreach (SourceFileEntry src in sym.Sources)
                    Entry(asm, "source", "", "", "", "", "", src.FileName);
        }
        Console.Out.WriteLine(output.Append("]").ToString());
        return 0;
    }

    static Assembly Resolve(object sender, ResolveEventArgs e)
    {
        string name = new AssemblyName(e.Name).Name;
        foreach (string d in dirs)
            foreach (string ext in new string[] { ".dll", ".exe" })
                if (File.Exists(Path.Combine(d, name + ext)))
                    return Assembly.LoadFrom(Path.Combine(d, name + ext));
        return null;
    }

    // State is the test's run state, or the first of its suites' that keeps
    // a plain run from running it (an ignored or explicit fixture, a fixture
    // for another platform).
    static string State(Test t)
    {
        string state = t.RunState.ToString();
        for (Test p = t.Parent; p != null; p = p.Parent)
            if (state == "Runnable" && p.RunState != RunState.Runnable)
                state = p.RunState.ToString();
        return state;
    }

    static void Walk(string asm, Test t)
    {
        MethodInfo m = null;
        string kind = null;
        if (t is TestMethod)
        {
            m = ((TestMethod)t).Method;
            kind = t.Parent != null && t.Parent.TestType == "ParameterizedTest" ? "case" : "test";
        }
        else if (t.TestType == "ParameterizedTest")
        {
            // A parameterized method without a case is a test too; its
            // method is not public.
            FieldInfo f = t.GetType().GetField("method", BindingFlags.NonPublic | BindingFlags.Instance);
            m = (MethodInfo)f.GetValue(t);
            kind = "parameterized";
        }
        if (m != null)
        {
            Type decl = m.DeclaringType;
            if (decl.IsGenericType) decl = decl.GetGenericTypeDefinition();
            Test fixture = kind == "case" ? t.Parent.Parent : t.Parent;
            Entry(asm, kind, fixture == null ? "" : fixture.TestName.FullName, ClassPath(decl), m.Name, t.TestName.Name,
                State(t), SourceOf(decl, m));
        }
        if (t.Tests != null)
            foreach (Test c in t.Tests)
                Walk(asm, c);
    }

    // ClassPath is the class and the classes it is nested in, outermost
    // first, without namespace or generic arity: Outer.Inner.
    static string ClassPath(Type t)
    {
        string name = t.Name;
        int tick = name.IndexOf('\x60');
        if (tick >= 0) name = name.Substring(0, tick);
        return t.DeclaringType == null ? name : ClassPath(t.DeclaringType) + "." + name;
    }

    static string SourceOf(Type decl, MethodInfo m)
    {
        MonoSymbolFile sym = Symbols(decl.Assembly.Location);
        if (sym == null) return "";
        MethodInfo def = m.IsGenericMethod ? m.GetGenericMethodDefinition() : m;
        MethodEntry e = sym.GetMethodByToken(def.MetadataToken);
        return e == null ? "" : e.CompileUnit.SourceFile.FileName;
    }

    static MonoSymbolFile Symbols(string assembly)
    {
        MonoSymbolFile sym;
        if (!symbols.TryGetValue(assembly, out sym))
        {
            try { sym = MonoSymbolFile.ReadSymbolFile(assembly + ".mdb"); } catch (Exception) { sym = null; }
            symbols[assembly] = sym;
        }
        return sym;
    }

    static void Entry(string asm, string kind, string fixture, string declaring, string method, string name, string state, string file)
    {
        output.Append(first ? "\n[" : ",\n[");
        first = false;
        string[] fields = { asm, kind, fixture, declaring, method, name, state, file };
        for (int i = 0; i < fields.Length; i++)
        {
            output.Append(i == 0 ? "\"" : ",\"");
            foreach (char c in fields[i])
            {
                if (c == '"' || c == '\\') output.Append('\\').Append(c);
                else if (c < ' ' || c > '~') output.Append("\\u").Append(((int)c).ToString("x4"));
                else output.Append(c);
            }
            output.Append('"');
        }
        output.Append("]");
    }
}
`

func init() {
	register("nunit", "ROOT ASSEMBLY...", 2, -1, runNUnit)
}

// nunitEntry is one line of the lister's output.
type nunitEntry struct {
	assembly, kind, fixture, declaring, method, name, state, file string
}

func runNUnit(args []string) error {
	root, collector, err := locate(args[0])
	if err != nil {
		return err
	}
	entries, err := listNUnit(args[1:])
	if err != nil {
		return err
	}

	// The runner's side, keyed file \t Class.Nested \t method.
	type theirTest struct {
		states   map[string]bool
		cases    map[string]bool
		assembly string
	}
	theirs := map[string]*theirTest{}
	compiled := map[string]string{} // file → the assembly that compiles it
	var r cargoReport
	for _, e := range entries {
		rel := ""
		if e.file != "" {
			if p, err := filepath.Rel(root, e.file); err == nil && !strings.HasPrefix(p, "..") {
				rel = filepath.ToSlash(p)
			}
		}
		if e.kind == "source" {
			if rel != "" {
				compiled[rel] = e.assembly
			}
			continue
		}
		if rel == "" {
			r.cause("not compared: no source file under ROOT", e.fixture+"."+e.method)
			continue
		}
		k := rel + "\t" + e.declaring + "\t" + e.method
		t := theirs[k]
		if t == nil {
			t = &theirTest{states: map[string]bool{}, cases: map[string]bool{}, assembly: e.assembly}
			theirs[k] = t
		}
		if e.kind == "case" {
			t.cases[e.name] = true
		} else {
			t.states[e.state] = true
		}
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	defines, err := nunitDefines(root)
	if err != nil {
		return err
	}
	// A method may be declared on two branches of an #if: one key, each
	// declaration's condition.
	type ourTest struct {
		status inventory.TestStatus
		conds  []string
		cases  map[string]bool
	}
	// holdsIn says whether a test with these conditions is compiled into
	// the assembly: one declaration whose condition is not false suffices.
	holds := map[string]conditionValue{}
	holdsIn := func(conds []string, assembly string) bool {
		for _, c := range conds {
			if c == "" {
				return true
			}
			if holds[c] == conditionUnknown {
				holds[c] = evalCSharpCondition(c, defines[assembly])
			}
			if holds[c] != conditionFalse {
				return true
			}
		}
		return false
	}
	ours := map[string]*ourTest{}
	ourFiles := map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	notCompiled := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageCSharp {
			continue
		}
		if compiled[f.Path] == "" {
			notCompiled++
			continue
		}
		frameworks[f.Framework]++
		ourFiles[f.Path] = true
		for _, t := range f.Tests {
			switch t.Kind {
			case inventory.KindTest:
				k := f.Path + "\t" + strings.Join(t.SuitePath, ".") + "\t" + t.Name
				if ours[k] == nil {
					ours[k] = &ourTest{cases: map[string]bool{}}
				}
				ours[k].status, ours[k].conds = t.Status, append(ours[k].conds, t.Condition)
			case inventory.KindCase:
				n := len(t.SuitePath)
				if n == 0 {
					continue
				}
				k := f.Path + "\t" + strings.Join(t.SuitePath[:n-1], ".") + "\t" + t.SuitePath[n-1]
				if ours[k] == nil {
					ours[k] = &ourTest{cases: map[string]bool{}}
				}
				ours[k].cases[t.Name] = true
			}
		}
	}

	// Declared tests, statuses and cases.
	var cases cargoReport
	notExpanded := 0
	statuses := map[string]int{}
	configFound, configExtra := 0, 0
	theirFiles := map[string]bool{}
	for k, t := range theirs {
		file, _, _ := strings.Cut(k, "\t")
		theirFiles[file] = true
		r.runner++
		o := ours[k]
		if o == nil {
			r.missing++
			if !ourFiles[file] {
				r.cause("missing: file not in the inventory", strings.ReplaceAll(k, "\t", " "))
			} else {
				r.cause("missing: not found", strings.ReplaceAll(k, "\t", " "))
			}
			continue
		}
		r.found++
		if holdsIn(o.conds, t.assembly) {
			configFound++
		} else {
			r.cause("listed, but its condition is false in this build", strings.ReplaceAll(k, "\t", " ")+" #if "+strings.Join(o.conds, " / "))
		}
		statuses[nunitState(t.states)+" / "+string(o.status)]++
		if len(o.cases) == 0 {
			notExpanded += len(t.cases)
			continue
		}
		for c := range t.cases {
			cases.runner++
			if o.cases[c] {
				cases.found++
			} else {
				cases.missing++
				cases.cause("missing case", strings.ReplaceAll(k, "\t", " ")+" "+c)
			}
		}
		for c := range o.cases {
			if !t.cases[c] {
				cases.extra++
				cases.cause("extra case", strings.ReplaceAll(k, "\t", " ")+" "+c)
			}
		}
	}
	for k, o := range ours {
		if theirs[k] != nil {
			continue
		}
		r.extra++
		file, _, _ := strings.Cut(k, "\t")
		if !holdsIn(o.conds, compiled[file]) {
			r.extraFalse++
			r.cause("extra: condition false in this build", strings.ReplaceAll(k, "\t", " ")+" #if "+strings.Join(o.conds, " / "))
			continue
		}
		configExtra++
		r.cause("extra: not listed by NUnit", strings.ReplaceAll(k, "\t", " "))
	}

	fmt.Printf("## NUnit 2.6 (TestSuiteBuilder): %s\n\n", root)
	fmt.Printf("%d entries listed from %d assemblies; %d source files compiled into them; inventory in %s; frameworks assigned (compared files): %v; "+
		"C# files of the inventory not compiled into a listed assembly (not compared): %d.\n\n",
		len(entries), len(args)-1, len(compiled), took.Round(1e6), frameworks, notCompiled)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	pct := func(missing, extra, runner int) float64 {
		return 100 * float64(missing+extra) / float64(max(runner, 1))
	}
	fmt.Printf("| declared tests (file, declaring class, method) | %d | %d | %d | %d | %.2f %% |\n", r.runner, r.found, r.missing, r.extra, pct(r.missing, r.extra, r.runner))
	fmt.Printf("| for this configuration (#if with the csproj's DefineConstants) | %d | %d | %d | %d | %.2f %% |\n", r.runner, configFound, r.runner-configFound, configExtra, pct(r.runner-configFound, configExtra, r.runner))
	fmt.Printf("| cases of the tests whose rows the inventory expands | %d | %d | %d | %d | %.2f %% |\n\n", cases.runner, cases.found, cases.missing, cases.extra, pct(cases.missing, cases.extra, cases.runner))
	fmt.Printf("Runner cases of tests the inventory does not expand ([TestCaseSource], [Values], [Combinatorial], theories): %d. "+
		"Conditions: %d true, %d false, %d undecided.\n\n", notExpanded,
		countConditions(holds, conditionTrue), countConditions(holds, conditionFalse), countConditions(holds, conditionUnknown))
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	var pairs []string
	for p := range statuses {
		pairs = append(pairs, p)
	}
	sort.Strings(pairs)
	fmt.Println("| runner's run state / inventory status (found tests) | tests |\n| --- | --- |")
	for _, p := range pairs {
		fmt.Printf("| %s | %d |\n", p, statuses[p])
	}
	fmt.Println()
	r.print()
	fmt.Println()
	cases.print()
	return writeDetails(append(r.details, cases.details...))
}

// nunitState is one word for a declared test's run states over the
// fixtures that run it: "Runnable" when any fixture runs it.
func nunitState(states map[string]bool) string {
	if states["Runnable"] {
		return "Runnable"
	}
	var s []string
	for k := range states {
		s = append(s, k)
	}
	sort.Strings(s)
	return strings.Join(s, "+")
}

// listNUnit compiles the lister and runs it on the assemblies.
func listNUnit(assemblies []string) ([]nunitEntry, error) {
	core := os.Getenv("NUNIT_CORE")
	if core == "" {
		core = "/usr/lib/cli/nunit.core-2.6.3"
	}
	work, err := os.MkdirTemp("", "accuracy-nunit")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "ListTests.cs")
	if err := os.WriteFile(src, []byte(nunitLister), 0o644); err != nil {
		return nil, err
	}
	exe := filepath.Join(work, "ListTests.exe")
	interfaces := filepath.Join(filepath.Dir(core), "nunit.core.interfaces-2.6.3", "nunit.core.interfaces.dll")
	if _, err := os.Stat(filepath.Join(core, "nunit.core.interfaces.dll")); err == nil {
		interfaces = filepath.Join(core, "nunit.core.interfaces.dll")
	}
	if out, err := exec.Command("mcs", "-out:"+exe, "-r:"+filepath.Join(core, "nunit.core.dll"), "-r:"+interfaces,
		"-r:Mono.CompilerServices.SymbolWriter.dll", src).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mcs: %v: %s", err, out)
	}
	args := []string{exe}
	for _, d := range filepath.SplitList(os.Getenv("NUNIT_PROBE")) {
		args = append(args, "-probe:"+d)
	}
	for _, a := range assemblies {
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		args = append(args, abs)
	}
	cmd := exec.Command("mono", args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("lister: %v: %s", err, tail(stderr.String(), 2000))
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		return nil, fmt.Errorf("lister printed no list: %v", err)
	}
	entries := make([]nunitEntry, 0, len(rows))
	for _, f := range rows {
		if len(f) != 8 {
			return nil, fmt.Errorf("lister: bad row %q", f)
		}
		entries = append(entries, nunitEntry{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]})
	}
	return entries, nil
}

var (
	reAssemblyName = regexp.MustCompile(`<AssemblyName>\s*([^<]+?)\s*</AssemblyName>`)
	reOutputType   = regexp.MustCompile(`<OutputType>\s*([^<]+?)\s*</OutputType>`)
	rePropertyGrp  = regexp.MustCompile(`(?s)<PropertyGroup([^>]*)>(.*?)</PropertyGroup>`)
	reDefines      = regexp.MustCompile(`<DefineConstants>\s*([^<]*?)\s*</DefineConstants>`)
)

// nunitDefines maps each assembly file name that a csproj under root
// builds to the symbols its DefineConstants define in the configuration
// (the property groups without a condition or whose condition names it).
func nunitDefines(root string) (map[string]map[string]bool, error) {
	config := os.Getenv("NUNIT_CONFIGURATION")
	if config == "" {
		config = "Debug"
	}
	out := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".csproj") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := reAssemblyName.FindSubmatch(b)
		if m == nil {
			return nil
		}
		ext := ".dll"
		if t := reOutputType.FindSubmatch(b); t != nil && strings.Contains(strings.ToLower(string(t[1])), "exe") {
			ext = ".exe"
		}
		syms := map[string]bool{}
		for _, g := range rePropertyGrp.FindAllSubmatch(b, -1) {
			if cond := string(g[1]); strings.Contains(cond, "Condition") && !strings.Contains(cond, "'"+config+"|") && !strings.Contains(cond, "'"+config+"'") {
				continue
			}
			for _, dm := range reDefines.FindAllSubmatch(g[2], -1) {
				for _, s := range strings.FieldsFunc(string(dm[1]), func(r rune) bool { return r == ';' || r == ',' || r == ' ' }) {
					syms[s] = true
				}
			}
		}
		out[string(m[1])+ext] = syms
		return nil
	})
	return out, err
}

// evalCSharpCondition evaluates a C# preprocessor expression (symbols,
// true, false, !, ==, !=, &&, ||, parentheses) with the symbols defined.
func evalCSharpCondition(expr string, defined map[string]bool) conditionValue {
	p := ppParser{toks: ppTokens(expr), defined: defined}
	v := p.or()
	if p.bad || p.pos != len(p.toks) {
		return conditionUnknown
	}
	if v {
		return conditionTrue
	}
	return conditionFalse
}

var rePPToken = regexp.MustCompile(`\s*(\|\||&&|==|!=|!|\(|\)|[A-Za-z_][A-Za-z0-9_]*)`)

func ppTokens(s string) []string {
	var toks []string
	for len(strings.TrimSpace(s)) > 0 {
		m := rePPToken.FindStringSubmatchIndex(s)
		if m == nil || m[0] != 0 {
			return append(toks, "?")
		}
		toks = append(toks, s[m[2]:m[3]])
		s = s[m[1]:]
	}
	return toks
}

type ppParser struct {
	toks    []string
	pos     int
	defined map[string]bool
	bad     bool
}

func (p *ppParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *ppParser) or() bool {
	v := p.and()
	for p.peek() == "||" {
		p.pos++
		w := p.and()
		v = v || w
	}
	return v
}

func (p *ppParser) and() bool {
	v := p.equality()
	for p.peek() == "&&" {
		p.pos++
		w := p.equality()
		v = v && w
	}
	return v
}

func (p *ppParser) equality() bool {
	v := p.unary()
	for p.peek() == "==" || p.peek() == "!=" {
		op := p.peek()
		p.pos++
		w := p.unary()
		v = (v == w) == (op == "==")
	}
	return v
}

func (p *ppParser) unary() bool {
	switch t := p.peek(); t {
	case "!":
		p.pos++
		return !p.unary()
	case "(":
		p.pos++
		v := p.or()
		if p.peek() != ")" {
			p.bad = true
		}
		p.pos++
		return v
	case "true":
		p.pos++
		return true
	case "false":
		p.pos++
		return false
	case "", ")", "||", "&&", "==", "!=", "?":
		p.bad = true
		return false
	default:
		p.pos++
		return p.defined[t]
	}
}
