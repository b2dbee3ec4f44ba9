package rust

import (
	"path"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Conditions of the file itself: `#[cfg(feature = "rayon")] mod rayon;` in
// src/lib.rs compiles src/rayon/mod.rs, and every file below it, only with
// the feature. When the scan gives a frontend.Tree, the module files above
// a file are read for the `mod` declarations that load it, as rustc finds
// the file of a declaration: `mod name;` in a mod.rs, lib.rs or main.rs
// loads name.rs or name/mod.rs beside it, in another file x.rs it loads
// x/name.rs or x/name/mod.rs; inline modules around the declaration add
// their names as folders; #[path = "p"] names the file (relative to the
// declaring file's folder, or inside an inline module to the folders above).
// The declaring file is looked for among the mod.rs, lib.rs, main.rs of the
// file's folder and the folders above it, and the x.rs beside each (so
// #[path = "y.rs"] at the top of src/x.rs, which loads src/y.rs, is not
// found: that would read every file of the folder). lib.rs and main.rs are
// crate roots, where the walk up ends.
//
// Each file on the way contributes its #![cfg(…)], the conditions of the
// inline modules around the declaration and the declaration's #[cfg(…)],
// outermost first. A file that two declarations load (hashbrown's
// src/raw/mod.rs is `raw` without the raw feature and `raw::inner` with it)
// has no one condition: the walk ends there, and only the conditions below
// are kept. Files loaded by include! or from a test crate's root
// (tests/common/mod.rs from tests/*.rs) are not followed.

// modDeclsKey names the summaries of a module file's declarations.
const modDeclsKey = "rust.moddecls"

// maxModDepth bounds the module files walked up from a file, and the
// folders above a file searched for the one declaring it.
const maxModDepth = 32

// declSummary is what a module file says of the files it loads.
type declSummary struct {
	file []string // its own #![cfg(…)] conditions
	// decls are the files its `mod` declarations load, relative to its
	// folder (name.rs and name/mod.rs both, for a declaration without
	// #[path]), each with the conditions of every declaration of it.
	decls map[string][][]string
}

// modFileConds returns the conditions under which the module files above
// file (relPath) load it, outermost first; nil without a Tree.
func modFileConds(tree frontend.Tree, file string) []string {
	if tree == nil {
		return nil
	}
	// chain holds, innermost first, the conditions of each step up.
	var chain [][]string
	for range maxModDepth {
		if base := path.Base(file); base == "lib.rs" || base == "main.rs" {
			break
		}
		parent, decl, conds, n := declaringFile(tree, file)
		if n != 1 {
			break // not declared, or declared twice
		}
		if len(conds) > 0 || len(decl.file) > 0 {
			chain = append(chain, append(append([]string(nil), decl.file...), conds...))
		}
		file = parent
	}
	var out []string
	for i := len(chain) - 1; i >= 0; i-- {
		out = append(out, chain[i]...)
	}
	return out
}

// declaringFile returns the module file declaring file, its summary and
// the declaration's conditions, and how many declarations of file there
// are (the first's are returned).
func declaringFile(tree frontend.Tree, file string) (string, *declSummary, []string, int) {
	var parent string
	var decl *declSummary
	var conds []string
	n := 0
	look := func(p, rel string) {
		if p == file {
			return
		}
		v, ok := tree.Summarize(p, modDeclsKey, func(c []byte) any { return modDeclarations(c, path.Base(p)) })
		if !ok {
			return
		}
		d, _ := v.(*declSummary)
		if d == nil {
			return
		}
		for _, c := range d.decls[rel] {
			if n == 0 {
				parent, decl, conds = p, d, c
			}
			n++
		}
	}
	dir := path.Dir(file)
	for range maxModDepth {
		rel := relTo(file, dir)
		for _, name := range []string{"mod.rs", "lib.rs", "main.rs"} {
			look(path.Join(dir, name), rel)
		}
		if dir == "." || dir == "/" {
			break
		}
		// x.rs beside the folder x: its declarations load x/….
		up := path.Dir(dir)
		look(dir+".rs", relTo(file, up))
		dir = up
	}
	return parent, decl, conds, n
}

// relTo returns file relative to the folder dir (an ancestor of it).
func relTo(file, dir string) string {
	if dir == "." {
		return file
	}
	return strings.TrimPrefix(file, dir+"/")
}

// modFrame is one open group of a module file: an inline module's body
// (its name and conditions) or any other group (name "").
type modFrame struct {
	mod   string
	conds []string
}

// modDeclarations reads a file's #![cfg(…)] and the files its `mod`
// declarations load, at its top level and in inline modules, with their
// conditions. base is the file's name (mod.rs, lib.rs and main.rs are
// mod-rs files; the declarations of another file x.rs load x/…).
func modDeclarations(src []byte, base string) *declSummary {
	d := &declSummary{}
	text := string(src)
	s := scanner{src: text, line: 1}
	var attrs []string
	var stack []modFrame
	other := 0 // open groups that are not module bodies
	var stem string
	if base != "mod.rs" && base != "lib.rs" && base != "main.rs" {
		stem = strings.TrimSuffix(base, ".rs")
	}
	for {
		tok, _, pos := s.next()
		switch tok {
		case "":
			return d
		case "{", "(", "[":
			stack = append(stack, modFrame{})
			other++
			attrs = nil
			continue
		case "}", ")", "]":
			if n := len(stack); n > 0 {
				if stack[n-1].mod == "" {
					other--
				}
				stack = stack[:n-1]
			}
			attrs = nil
			continue
		}
		if other != 0 {
			continue
		}
		switch tok {
		case "#":
			inner := false
			t, _, _ := s.next()
			if t == "!" {
				inner = true
				t, _, _ = s.next()
			}
			if t != "[" {
				attrs = nil
				if t == "{" || t == "(" {
					stack = append(stack, modFrame{})
					other++
				}
				continue
			}
			if !s.skipGroup() {
				return d
			}
			a := text[pos:s.pos]
			if !inner {
				attrs = append(attrs, a)
			} else if c := cfgPredicate(a); c != "" {
				if len(stack) == 0 {
					d.file = append(d.file, c)
				} else {
					stack[len(stack)-1].conds = append(stack[len(stack)-1].conds, c)
				}
			}
		case "pub":
			// pub(crate): its group is skipped with the attributes kept.
			save := s
			if t, _, _ := s.next(); t == "(" {
				if !s.skipGroup() {
					return d
				}
			} else {
				s = save
			}
		case "mod":
			before := s
			name, _, _ := s.next()
			name = trimRaw(name)
			save := s
			t, _, _ := s.next()
			switch {
			case !isIdent(name):
				s = before
			case t == "{":
				stack = append(stack, modFrame{mod: name, conds: attrConds(attrs)})
			case t == ";":
				d.add(stack, stem, name, attrs)
			default:
				s = save
			}
			attrs = nil
		default:
			attrs = nil
		}
	}
}

// add records one `mod name;` declared inside the inline modules of stack.
func (d *declSummary) add(stack []modFrame, stem, name string, attrs []string) {
	var conds []string
	dirs := make([]string, 0, len(stack)+1)
	if stem != "" {
		dirs = append(dirs, stem)
	}
	for _, f := range stack {
		conds = append(conds, f.conds...)
		dirs = append(dirs, f.mod)
	}
	conds = append(conds, attrConds(attrs)...)
	var files []string
	switch p, ok := pathAttr(attrs); {
	case ok && p == "":
		return // a path that leaves the folder
	case ok && len(stack) == 0:
		files = []string{p}
	case ok:
		files = []string{path.Join(append(dirs, p)...)}
	default:
		dir := path.Join(dirs...)
		files = []string{path.Join(dir, name+".rs"), path.Join(dir, name, "mod.rs")}
	}
	if d.decls == nil {
		d.decls = map[string][][]string{}
	}
	for _, f := range files {
		d.decls[f] = append(d.decls[f], conds)
	}
}

// skipGroup moves past the group whose opener was just read; false at the
// end of the text.
func (s *scanner) skipGroup() bool {
	for depth := 1; depth > 0; {
		switch t, _, _ := s.next(); t {
		case "":
			return false
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		}
	}
	return true
}

// pathAttr returns the file a #[path = "p"] among attrs names, cleaned
// ("" when it leaves the folder or is not a string literal); ok is false
// without #[path].
func pathAttr(attrs []string) (string, bool) {
	for _, a := range attrs {
		p, rest := attrPath(a)
		if p != "path" {
			continue
		}
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "="))
		v, ok := ts.Unquote(rest)
		if !ok || rest == "" || rest[0] != '"' {
			return "", true
		}
		v = path.Clean(strings.ReplaceAll(v, "\\", "/"))
		if strings.HasPrefix(v, "../") || v == ".." || v == "." || path.IsAbs(v) {
			return "", true
		}
		return v, true
	}
	return "", false
}

func trimRaw(name string) string {
	if len(name) > 2 && name[:2] == "r#" {
		return name[2:]
	}
	return name
}
