package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// JUnit 5: the JUnit Platform's own discovery — the Launcher's TestPlan for
// a folder of compiled test classes, which every build tool's runner uses —
// lists each test method without running it. junitLister prints, for each,
// the class that declares the method (an inherited @Test is declared once,
// in its class; JUnit 4's override without @Test, in the class that writes
// the @Test) and the method. JUnit 4 tests run through the Vintage engine
// (add its jar, junit4's and hamcrest's to JUNIT_JARS).
//
//	go run ./cmd/accuracy junit ROOT CLASSES_DIR CLASSPATH
//
// ROOT holds the test sources; CLASSES_DIR their compiled classes; CLASSPATH
// what they need (the JUnit jars are added from /usr/share/java, or
// JUNIT_JARS). Only test source files whose top-level class was compiled
// are compared: a file that did not compile is left out of both sides.
// Java test sources are found by the src/test/java/ layout; Kotlin ones
// (.kt under any folder named test) by their package line and file name,
// which their classes' SourceFile attribute names.
const junitLister = `
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.*;
import org.junit.platform.launcher.core.*;
import java.nio.file.*;
import java.util.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

public class ListTests {
  public static void main(String[] args) {
    // Discovery runs test code (a Parameterized class's @Parameters
    // method), which may print: only the list goes to standard output.
    java.io.PrintStream stdout = System.out;
    System.setOut(System.err);
    LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClasspathRoots(Set.of(Paths.get(args[0])))).build();
    TestPlan plan = LauncherFactory.create().discover(req);
    StringBuilder out = new StringBuilder("[");
    Deque<TestIdentifier> todo = new ArrayDeque<>(plan.getRoots());
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.pop();
      todo.addAll(plan.getChildren(id));
      Optional<TestSource> src = id.getSource();
      if (src.isPresent() && src.get() instanceof MethodSource) {
        MethodSource m = (MethodSource) src.get();
        String declaring = m.getClassName();
        try { declaring = annotatedIn(m.getJavaMethod()); } catch (Exception e) { }
        add(out, declaring, m.getMethodName(), "");
      } else if (id.isTest() && src.isPresent() && src.get() instanceof ClassSource) {
        vintage(out, ((ClassSource) src.get()).getClassName(), id.getDisplayName());
      }
    }
    stdout.println(out.append("]"));
  }

  // JUnit 4 (Vintage) gives a test only its class when it cannot pick one
  // Method by the test's name: an overloaded name, or a runner's own name
  // ("m[0]" of a runner other than Parameterized). The declared method is
  // the nearest of that name up the class chain. "initializationError" is
  // JUnit 4's report of a class that failed validation, not a method.
  static void vintage(StringBuilder out, String className, String name) {
    if (name.equals("initializationError")) { add(out, className, name, "initializationError"); return; }
    String method = name.contains("[") && name.endsWith("]") ? name.substring(0, name.indexOf('[')) : name;
    String first = null; // a JUnit 3 test* method has no annotation
    try {
      for (Class<?> c = Class.forName(className, false, ListTests.class.getClassLoader()); c != null; c = c.getSuperclass()) {
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
          if (!m.getName().equals(method)) continue;
          if (isTest(m)) { add(out, c.getName(), method, ""); return; }
          if (first == null) first = c.getName();
        }
      }
    } catch (Throwable e) { }
    if (first != null) add(out, first, method, "");
    else add(out, className, name, "unresolved");
  }

  // JUnit 4 runs a @Test method's override that has no @Test of its own
  // (an abstract @Test implemented below, or a test emptied above), and the
  // runner gives the override: the test is declared where @Test is written.
  static String annotatedIn(java.lang.reflect.Method m) {
    for (Class<?> c = m.getDeclaringClass(); c != null; c = c.getSuperclass()) {
      try {
        if (isTest(c.getDeclaredMethod(m.getName(), m.getParameterTypes()))) return c.getName();
      } catch (NoSuchMethodException e) { }
    }
    return m.getDeclaringClass().getName();
  }

  static boolean isTest(java.lang.reflect.Method m) {
    for (java.lang.annotation.Annotation a : m.getAnnotations()) {
      String n = a.annotationType().getSimpleName();
      if (n.endsWith("Test") || n.equals("Theory")) return true;
    }
    return false;
  }

  static void add(StringBuilder out, String declaring, String method, String note) {
    out.append(out.length() == 1 ? "" : ",").append("[").append(str(declaring)).append(",")
        .append(str(method)).append(",").append(str(note)).append("]");
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
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
	out, err := runJavaLister(junitLister, javaJars("JUNIT_JARS", junitJars), classes, classpath, classes)
	if err != nil {
		return err
	}
	// [declaring class, method, note]: the note names what is not a
	// declared method (see junitLister).
	var listed [][3]string
	if err := json.Unmarshal(out, &listed); err != nil {
		return fmt.Errorf("discovery printed no list: %v", err)
	}
	src, err := readJavaSources(root, classes)
	if err != nil {
		return err
	}
	theirs := map[string]bool{} // file \t Class.Nested \t method
	var r cargoReport
	for _, l := range listed {
		switch l[2] {
		case "initializationError":
			r.cause("not compared: JUnit 4's initializationError (the class failed validation)", l[0])
			continue
		case "unresolved":
			r.cause("not compared: a JUnit 4 test of no declared method", l[0]+"#"+l[1])
			continue
		}
		k, ok := src.key(l[0], l[1])
		if !ok {
			r.cause("not compared: declared outside the test sources", l[0]+"#"+l[1])
			continue
		}
		theirs[k] = true
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	ours := src.declared(doc)
	compareDeclared(&r, theirs, ours, "the JUnit Platform")
	fmt.Printf("## JUnit Platform discovery: %s\n\n", root)
	fmt.Printf("%d test methods discovered in %s; inventory in %s; frameworks assigned (compared files): %v; "+
		"Java and Kotlin files of the inventory not compiled (not compared): %d.\n\n", len(listed), classes, took.Round(1e6), ours.frameworks, ours.notCompiled)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (declaring class and method) | %d | %d | %d | %d | %.2f %% |\n\n", r.runner, r.found, r.missing, r.extra,
		100*float64(r.missing+r.extra)/float64(max(r.runner, 1)))
	missingFiles := unreported(fileSet(theirs), func(f string) bool { return ours.files[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	r.print()
	return writeDetails(r.details)
}

// javaJars is the runner's jars: the list in the environment variable env,
// else names from /usr/share/java (Debian's).
func javaJars(env string, names []string) string {
	if jars := os.Getenv(env); jars != "" {
		return jars
	}
	var paths []string
	for _, j := range names {
		paths = append(paths, "/usr/share/java/"+j+".jar")
	}
	return strings.Join(paths, ":")
}

// runJavaLister compiles source (class ListTests) against jars and runs it
// with the runner's jars first, then the compiled test classes and what they
// need; it returns what the lister printed.
func runJavaLister(source, jars, classes, classpath string, args ...string) ([]byte, error) {
	work, err := os.MkdirTemp("", "accuracy-java")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if err := os.WriteFile(filepath.Join(work, "ListTests.java"), []byte(source), 0o644); err != nil {
		return nil, err
	}
	if out, err := exec.Command("javac", "-d", work, "-cp", jars, filepath.Join(work, "ListTests.java")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("javac: %v: %s", err, out)
	}
	return javaOutput(exec.Command("java", append([]string{"-cp", strings.Join([]string{work, jars, classes, classpath}, ":"), "ListTests"}, args...)...))
}

// javaOutput runs cmd and returns its standard output, or an error with the
// end of its standard error.
func javaOutput(cmd *exec.Cmd) ([]byte, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("lister: %v: %s", err, tail(stderr.String(), 2000))
	}
	return out, nil
}

// javaSources are a checkout's test sources and the folder of their
// compiled classes.
type javaSources struct {
	classes string
	// byClass maps the path a package and top-level class give
	// ("org/x/Foo.java") to the file's path relative to the root, and
	// classPath the other way round.
	byClass, classPath map[string]string
	// kotlinSource maps a compiled class's binary name to the Kotlin file
	// its SourceFile attribute names, with its package's folders
	// ("org/x/Foo.kt"); read from the class files on first use.
	kotlinSource map[string]string
}

func readJavaSources(root, classes string) (*javaSources, error) {
	s := &javaSources{classes: classes, byClass: map[string]string{}, classPath: map[string]string{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(p, ".kt") {
			// Kotlin does not tie folders to packages (kotlinx-coroutines'
			// test/channels/X.kt is package kotlinx.coroutines.channels):
			// a file under a test folder is known by its package line and
			// name, as the SourceFile attribute of its classes names it.
			if slices.Contains(strings.Split(rel, "/"), "test") {
				src, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				k := kotlinPackagePath(src) + path.Base(rel)
				s.byClass[k], s.classPath[rel] = rel, k
			}
			return nil
		}
		if !strings.HasSuffix(p, ".java") {
			return nil
		}
		for _, marker := range []string{"/java/", "/kotlin/"} {
			if i := strings.Index(rel, "src/test"+marker); i >= 0 {
				s.byClass[rel[i+len("src/test"+marker):]] = rel
				s.classPath[rel] = rel[i+len("src/test"+marker):]
			}
		}
		return nil
	})
	return s, err
}

// compiled reports whether the top-level class of a test source file was
// compiled: a file that did not compile is left out of both sides. A Kotlin
// file need not declare a class of its name: it compiled if any class
// names it as its SourceFile.
func (s *javaSources) compiled(file string) bool {
	suffix, ok := s.classPath[file]
	if !ok {
		return false
	}
	if strings.HasSuffix(file, ".kt") {
		for _, src := range s.kotlinSources() {
			if src == suffix {
				return true
			}
		}
		return false
	}
	_, err := os.Stat(filepath.Join(s.classes, strings.TrimSuffix(suffix, ".java")+".class"))
	return err == nil
}

// key is how a runner's test method, by the binary name of the class that
// declares it, is compared: file \t Class.Nested \t method. ok is false for
// a class declared outside the test sources.
func (s *javaSources) key(class, method string) (string, bool) {
	outer, _, _ := strings.Cut(class, "$")
	file, ok := s.byClass[strings.ReplaceAll(outer, ".", "/")+".java"]
	if !ok {
		// A Kotlin class: its class file names its source (after the
		// Java layout, which Java files keep).
		file, ok = s.byClass[s.kotlinSources()[outer]]
	}
	if !ok {
		// A second top-level class of a file: the class file names its source.
		file, ok = s.byClass[s.sourceFile(outer)]
	}
	if !ok {
		return "", false
	}
	simple := class[strings.LastIndexByte(class, '.')+1:]
	return file + "\t" + strings.ReplaceAll(simple, "$", ".") + "\t" + method, true
}

// sourceFile is the source file a compiled class names (its SourceFile
// attribute, as javap prints it), with its package's folders: "org/x/Foo.java".
func (s *javaSources) sourceFile(class string) string {
	out, err := exec.Command("javap", "-v", "-cp", s.classes, class).Output()
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(out), "\n") {
		if name, ok := strings.CutPrefix(strings.TrimSpace(line), "SourceFile: "); ok {
			pkg := ""
			if i := strings.LastIndexByte(class, '.'); i >= 0 {
				pkg = strings.ReplaceAll(class[:i], ".", "/") + "/"
			}
			return pkg + strings.Trim(name, `"`)
		}
	}
	return ""
}

