// Package project gathers the repository-level evidence for framework
// detection: config files and manifests at every depth (jest.config.js in
// scripts/jest/, a package.json per workspace, pytest.ini, Cargo.toml, …).
// The engine feeds it every such file during the walk, before any test file
// is parsed; front ends then ask Decide which framework a file belongs to,
// combining this evidence with what they saw in the file itself.
//
// Nearest wins: for a file, only the closest folder (walking up from the
// file) that holds config evidence for the candidate frameworks counts, and
// likewise for dependency evidence, so each package of a monorepo is judged
// by its own config.
package project

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/testlens/testlens/contracts/inventory"
)

// Kind separates strong evidence (a config file of the framework) from weak
// evidence (the framework is a dependency).
type Kind int

// Evidence kinds.
const (
	// Config: a config file of the framework, or a test script running it.
	Config Kind = iota
	// Dependency: the framework is declared as a dependency.
	Dependency
)

// Weights of evidence in Decide, next to the file's own signals (an import of
// the framework scores ImportWeight in the front ends).
const (
	ImportWeight     = 100
	ConfigWeight     = 50
	DependencyWeight = 20
	// NameWeight is for file-name conventions (*.cy.ts → cypress, *.spec.ts
	// under e2e/ with a playwright config, …).
	NameWeight = 10
)

// Hint is one piece of evidence.
type Hint struct {
	Framework inventory.Framework
	Kind      Kind
	// Source is the file that gave it.
	Source string
	// Major is the major version a Dependency hint declares (package.json's
	// "vitest": "^5.0.1" → 5); 0 when the range names none (workspace:*,
	// latest, a git URL).
	Major int
	// UI is the Mocha interface a Config hint selects (exports, tdd, qunit
	// …), or empty when it names none.
	UI string
	// PythonFiles are the globs of pytest's python_files setting that a
	// Config hint sets (check_*.py), nil when it sets none.
	PythonFiles []string
}

// Project is the evidence of one repository. Add may be called from one
// goroutine during the walk; lookups are safe for concurrent use after.
type Project struct {
	mu    sync.RWMutex
	byDir map[string][]Hint
}

// New returns an empty Project.
func New() *Project { return &Project{byDir: map[string][]Hint{}} }

// MaxConfigBytes is the largest config file read; bigger ones are ignored.
const MaxConfigBytes = 1 << 20

// IsConfig reports whether the engine should read relPath and Add it.
func IsConfig(relPath string) bool {
	base := path.Base(relPath)
	if _, ok := exactConfigs[base]; ok {
		return true
	}
	for _, p := range prefixConfigs {
		if strings.HasPrefix(base, p.prefix) {
			return true
		}
	}
	return strings.HasSuffix(base, ".csproj") || strings.HasSuffix(base, ".fsproj") || strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt") ||
		gradleScript(relPath)
}

