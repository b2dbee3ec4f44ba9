package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// PHPUnit: `phpunit --list-tests-xml FILE` lists every test of every
// concrete test class (Class::method, and one entry per data set with its
// name: "key" or #0). It does not say where a method is written, so a small
// PHP script loads the same bootstrap and asks reflection, for each listed
// method, which class declares it and in which file (an abstract base's test
// is listed under each concrete subclass; the inventory reports it where it
// is written).
//
//	go run ./cmd/accuracy phpunit DIR [LIST.xml]
//
// DIR holds phpunit.xml (or phpunit.xml.dist); without LIST the runner is
// run there (`phpunit --list-tests-xml`). PHPUNIT_AUTOLOAD names PHPUnit's
// autoloader for the reflection script (default: Debian's
// /usr/share/php/PHPUnit/Autoload.php); PHPUNIT_BOOTSTRAP the project's
// bootstrap (default: the bootstrap attribute of phpunit.xml).
//
// Declared tests: the runner's methods by the file and class that declare
// them against the inventory's tests by file, class (suite) and name. Items:
// each listed entry (a test of a concrete class, or one data set of it) by
// the concrete class's file, class, method and data set against the
// inventory's tests without cases and its cases ("with data set X").

// phpItem is one entry of the runner's list, located by reflection.
type phpItem struct {
	Class     string `json:"class"`      // the concrete class (FQCN)
	ClassFile string `json:"class_file"` // its file
	Declaring string `json:"declaring"`  // short name of the class declaring the method
	DeclFile  string `json:"decl_file"`  // the file the method is written in
	Method    string `json:"method"`
	DataSet   string `json:"data_set"` // "" or `"key"` or `#0`
	Abstract  bool   `json:"abstract"` // the declaring class is abstract
	Error     string `json:"error"`
}

const phpLocateScript = `<?php
// Locates each test phpunit --list-tests-xml listed: argv: autoload, bootstrap, list.
require_once $argv[1];
if ($argv[2] !== '') { require_once $argv[2]; }
$xml = simplexml_load_file($argv[3]);
foreach ($xml->testCaseClass as $c) {
    $cls = (string)$c['name'];
    foreach ($c->testCaseMethod as $m) {
        $row = ['class' => $cls, 'method' => (string)$m['name'], 'data_set' => isset($m['dataSet']) ? (string)$m['dataSet'] : ''];
        try {
            $rc = new ReflectionClass($cls);
            $rm = new ReflectionMethod($cls, $row['method']);
            $dc = $rm->getDeclaringClass();
            $row += ['class_file' => $rc->getFileName(), 'declaring' => $dc->getShortName(), 'decl_file' => $rm->getFileName(), 'abstract' => $dc->isAbstract()];
        } catch (Throwable $e) {
            $row['error'] = $e->getMessage();
        }
        echo json_encode($row, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
    }
}
`

var phpBootstrapAttr = regexp.MustCompile(`\bbootstrap="([^"]+)"`)

// phpunitList runs phpunit --list-tests-xml in dir (unless list is given)
// and locates every entry.
func phpunitList(dir, list string) ([]phpItem, error) {
	if list == "" {
		f, err := os.CreateTemp("", "accuracy-*.xml")
		if err != nil {
			return nil, err
		}
		f.Close()
		defer os.Remove(f.Name())
		cmd := exec.Command("phpunit", "--list-tests-xml", f.Name())
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("phpunit --list-tests-xml: %v: %s", err, tail(string(b), 2000))
		}
		list = f.Name()
	}
	autoload := "/usr/share/php/PHPUnit/Autoload.php"
	if v := os.Getenv("PHPUNIT_AUTOLOAD"); v != "" {
		autoload = v
	}
	bootstrap := os.Getenv("PHPUNIT_BOOTSTRAP")
	if bootstrap == "" {
		for _, name := range []string{"phpunit.xml", "phpunit.xml.dist"} {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				if m := phpBootstrapAttr.FindSubmatch(b); m != nil {
					bootstrap = filepath.Join(dir, string(m[1]))
				}
				break
			}
		}
	}
	script, err := os.CreateTemp("", "accuracy-*.php")
	if err != nil {
		return nil, err
	}
	defer os.Remove(script.Name())
	if _, err := script.WriteString(phpLocateScript); err != nil {
		return nil, err
	}
	script.Close()
	cmd := exec.Command("php", script.Name(), autoload, bootstrap, list)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("locating the listed tests: %v: %s", err, tail(errOut.String()+out.String(), 2000))
	}
	var items []phpItem
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var it phpItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("locating the listed tests: %w: %s", err, sc.Text())
		}
		for _, p := range []*string{&it.ClassFile, &it.DeclFile} {
			if rel, err := filepath.Rel(dir, *p); err == nil && *p != "" {
				*p = filepath.ToSlash(rel)
			}
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("phpunit listed no test")
	}
	return items, nil
}