// javaDeclared is the inventory's declared tests of the compiled test
// sources, by key, with their status.
type javaDeclared struct {
	tests       map[string]inventory.TestStatus
	files       map[string]bool
	frameworks  map[inventory.Framework]int
	notCompiled int
}

func (s *javaSources) declared(doc inventory.Document) javaDeclared {
	d := javaDeclared{tests: map[string]inventory.TestStatus{}, files: map[string]bool{}, frameworks: map[inventory.Framework]int{}}
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageJava && f.Language != inventory.LanguageKotlin {
			continue
		}
		if !s.compiled(f.Path) {
			d.notCompiled++
			continue
		}
		d.frameworks[f.Framework]++
		d.files[f.Path] = true
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest {
				d.tests[f.Path+"\t"+strings.Join(t.SuitePath, ".")+"\t"+t.Name] = t.Status
			}
		}
	}
	return d
}

// compareDeclared counts the runner's declared tests (keys) found in the
// inventory, missing from it, and the inventory's that the runner does not
// list (extra), with a cause for each difference.
func compareDeclared(r *cargoReport, theirs map[string]bool, ours javaDeclared, runner string) {
	for k := range theirs {
		r.runner++
		if _, ok := ours.tests[k]; ok {
			r.found++
			continue
		}
		r.missing++
		file, _, _ := strings.Cut(k, "\t")
		if !ours.files[file] {
			r.cause("missing: file not in the inventory", strings.ReplaceAll(k, "\t", " "))
		} else {
			r.cause("missing: not found", strings.ReplaceAll(k, "\t", " "))
		}
	}
	for k := range ours.tests {
		if !theirs[k] {
			r.extra++
			r.cause("extra: not listed by "+runner, strings.ReplaceAll(k, "\t", " "))
		}
	}
}

