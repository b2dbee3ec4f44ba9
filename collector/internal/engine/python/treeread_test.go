package python

import (
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	tspython "github.com/smacker/go-tree-sitter/python"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

var (
	grammar = ts.NewGrammar("python", tspython.GetLanguage())

	// Pattern indexes of query, in order.
	query = grammar.LazyQuery(`
(function_definition name: (identifier) @name) @func
(class_definition name: (identifier) @name superclasses: (argument_list)? @bases) @class
(decorated_definition (decorator) @dec definition: (_) @def)
(module (expression_statement (assignment left: (identifier) @lhs right: (_) @rhs)))
(class_definition body: (block (expression_statement (assignment left: (identifier) @lhs right: (_) @rhs)))) @owner
(import_statement) @import
(import_from_statement) @import
(if_statement condition: (comparison_operator) @cond consequence: (block) @body)
(function_definition body: (block . (expression_statement (call function: (_) @callee)))) @first
(function_definition body: (block . (expression_statement (string)) . (expression_statement (call function: (_) @callee)))) @first
(return_statement [(identifier) (lambda)] @value) @return
`)
	errorQuery = grammar.LazyQuery(`(ERROR) @error`)
)

const (
	patFunc = iota
	patClass
	patDecorator
	patModuleAssign
	patClassAssign
	patImport
	patImportFrom
	patIf
	patFirstCall
	patFirstCallAfterDoc
	patReturn
)

// treeRead is the tree-sitter reader readSource replaced, kept as the oracle
// of the differential test: it runs the query and arranges its matches into
// definitions.
func treeRead(root *sitter.Node, src []byte) *module {
	type treeDef struct {
		def
		start, end uint32
	}
	var tdefs []treeDef
	m := &module{assigns: map[string]string{}, imp: imports{fromUT: map[string]string{}}}
	byStart := map[uint32]int{}
	type pending struct {
		start uint32
		text  string
	}
	var decs, firstCalls, returns []pending
	type rng struct{ start, end uint32 }
	var mainBlocks []rng
	type classAssign struct {
		class      uint32 // start of the class
		name, text string
	}
	var classAssigns []classAssign

	for _, mt := range query().Matches(root, src) {
		c := mt.Captures
		switch mt.Pattern {
		case patFunc, patClass:
			n := c["func"]
			if mt.Pattern == patClass {
				n = c["class"]
			}
			d := treeDef{def: def{class: mt.Pattern == patClass, name: ts.Text(c["name"], src), line: ts.Line(c["name"])}, start: n.StartByte(), end: n.EndByte()}
			if b := c["bases"]; b != nil {
				d.bases = splitBases(ts.Text(b, src))
			}
			byStart[d.start] = len(tdefs)
			tdefs = append(tdefs, d)
		case patDecorator:
			text := ts.Text(c["dec"], src)
			decs = append(decs, pending{c["def"].StartByte(), strings.TrimSpace(strings.TrimPrefix(text, "@"))})
		case patModuleAssign:
			if rhs := c["rhs"]; rhs.EndByte()-rhs.StartByte() <= maxMarkText {
				m.assigns[ts.Text(c["lhs"], src)] = ts.Text(rhs, src)
			}
		case patClassAssign:
			if lhs := ts.Text(c["lhs"], src); lhs != "" {
				rhs := c["rhs"]
				if rhs.EndByte()-rhs.StartByte() <= maxMarkText {
					classAssigns = append(classAssigns, classAssign{c["owner"].StartByte(), lhs, ts.Text(rhs, src)})
				}
			}
		case patImport, patImportFrom:
			if n := c["import"]; n.EndByte()-n.StartByte() < 4096 {
				m.imp.add(ts.Text(n, src))
			}
		case patIf:
			cond := ts.Text(c["cond"], src)
			if strings.Contains(cond, "__name__") && strings.Contains(cond, "__main__") {
				mainBlocks = append(mainBlocks, rng{c["body"].StartByte(), c["body"].EndByte()})
			}
		case patFirstCall, patFirstCallAfterDoc:
			firstCalls = append(firstCalls, pending{c["first"].StartByte(), ts.Text(c["callee"], src)})
		case patReturn:
			text := ts.Text(c["value"], src)
			if c["value"].Type() == "lambda" {
				text = "lambda"
			}
			returns = append(returns, pending{c["return"].StartByte(), text})
		}
	}

	// Nesting from byte ranges: definitions nest properly, so a stack over
	// definitions sorted by start finds each one's innermost enclosing def.
	order := make([]int, len(tdefs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return tdefs[order[a]].start < tdefs[order[b]].start })
	defs := make([]treeDef, len(tdefs))
	for i, o := range order {
		defs[i] = tdefs[o]
	}
	byStart = make(map[uint32]int, len(defs))
	var stack []int
	for i := range defs {
		d := &defs[i]
		byStart[d.start] = i
		for len(stack) > 0 && defs[stack[len(stack)-1]].end <= d.start {
			stack = stack[:len(stack)-1]
		}
		d.parent = -1
		if len(stack) > 0 {
			d.parent = stack[len(stack)-1]
		}
		stack = append(stack, i)
		for _, r := range mainBlocks {
			if d.start >= r.start && d.end <= r.end {
				d.excluded = true
			}
		}
	}
	sort.SliceStable(decs, func(a, b int) bool { return decs[a].start < decs[b].start })
	for _, p := range decs {
		if i, ok := byStart[p.start]; ok {
			defs[i].decorators = append(defs[i].decorators, p.text)
		}
	}
	for _, p := range firstCalls {
		if i, ok := byStart[p.start]; ok {
			defs[i].firstCall = p.text
		}
	}
	// A return belongs to the innermost function around it.
	sort.SliceStable(returns, func(a, b int) bool { return returns[a].start < returns[b].start })
	for _, r := range returns {
		owner := -1
		for i := range defs {
			if !defs[i].class && defs[i].start < r.start && r.start < defs[i].end {
				owner = i // later starts are nested deeper
			}
		}
		if owner >= 0 {
			defs[owner].returns = append(defs[owner].returns, r.text)
		}
	}
	for _, a := range classAssigns {
		if i, ok := byStart[a.class]; ok {
			if defs[i].assigns == nil {
				defs[i].assigns = map[string]string{}
			}
			defs[i].assigns[a.name] = a.text
		}
	}
	m.defs = make([]def, len(defs))
	for i := range defs {
		m.defs[i] = defs[i].def
	}
	return m
}
