package main

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// TestNG: what TestNG itself would run from compiled test classes, without
// running a test (its dry-run mode, testng.mode.dryrun, reports every
// invocation as passed without calling the method). testngLister prints each
// test method once, by the class that declares it (an inherited test is
// declared once, as for JUnit), with how many times it would run (data
// provider rows, invocationCount). TestNG never runs a test whose @Test (its
// own, else its class's) says enabled = false, and lists it nowhere; the
// lister runs the suite a second time with an annotation transformer that
// enables every @Test, and what runs only then is a disabled test, found by
// TestNG's own rules (which methods a class-level @Test makes tests, which a
// method's own @Test overrides).
//
//	go run ./cmd/accuracy testng ROOT CLASSES_DIR CLASSPATH [SUITE.xml ...]
//
// ROOT holds the test sources; CLASSES_DIR their compiled classes; CLASSPATH
// what they need (TestNG 7's jars are added from /usr/share/java, or
// TESTNG_JARS). Without SUITE.xml files every concrete class of CLASSES_DIR
// is given to TestNG, as Gradle's useTestNG() and Surefire do without a
// suite file; with them, what they name. Declared tests are the ones TestNG
// runs and the disabled ones: both are written in source, and the inventory
// reports the disabled ones as skipped, which is checked separately.
const testngLister = `
import org.testng.*;
import org.testng.annotations.ITestAnnotation;
import java.io.File;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

public class ListTests implements ITestListener {
  private final Map<String, Integer> invocations = new TreeMap<>();

  private void ran(ITestResult r) {
    ITestNGMethod m = r.getMethod();
    invocations.merge(m.getConstructorOrMethod().getDeclaringClass().getName() + "\t" + m.getMethodName(), 1, Integer::sum);
  }
  public void onTestSuccess(ITestResult r) { ran(r); }
  public void onTestFailure(ITestResult r) { ran(r); }
  public void onTestSkipped(ITestResult r) { ran(r); }
  public void onTestFailedButWithinSuccessPercentage(ITestResult r) { ran(r); }

  public static class EnableAll implements IAnnotationTransformer {
    public void transform(ITestAnnotation a, Class c, Constructor k, Method m) { a.setEnabled(true); }
  }

  static Map<String, Integer> list(Path classes, List<String> suites, boolean enableAll) throws Exception {
    TestNG tng = new TestNG(false);
    tng.setOutputDirectory(Files.createTempDirectory("testng-out").toString());
    tng.setVerbose(0);
    if (!suites.isEmpty()) {
      tng.setTestSuites(suites);
    } else {
      List<Class<?>> found = new ArrayList<>();
      try (Stream<Path> s = Files.walk(classes)) {
        for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
          String name = classes.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
          Class<?> c;
          try { c = Class.forName(name, false, ListTests.class.getClassLoader()); } catch (Throwable e) { continue; }
          if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) continue;
          found.add(c);
        }
      }
      tng.setTestClasses(found.toArray(new Class<?>[0]));
    }
    if (enableAll) tng.addListener(new EnableAll());
    ListTests l = new ListTests();
    tng.addListener(l);
    tng.run();
    return l.invocations;
  }

  public static void main(String[] args) throws Exception {
    // What the tests print (data providers, constructors) goes to stderr.
    java.io.PrintStream list = System.out;
    System.setOut(System.err);
    Path classes = Paths.get(args[0]);
    List<String> suites = Arrays.asList(args).subList(1, args.length);
    Map<String, Integer> enabled = list(classes, suites, false);
    Map<String, Integer> all = list(classes, suites, true);
    StringBuilder out = new StringBuilder();
    enabled.forEach((k, n) -> out.append("run\t").append(k).append("\t").append(n).append("\n"));
    all.forEach((k, n) -> { if (!enabled.containsKey(k)) out.append("disabled\t").append(k).append("\t").append(n).append("\n"); });
    list.print(out);
    list.flush();
  }
}
`

// testngJars are TestNG 7 and what it loads (Debian's libtestng7-java,
// libjcommander-java, libslf4j-java).
var testngJars = []string{"testng", "jcommander", "slf4j-api", "slf4j-nop"}

func init() {
	register("testng", "ROOT CLASSES_DIR CLASSPATH [SUITE.xml ...]", 3, -1, func(args []string) error {
		return runTestNG(args[0], args[1], args[2], args[3:])
	})
}

// testngMethod is one test method as TestNG lists it.
type testngMethod struct {
	class, method string
	invocations   int
	disabled      bool
}

func runTestNG(root, classes, classpath string, suites []string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	if classes, err = filepath.Abs(classes); err != nil {
		return err
	}
	out, err := runJavaLister(testngLister, javaJars("TESTNG_JARS", testngJars), classes, classpath,
		append([]string{classes}, suites...)...)
	if err != nil {
		return err
	}
	listed, err := parseTestNGList(out)
	if err != nil {
		return err
	}
	src, err := readJavaSources(root, classes)
	if err != nil {
		return err
	}
	theirs := map[string]bool{}
	disabled := map[string]bool{}
	var r cargoReport
	var invocations, runs int
	for _, m := range listed {
		k, ok := src.key(m.class, m.method)
		if !ok {
			r.cause("not compared: declared outside the test sources", m.class+"#"+m.method)
			continue
		}
		theirs[k] = true
		if m.disabled {
			disabled[k] = true
		} else {
			runs++
			invocations += m.invocations
		}
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	ours := src.declared(doc)
	compareDeclared(&r, theirs, ours, "TestNG")

	// Statuses of the tests found: disabled ↔ skipped.
	var status cargoReport
	for k := range theirs {
		st, ok := ours.tests[k]
		if !ok {
			continue
		}
		skipped := st == inventory.TestSkipped
		switch {
		case disabled[k] && skipped:
			status.found++
		case disabled[k]:
			status.missing++
			r.cause("status: disabled, reported "+string(st), strings.ReplaceAll(k, "\t", " "))
		case skipped:
			status.extra++
			r.cause("status: runs, reported skipped", strings.ReplaceAll(k, "\t", " "))
		}
		if disabled[k] {
			status.runner++
		}
	}

	fmt.Printf("## TestNG: %s\n\n", root)
	fmt.Printf("TestNG's dry run of %s lists %d test methods to run (%d invocations) and %d disabled; inventory in %s; "+
		"frameworks assigned (compared files): %v; Java files of the inventory not compiled (not compared): %d.\n\n",
		classes, runs, invocations, len(disabled), took.Round(1e6), ours.frameworks, ours.notCompiled)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (declaring class and method; disabled included) | %d | %d | %d | %d | %.2f %% |\n", r.runner, r.found, r.missing, r.extra,
		100*float64(r.missing+r.extra)/float64(max(r.runner, 1)))
	fmt.Printf("| disabled tests (enabled = false) reported skipped | %d | %d | %d active | %d skipped that run | |\n\n",
		status.runner, status.found, status.missing, status.extra)
	missingFiles := unreported(fileSet(theirs), func(f string) bool { return ours.files[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	r.print()
	return writeDetails(r.details)
}

// parseTestNGList reads the lister's lines: run|disabled, class, method,
// invocations.
func parseTestNGList(out []byte) ([]testngMethod, error) {
	var listed []testngMethod
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 || f[0] != "run" && f[0] != "disabled" {
			return nil, fmt.Errorf("lister printed %q", sc.Text())
		}
		n, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("lister printed %q", sc.Text())
		}
		listed = append(listed, testngMethod{class: f[1], method: f[2], invocations: n, disabled: f[0] == "disabled"})
	}
	return listed, sc.Err()
}