func shortName(fqcn string) string { return fqcn[strings.LastIndexByte(fqcn, '\\')+1:] }

func runPHPUnit(dir string, lists []string) error {
	dir, collector, err := locate(dir)
	if err != nil {
		return err
	}
	if len(lists) == 0 {
		lists = []string{""}
	}
	var items []phpItem
	for _, l := range lists {
		its, err := phpunitList(dir, l)
		if err != nil {
			return err
		}
		items = append(items, its...)
	}
	doc, took, err := timedInventory(collector, dir)
	if err != nil {
		return err
	}

	// The inventory's view: declared tests by file, class, method; items by
	// the same and the case name.
	type ourPHP struct {
		line    int
		cases   map[string]bool
		matched bool
	}
	ours := map[string]*ourPHP{}
	ourFiles := map[string]int{}
	reasons := map[string]string{}
	frameworks := map[inventory.Framework]int{}
	for _, f := range doc.Files {
		if f.Language != inventory.LanguagePHP {
			continue
		}
		frameworks[f.Framework]++
		reasons[f.Path] = f.SkipReason
		for _, t := range f.Tests {
			switch {
			case t.Kind == inventory.KindTest && len(t.SuitePath) == 1:
				k := strings.Join([]string{f.Path, t.SuitePath[0], t.Name}, "::")
				if ours[k] == nil {
					ours[k] = &ourPHP{line: t.Line, cases: map[string]bool{}}
				}
				ourFiles[f.Path]++
			case t.Kind == inventory.KindCase && len(t.SuitePath) == 2:
				k := strings.Join([]string{f.Path, t.SuitePath[0], t.SuitePath[1]}, "::")
				if ours[k] == nil {
					ours[k] = &ourPHP{line: t.Line, cases: map[string]bool{}}
				}
				ours[k].cases[strings.TrimPrefix(t.Name, "with data set ")] = true
			}
		}
	}

	var rep pytestReport
	declared := map[string]bool{}
	theirFiles := map[string]int{}
	var located, failedLocate, dataSets int
	sources := sourceCache{dir: dir, files: map[string][]byte{}, reasons: reasons}
	perTest := map[string][]phpItem{} // concrete file::class::method → entries
	var order []string
	for _, it := range items {
		if it.Error != "" {
			failedLocate++
			rep.cause("runner entry not located: "+it.Error, it.Class+"::"+it.Method, 1)
			continue
		}
		located++
		theirFiles[it.ClassFile]++
		if it.DataSet != "" {
			dataSets++
		}
		dk := strings.Join([]string{it.DeclFile, it.Declaring, it.Method}, "::")
		if !declared[dk] {
			declared[dk] = true
			rep.theirDeclared++
			if o := ours[dk]; o != nil {
				o.matched = true
				rep.matchedDeclared++
			} else {
				rep.missingDeclared++
				rep.cause("missing test: "+phpMissingCause(it, ourFiles, &sources), dk, 1)
			}
		}
		ik := strings.Join([]string{it.ClassFile, shortName(it.Class), it.Method}, "::")
		if perTest[ik] == nil {
			order = append(order, ik)
		}
		perTest[ik] = append(perTest[ik], it)
	}
	for _, ik := range order {
		entries := perTest[ik]
		rep.theirItems += len(entries)
		o := ours[ik]
		inherited := entries[0].DeclFile != entries[0].ClassFile || entries[0].Declaring != shortName(entries[0].Class)
		if o == nil {
			rep.missingItems += len(entries)
			cause := "test of a concrete class not in the inventory"
			if inherited {
				cause = "inherited test not listed under the concrete class"
				if entries[0].DeclFile != entries[0].ClassFile {
					cause += " (declared in another file)"
				}
			}
			rep.cause("missing items: "+cause, ik, len(entries))
			continue
		}
		o.matched = true
		if entries[0].DataSet == "" {
			rep.matchedItems++
			if len(o.cases) > 0 {
				rep.extraItems += len(o.cases)
				rep.cause("extra cases: runner lists the test without data sets", ik, len(o.cases))
			}
			continue
		}
		rep.theirParametrized++
		rep.theirCases += len(entries)
		left := map[string]bool{}
		for c := range o.cases {
			left[c] = true
		}
		miss := 0
		for _, e := range entries {
			if left[e.DataSet] {
				delete(left, e.DataSet)
				rep.matchedItems++
				rep.matchedCases++
			} else {
				miss++
			}
		}
		rep.missingItems += miss
		rep.extraItems += len(left)
		switch {
		case miss > 0 && len(o.cases) == 0:
			rep.cause("data sets not expanded: "+phpProviderCause(entries[0], &sources), ik, miss)
		case miss > 0 || len(left) > 0:
			rep.cause("data set names differ", ik, miss+len(left))
		}
	}
	var abstractExtra int
	for _, k := range sortedKeys(ours) {
		o := ours[k]
		if o.matched {
			continue
		}
		file, _, _ := strings.Cut(k, "::")
		rep.extraDeclared++
		rep.extraItems += max(len(o.cases), 1)
		cause := "not listed by phpunit"
		if theirFiles[file] == 0 && !declaredIn(declared, file) {
			cause = "in a file phpunit lists no test from"
		}
		if regexp.MustCompile(`\babstract\s+class\s+` + regexp.QuoteMeta(strings.Split(k, "::")[1]) + `\b`).Match(sources.get(file)) {
			cause = "abstract class with no subclass phpunit runs"
			abstractExtra++
		}
		rep.cause("extra test: "+cause, k, max(len(o.cases), 1))
	}
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] > 0 })

	fmt.Printf("## phpunit: %s\n\n", dir)
	fmt.Printf("`phpunit --list-tests-xml` lists %d entries (%d with a data set) from %d concrete test classes' files; %d could not be located. Inventory: %s for the folder; frameworks assigned: %v.\n\n",
		len(items), dataSets, len(theirFiles), failedLocate, took.Round(time.Millisecond), frameworks)
	fmt.Println("| measure | runner | inventory matches | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	pct := func(miss, extra, total int) string {
		return strconv.FormatFloat(100*float64(miss+extra)/float64(max(total, 1)), 'f', 2, 64) + " %"
	}
	fmt.Printf("| declared tests (method where written) | %d | %d | %d | %d | %s |\n", rep.theirDeclared, rep.matchedDeclared, rep.missingDeclared, rep.extraDeclared, pct(rep.missingDeclared, rep.extraDeclared, rep.theirDeclared))
	fmt.Printf("| data sets (of %d tests with data sets) | %d | %d | | | |\n", rep.theirParametrized, rep.theirCases, rep.matchedCases)
	fmt.Printf("| runner entries (class::method, each data set) | %d | %d | %d | %d | %s |\n\n", rep.theirItems, rep.matchedItems, rep.missingItems, rep.extraItems, pct(rep.missingItems, rep.extraItems, rep.theirItems))
	fmt.Printf("Files of concrete test classes phpunit lists that the inventory misses: %d %v.\n\n", len(missingFiles), missingFiles)
	rep.print()
	return writeDetails(rep.details)
}