// fileSet is the files of keys (file \t …).
func fileSet[V any](keys map[string]V) map[string]bool {
	files := map[string]bool{}
	for k := range keys {
		file, _, _ := strings.Cut(k, "\t")
		files[file] = true
	}
	return files
}

// kotlinPackagePath is the folders of a Kotlin file's package line
// ("org/x/"), "" for the default package.
func kotlinPackagePath(src []byte) string {
	m := kotlinPackage.FindSubmatch(src)
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(string(m[1]), ".", "/") + "/"
}

var kotlinPackage = regexp.MustCompile(`(?m)^[ \t]*package[ \t]+([\w.]+)`)

// kotlinSources reads, once, the SourceFile attribute of every class under
// s.classes that names a Kotlin file: binary class name → "org/x/Foo.kt".
// (javap, which sourceFile runs per class, is too slow for the thousands of
// classes a Kotlin suite compiles to: one per lambda and coroutine.)
func (s *javaSources) kotlinSources() map[string]string {
	if s.kotlinSource != nil {
		return s.kotlinSource
	}
	s.kotlinSource = map[string]string{}
	filepath.WalkDir(s.classes, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".class") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if name := classSourceFile(b); strings.HasSuffix(name, ".kt") {
			rel, _ := filepath.Rel(s.classes, strings.TrimSuffix(p, ".class"))
			rel = filepath.ToSlash(rel)
			pkg := strings.TrimPrefix(path.Dir(rel)+"/", "./") // the default package: ""
			s.kotlinSource[strings.ReplaceAll(rel, "/", ".")] = pkg + name
		}
		return nil
	})
	return s.kotlinSource
}