// Add records the evidence in one config file or manifest.
func (p *Project) Add(relPath string, content []byte) {
	hints := parse(relPath, content)
	if len(hints) == 0 {
		return
	}
	dir := path.Dir(relPath)
	if gradleScript(relPath) {
		dir = path.Dir(dir) // the project whose build applies it
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, h := range hints {
		h.Source = relPath
		p.byDir[dir] = append(p.byDir[dir], h)
	}
}

// Nearest returns, for the file at relPath, the hints of the given kind
// about the given frameworks in the closest folder that has any.
func (p *Project) Nearest(relPath string, kind Kind, among []inventory.Framework) []Hint {
	return p.nearest(relPath, func(h Hint) bool { return h.Kind == kind && contains(among, h.Framework) })
}

// nearest returns the hints that match in the closest folder above relPath
// that has any.
func (p *Project) nearest(relPath string, match func(Hint) bool) []Hint {
	if p == nil {
		return nil
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	for dir := path.Dir(relPath); ; dir = path.Dir(dir) {
		var found []Hint
		for _, h := range p.byDir[dir] {
			if match(h) {
				found = append(found, h)
			}
		}
		if len(found) > 0 {
			return found
		}
		if dir == "." || dir == "/" || dir == "" {
			return nil
		}
	}
}

// DeclaredMajor returns the major version of fw that the nearest manifest
// declaring fw as a dependency asks for (the highest, when it names several);
// 0 when none does or the range names no version.
func (p *Project) DeclaredMajor(relPath string, fw inventory.Framework) int {
	major := 0
	for _, h := range p.Nearest(relPath, Dependency, []inventory.Framework{fw}) {
		major = max(major, h.Major)
	}
	return major
}

// MochaUI is the Mocha interface the nearest Mocha config selects for the
// file at relPath (.mocharc, package.json's "mocha" key or test script,
// mocha.opts); empty when it names none (Mocha's default, bdd).
func (p *Project) MochaUI(relPath string) string {
	for _, h := range p.Nearest(relPath, Config, []inventory.Framework{inventory.FrameworkMocha}) {
		if h.UI != "" {
			return h.UI
		}
	}
	return ""
}

// PythonFiles is pytest's python_files setting in the nearest config that
// sets it, above the file at relPath (a conftest.py nearer does not hide a
// pytest.ini that sets it); nil when none does (pytest's default).
func (p *Project) PythonFiles(relPath string) []string {
	if hints := p.nearest(relPath, func(h Hint) bool { return h.PythonFiles != nil }); len(hints) > 0 {
		return hints[0].PythonFiles
	}
	return nil
}

// Decision is the outcome of Decide.
type Decision struct {
	// Framework is the winner, or inventory.FrameworkUnknown.
	Framework inventory.Framework
	// Reason says what decided it (for unknown: why nothing did).
	Reason string
}

// Decide picks the framework of the file at relPath among candidates (in
// preference order, used to break ties), adding the file's own scores
// (imports, name conventions, content) to the nearest config and dependency
// evidence.
func (p *Project) Decide(relPath string, candidates []inventory.Framework, fileScores map[inventory.Framework]int) Decision {
	score := make(map[inventory.Framework]int, len(candidates))
	why := make(map[inventory.Framework][]string, len(candidates))
	for fw, s := range fileScores {
		if s > 0 && contains(candidates, fw) {
			score[fw] += s
			why[fw] = append(why[fw], "the file's own imports or syntax")
		}
	}
	// Evidence counts once per framework and kind: a test script plus a
	// config file of one framework must not outweigh another framework's
	// config next to them.
	counted := map[inventory.Framework]bool{}
	for _, h := range p.Nearest(relPath, Config, candidates) {
		if !counted[h.Framework] {
			counted[h.Framework] = true
			score[h.Framework] += ConfigWeight
		}
		why[h.Framework] = append(why[h.Framework], "config "+h.Source)
	}
	counted = map[inventory.Framework]bool{}
	for _, h := range p.Nearest(relPath, Dependency, candidates) {
		if !counted[h.Framework] {
			counted[h.Framework] = true
			score[h.Framework] += DependencyWeight
		}
		why[h.Framework] = append(why[h.Framework], "dependency in "+h.Source)
	}
	best, bestScore := inventory.FrameworkUnknown, 0
	for _, fw := range candidates {
		if score[fw] > bestScore {
			best, bestScore = fw, score[fw]
		}
	}
	if best == inventory.FrameworkUnknown {
		names := make([]string, len(candidates))
		for i, c := range candidates {
			names[i] = string(c)
		}
		return Decision{Framework: best, Reason: "no import, config file or dependency names one of " + strings.Join(names, ", ")}
	}
	reasons := dedupe(why[best])
	return Decision{Framework: best, Reason: strings.Join(reasons, "; ")}
}

func contains(list []inventory.Framework, fw inventory.Framework) bool {
	for _, f := range list {
		if f == fw {
			return true
		}
	}
	return false
}

func dedupe(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}
