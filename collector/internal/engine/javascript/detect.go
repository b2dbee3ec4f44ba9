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
	} else if otherLibraries[mod] {
		x.otherLibrary = mod
	}
}

// otherLibraries are test libraries with a runner of their own that is none
// of the frameworks the engine decides. A file that imports one is theirs,
// whatever runner the project also depends on (pino's tape files beside its
// Jest ones): framework unknown, its tests read by the JavaScript rules.
var otherLibraries = map[string]bool{
	"tape": true, "tap": true, "ava": true, "uvu": true, "qunit": true, "zora": true, "brittle": true,
	"@japa/runner": true, "baretest": true, "tman": true,
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
	found := wordsAt(x.src)
	if found&cypressWords != 0 || bytes.Contains(x.src, []byte(`types="cypress"`)) {
		s[inventory.FrameworkCypress] += project.ImportWeight
	}
	for i, h := range syntaxHints {
		if found&(1<<i) != 0 {
			s[h.fw] += syntaxWeight
		}
	}
	dir, base := path.Split(relPath)
	if strings.Contains(base, ".cy.") || hasDir(dir, "cypress") {
		s[inventory.FrameworkCypress] += project.NameWeight
	}
	return s
}

// cypressWords are the bits of wordsAt for cy. and Cypress., after those of
// syntaxHints.
var cypressWords = uint32(3) << len(syntaxHints)

// wordNeedles are syntaxHints' needles and then cy. and Cypress.; byFirst
// holds, for each first byte, the bits of the needles that start with it.
var (
	wordNeedles = func() []string {
		out := make([]string, 0, len(syntaxHints)+2)
		for _, h := range syntaxHints {
			out = append(out, h.needle)
		}
		return append(out, "cy.", "Cypress.")
	}()
	byFirst = func() (t [256]uint32) {
		for i, n := range wordNeedles {
			t[n[0]] |= 1 << i
		}
		return t
	}()
)

// wordsAt reports, one bit per wordNeedles needle, which occur in src not
// preceded by an identifier character or a dot. One pass over word starts.
func wordsAt(src []byte) uint32 {
	var found uint32
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !isIdentByte(c) {
			continue
		}
		if cand := byFirst[c] &^ found; cand != 0 && (i == 0 || src[i-1] != '.') {
			for k := range wordNeedles {
				if cand&(1<<k) != 0 && bytes.HasPrefix(src[i:], []byte(wordNeedles[k])) {
					found |= 1 << k
				}
			}
		}
		for i+1 < len(src) && isIdentByte(src[i+1]) {
			i++ // the rest of the word
		}
	}
	return found
}

func hasDir(dir, name string) bool {
	for elem := range strings.SplitSeq(dir, "/") {
		if elem == name {
			return true
		}
	}
	return false
}