// declaredIn reports whether a declared-test key of the runner is in file.
func declaredIn(declared map[string]bool, file string) bool {
	for k := range declared {
		if strings.HasPrefix(k, file+"::") {
			return true
		}
	}
	return false
}

// phpMissingCause says why a method the runner lists is not in the
// inventory where it is declared.
func phpMissingCause(it phpItem, ourFiles map[string]int, s *sourceCache) string {
	if ourFiles[it.DeclFile] == 0 {
		if reason := s.reasons[it.DeclFile]; reason != "" {
			return "file reported with no tests: " + reason
		}
		if _, ok := s.reasons[it.DeclFile]; ok {
			return "file reported, no test of this class"
		}
		return "file not in the inventory"
	}
	if !regexp.MustCompile(`function\s+` + regexp.QuoteMeta(it.Method) + `\s*\(`).Match(s.get(it.DeclFile)) {
		return "method not written in its file (trait or generated)"
	}
	return "written in its file, not read as a test"
}

// phpProviderCause looks at the doc comment or attributes above a test whose
// data sets the inventory does not expand.
func phpProviderCause(it phpItem, s *sourceCache) string {
	src := string(s.get(it.DeclFile))
	i := regexp.MustCompile(`function\s+` + regexp.QuoteMeta(it.Method) + `\s*\(`).FindStringIndex(src)
	if i == nil {
		return "method not found"
	}
	before := src[max(0, i[0]-600):i[0]]
	if k := strings.LastIndex(before, "}"); k >= 0 {
		before = before[k:]
	}
	m := regexp.MustCompile(`(?:@dataProvider\s+|DataProvider\(\s*['"])(\w+)`).FindStringSubmatch(before)
	if m == nil {
		return "no provider named above the test"
	}
	body := regexp.MustCompile(`function\s+` + regexp.QuoteMeta(m[1]) + `\s*\([^)]*\)[^{]*\{`).FindStringIndex(src)
	if body == nil {
		return "provider " + m[1] + " not in the file (inherited or in another class)"
	}
	text := src[body[1]:min(len(src), body[1]+400)]
	switch {
	case strings.Contains(text, "foreach") || strings.Contains(text, "for ("):
		return "provider builds its data sets in a loop"
	case strings.Contains(text, "yield"):
		return "provider yields (not all at its top level)"
	default:
		return "provider's array not literal at its top level"
	}
}
