package javascript

import (
	"bytes"
	"path"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// candidates are the frameworks of the family in preference order: the
// first wins a tie.
var candidates = []inventory.Framework{
	inventory.FrameworkJest, inventory.FrameworkVitest, inventory.FrameworkMocha, inventory.FrameworkJasmine,
	inventory.FrameworkPlaywright, inventory.FrameworkCypress, inventory.FrameworkNodeTest, inventory.FrameworkBunTest,
}

// candidatesFor leaves out the frameworks the file cannot belong to:
// Playwright and node:test have no globals, so a file that neither imports
// them nor imports a binding named test (Playwright fixtures live in a local
// module) is not theirs, whatever configs sit around it.
func (x *fileScan) candidatesFor() []inventory.Framework {
	out := make([]inventory.Framework, 0, len(candidates))
	for _, fw := range candidates {
		switch fw {
		case inventory.FrameworkPlaywright:
			if !x.modules[fw] && !x.importsTest {
				continue
			}
		case inventory.FrameworkNodeTest:
			if !x.modules[fw] {
				continue
			}
		}
		out = append(out, fw)
	}
	return out
}

// syntaxWeight is what framework-specific syntax in the file is worth
// (jest.fn(), vi.mock(), cy.get(), test.describe(), …): enough to decide a
// file nothing else speaks for, never enough to beat an import or a config.
const syntaxWeight = 5

// moduleFramework names the framework a module specifier belongs to, or "".
func moduleFramework(mod string) inventory.Framework {
	switch {
	case mod == "vitest" || strings.HasPrefix(mod, "vitest/") || strings.HasPrefix(mod, "@vitest/"):
		return inventory.FrameworkVitest
	case mod == "@jest/globals":
		return inventory.FrameworkJest
	case mod == "@playwright/test" || strings.HasPrefix(mod, "@playwright/experimental-ct-") || mod == "playwright/test":
		return inventory.FrameworkPlaywright
	case mod == "node:test":
		return inventory.FrameworkNodeTest
	case mod == "bun:test":
		return inventory.FrameworkBunTest
	case mod == "mocha":
		return inventory.FrameworkMocha
	case mod == "cypress":
		return inventory.FrameworkCypress
	case mod == "jasmine" || mod == "jasmine-core":
		return inventory.FrameworkJasmine
	}
	return ""
}

func (x *fileScan) addModule(mod string) {
	if fw := moduleFramework(mod); fw != "" {
		x.modules[fw] = true
	}
}

// syntaxHints are framework-specific uses: the name must start a word (not
// follow a dot or an identifier character).
var syntaxHints = []struct {
	needle string
	fw     inventory.Framework
}{
	{"jest.", inventory.FrameworkJest},
	{"vi.", inventory.FrameworkVitest},
	{"jasmine.", inventory.FrameworkJasmine},
	{"spyOn(", inventory.FrameworkJasmine},
	{"this.timeout(", inventory.FrameworkMocha},
	{"test.describe", inventory.FrameworkPlaywright},
	{"test.step(", inventory.FrameworkPlaywright},
	{"test.use(", inventory.FrameworkPlaywright},
	{"test.fixme", inventory.FrameworkPlaywright},
	{"Bun.", inventory.FrameworkBunTest},
}

// scores are the file's own signals for Project.Decide.
func (x *fileScan) scores(relPath string) map[inventory.Framework]int {
	s := map[inventory.Framework]int{}
	for fw := range x.modules {
		s[fw] += project.ImportWeight
	}
	// Cypress test files import nothing: the cy and Cypress globals, which
	// no other runner injects, or a reference to its types stand for the
	// import.
	if bytes.Contains(x.src, []byte(`types="cypress"`)) || wordAt(x.src, "cy.") || wordAt(x.src, "Cypress.") {
		s[inventory.FrameworkCypress] += project.ImportWeight
	}
	for _, h := range syntaxHints {
		if wordAt(x.src, h.needle) {
			s[h.fw] += syntaxWeight
		}
	}
	dir, base := path.Split(relPath)
	if strings.Contains(base, ".cy.") || hasDir(dir, "cypress") {
		s[inventory.FrameworkCypress] += project.NameWeight
	}
	return s
}

// wordAt reports whether needle occurs in src not preceded by an identifier
// character or a dot.
func wordAt(src []byte, needle string) bool {
	n := []byte(needle)
	for i := 0; ; {
		k := bytes.Index(src[i:], n)
		if k < 0 {
			return false
		}
		k += i
		if k == 0 || !isIdentByte(src[k-1]) && src[k-1] != '.' {
			return true
		}
		i = k + 1
	}
}

func hasDir(dir, name string) bool {
	for elem := range strings.SplitSeq(dir, "/") {
		if elem == name {
			return true
		}
	}
	return false
}
