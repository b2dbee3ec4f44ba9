package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// JUnit 5: the JUnit Platform's own discovery — the Launcher's TestPlan for
// a folder of compiled test classes, which every build tool's runner uses —
// lists each test method without running it. junitLister prints, for each,
// the class that declares the method (an inherited @Test is declared once,
// in its class) and the method.
//
//	go run ./cmd/accuracy junit ROOT CLASSES_DIR CLASSPATH
//
// ROOT holds the test sources; CLASSES_DIR their compiled classes; CLASSPATH
// what they need (the JUnit jars are added from /usr/share/java, or
// JUNIT_JARS). Only test source files whose top-level class was compiled
// are compared: a file that did not compile is left out of both sides.
const junitLister = `
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.*;
import org.junit.platform.launcher.core.*;
import java.nio.file.*;
import java.util.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

public class ListTests {
  public static void main(String[] args) {
    LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClasspathRoots(Set.of(Paths.get(args[0])))).build();
    TestPlan plan = LauncherFactory.create().discover(req);
    StringBuilder out = new StringBuilder("[");
    Deque<TestIdentifier> todo = new ArrayDeque<>(plan.getRoots());
    boolean first = true;
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.pop();
      todo.addAll(plan.getChildren(id));
      Optional<TestSource> src = id.getSource();
      if (src.isEmpty() || !(src.get() instanceof MethodSource)) continue;
      MethodSource m = (MethodSource) src.get();
      String declaring = m.getClassName();
      try { declaring = m.getJavaMethod().getDeclaringClass().getName(); } catch (Exception e) { }
      out.append(first ? "" : ",").append("[\"").append(declaring).append("\",\"").append(m.getMethodName()).append("\"]");
      first = false;
    }
    System.out.println(out.append("]"));
  }
}
`

var junitJars = []string{
	"junit-platform-launcher", "junit-platform-engine", "junit-platform-commons", "junit-jupiter-engine",
	"junit-jupiter-api", "junit-jupiter-params", "opentest4j", "apiguardian-api",
}

func runJUnit(root, classes, classpath string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	if classes, err = filepath.Abs(classes); err != nil {
		return err
	}
	jars := os.Getenv("JUNIT_JARS")
	if jars == "" {
		var paths []string
		for _, j := range junitJars {
			paths = append(paths, "/usr/share/java/"+j+".jar")
		}
		jars = strings.Join(paths, ":")
	}
	work, err := os.MkdirTemp("", "accuracy-junit")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := os.WriteFile(filepath.Join(work, "ListTests.java"), []byte(junitLister), 0o644); err != nil {
		return err
	}
	if out, err := exec.Command("javac", "-d", work, "-cp", jars, filepath.Join(work, "ListTests.java")).CombinedOutput(); err != nil {
		return fmt.Errorf("javac: %v: %s", err, out)
	}
	cmd := exec.Command("java", "-cp", strings.Join([]string{work, jars, classes, classpath}, ":"), "ListTests", classes)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("discovery: %v: %s", err, tail(stderr.String(), 2000))
	}
	var listed [][2]string
	if err := json.Unmarshal(out, &listed); err != nil {
		return fmt.Errorf("discovery printed no list: %v", err)
	}

	// Source files by the path their package and top-level class give, and
	// the other way round.
	sources := map[string]string{}    // "org/x/Foo.java" → path relative to root
	classPaths := map[string]string{} // path relative to root → "org/x/Foo.java"
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".java") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		for _, marker := range []string{"/java/", "/kotlin/"} {
			if i := strings.Index(rel, "src/test"+marker); i >= 0 {
				sources[rel[i+len("src/test"+marker):]] = rel
				classPaths[rel] = rel[i+len("src/test"+marker):]
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	compiled := func(file string) bool {
		suffix, ok := classPaths[file]
		if !ok {
			return false
		}
		_, err := os.Stat(filepath.Join(classes, strings.TrimSuffix(suffix, ".java")+".class"))
		return err == nil
	}

	theirs := map[string]bool{} // file \t Class.Nested \t method
	theirFiles := map[string]bool{}
	var r cargoReport
	for _, l := range listed {
		class, method := l[0], l[1]
		outer, _, _ := strings.Cut(class, "$")
		file, ok := sources[strings.ReplaceAll(outer, ".", "/")+".java"]
		if !ok {
			r.cause("not compared: declared outside the test sources", class+"#"+method)
			continue
		}
		simple := class[strings.LastIndexByte(class, '.')+1:]
		theirs[file+"\t"+strings.ReplaceAll(simple, "$", ".")+"\t"+method] = true
		theirFiles[file] = true
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	ours := map[string]bool{}
	ourFiles := map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	notCompiled := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageJava {
			continue
		}
		if !compiled(f.Path) {
			notCompiled++
			continue
		}
		frameworks[f.Framework]++
		ourFiles[f.Path] = true
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest {
				ours[f.Path+"\t"+strings.Join(t.SuitePath, ".")+"\t"+t.Name] = true
			}
		}
	}
	for k := range theirs {
		r.runner++
		if ours[k] {
			r.found++
			continue
		}
		r.missing++
		file, _, _ := strings.Cut(k, "\t")
		if !ourFiles[file] {
			r.cause("missing: file not in the inventory", strings.ReplaceAll(k, "\t", " "))
		} else {
			r.cause("missing: not found", strings.ReplaceAll(k, "\t", " "))
		}
	}
	for k := range ours {
		if !theirs[k] {
			r.extra++
			r.cause("extra: not listed by the JUnit Platform", strings.ReplaceAll(k, "\t", " "))
		}
	}
	fmt.Printf("## JUnit Platform discovery: %s\n\n", root)
	fmt.Printf("%d test methods discovered in %s; inventory in %s; frameworks assigned (compared files): %v; "+
		"Java files of the inventory not compiled (not compared): %d.\n\n", len(listed), classes, took.Round(1e6), frameworks, notCompiled)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (declaring class and method) | %d | %d | %d | %d | %.2f %% |\n\n", r.runner, r.found, r.missing, r.extra,
		100*float64(r.missing+r.extra)/float64(max(r.runner, 1)))
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	r.print()
	return writeDetails(r.details)
}