// classSourceFile returns the SourceFile attribute of a class file (JVMS
// 4.1, 4.7.10), or "".
func classSourceFile(b []byte) string {
	pos := 10
	u2 := func() int {
		if pos+2 > len(b) {
			pos = len(b) + 1
			return 0
		}
		pos += 2
		return int(b[pos-2])<<8 | int(b[pos-1])
	}
	u4 := func() int { return u2()<<16 | u2() }
	if len(b) < 10 {
		return ""
	}
	n := int(b[8])<<8 | int(b[9])
	utf8 := map[int]string{}
	for i := 1; i < n && pos < len(b); i++ {
		tag := b[pos]
		pos++
		switch tag {
		case 1: // Utf8
			l := u2()
			if pos+l > len(b) {
				return ""
			}
			utf8[i] = string(b[pos : pos+l])
			pos += l
		case 5, 6: // Long, Double: 8 bytes, two entries
			pos += 8
			i++
		case 7, 8, 16, 19, 20:
			pos += 2
		case 15:
			pos += 3
		case 3, 4, 9, 10, 11, 12, 17, 18:
			pos += 4
		default:
			return ""
		}
	}
	pos += 6 // access_flags, this_class, super_class
	pos += 2 * u2()
	for members := 0; members < 2; members++ { // fields, methods
		for k := u2(); k > 0 && pos <= len(b); k-- {
			pos += 6
			for a := u2(); a > 0 && pos <= len(b); a-- {
				pos += 2
				pos += u4()
			}
		}
	}
	for a := u2(); a > 0 && pos <= len(b); a-- {
		name, l := utf8[u2()], u4()
		if name == "SourceFile" && l == 2 {
			return utf8[u2()]
		}
		pos += l
	}
	return ""
}
