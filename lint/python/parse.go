package python

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Parser parses revision files. It holds a tree-sitter parser and is not
// safe for concurrent use: give each goroutine its own.
type Parser struct{ py *pyParser }

// NewParser returns a Parser; Close releases its C memory.
func NewParser() *Parser { return &Parser{py: newPyParser()} }

// Close releases the parser.
func (p *Parser) Close() { p.py.close() }

// fileParser holds one file's state while it is being read.
type fileParser struct {
	src  *source
	rev  *lint.Revision
	root *node
	// opNames are the local names bound to alembic.op ("op" by default).
	opNames map[string]bool
	// functions are the module-level function definitions by name.
	functions map[string]*node
	// bind resolves names to literal values (bindings.go).
	bind *bindings
	// inlined counts the bytes of helper bodies walked so far: a helper
	// is walked again at each call, so helpers calling each other twice
	// would multiply a small file into exponential work. Past
	// maxInlined the file is not analysed (overBudget).
	inlined    int
	overBudget bool
}

// maxInlined bounds the helper code walked for one file, in bytes, so
// that no file costs more than about a second there. Real revisions walk
// far less (a helper of a few lines called for each of hundreds of tables
// is some tens of kilobytes).
const maxInlined = 1 << 20

// ParseRevision parses one revision file. It never fails: problems with
// the file become syntax errors on the revision, and whatever metadata can
// be recovered is kept so that the graph stays correct. The revision's
// strings share raw's memory: raw must not change afterwards.
func (p *Parser) ParseRevision(file string, raw []byte) (rev *lint.Revision) {
	src := newSource(raw)
	rev = &lint.Revision{File: file, Lines: src.lines()}
	defer func() {
		// The parser must never take the run down; a bug here becomes a
		// finding on the file and the fast scanner supplies the metadata.
		if r := recover(); r != nil {
			*rev = lint.Revision{File: file, Lines: src.lines()}
			applyMetadata(rev, scanMetadata(src))
			rev.SyntaxErrors = []lint.SyntaxError{{Span: lint.LineSpan(1),
				Message: fmt.Sprintf("migrate-lint could not read this file (%v); please report it", r)}}
		}
	}()
	if root, ok := p.py.parseFast(src.text, src.str); ok {
		// The fast parser gives up on everything the token check refuses
		// and on the lines tree-sitter runs together, so a file it reads
		// needs no token check (a tenth of a cold check's work).
		// TestFastParserAgrees and FuzzFastParserAgrees hold this path to
		// tree-sitter's, which checks the tokens.
		src.tokens = &tokenResult{}
		return revisionFromTree(rev, src, root, false, nil)
	}
	if _, failed, _ := tokenCheck(src); failed && src.bracketsFailed {
		// Python's tokenizer refuses the file before any grammar applies,
		// and unmatched closing brackets are what sends tree-sitter's
		// error recovery into superlinear time: the body is not parsed,
		// the scanner supplies the rest, and the finding is Python's error.
		return refusedByTokenizer(rev, src)
	}
	root, hasError, err := p.py.parseSlow(src.text)
	return revisionFromTree(rev, src, root, hasError, err)
}

// refusedByTokenizer records a file Python cannot tokenize: its metadata,
// the shape of upgrade() and downgrade() and its suppressions come from
// the scanner, and Python's error is the finding (ML001).
func refusedByTokenizer(rev *lint.Revision, src *source) *lint.Revision {
	applyMetadata(rev, scanMetadata(src))
	rev.Upgrade, rev.Downgrade = scanFunctionShape(src.str, "upgrade"), scanFunctionShape(src.str, "downgrade")
	tokErr, tokFailed, _ := tokenCheck(src)
	rev.SyntaxErrors = firstError(src, nil, tokErr, tokFailed)
	rev.Suppressions = scanSuppressions(src)
	return rev
}

// maxTreeDepth bounds how deeply the syntax tree may nest before the file
// is left unanalysed: the analysis recurses once per level. Python itself
// gives up compiling expressions a few thousand levels deep (CPython 3.11:
// RecursionError at 5,000); real revisions nest a few dozen.
const maxTreeDepth = 5000

// revisionFromTree reads the revision from tree-sitter's answer for the
// source: the tree, whether it had to recover from errors, or why there
// is no tree.
func revisionFromTree(rev *lint.Revision, src *source, root *node, hasError bool, err error) *lint.Revision {
	if err == nil {
		if depth := treeDepth(root); depth > maxTreeDepth {
			err = fmt.Errorf("its expressions nest %d levels deep, more than the %d migrate-lint analyses", depth, maxTreeDepth)
		}
	}
	if err != nil {
		reason := err.Error()
		if errors.Is(err, ErrTooComplex) {
			reason = "it is too large or too complex to analyse (the parser's work bound was reached)"
		}
		return unanalysed(rev, src, reason)
	}
	f := &fileParser{src: src, rev: rev, root: root, opNames: map[string]bool{"op": true}, functions: map[string]*node{}, bind: newBindings()}
	tokErr, tokFailed, lineStarts := tokenCheck(src)
	meta := f.moduleMetadata()
	switch {
	case hasError || hasPython2Statement(root):
		f.collectSyntaxErrors(root)
		// Error recovery can swallow an assignment (a Python 2 print
		// statement above it, say): fill the gaps from the line scanner.
		meta = mergeMetadata(meta, scanMetadata(src))
	case !tokFailed && mergedStatements(root, lineStarts):
		// tree-sitter read two of Python's statements as one (`a,` then
		// `revision = ...` on the next line): Python's lines, which the
		// scanner follows, decide the metadata.
		meta = scanMetadata(src)
	}
	applyMetadata(rev, meta)
	rev.SyntaxErrors = firstError(src, rev.SyntaxErrors, tokErr, tokFailed)
	f.collectImports(root)
	f.collectConstants()
	f.collectFunctions()
	if f.overBudget {
		*rev = lint.Revision{File: rev.File, Lines: rev.Lines}
		return unanalysed(rev, src, "its helper functions, analysed again at each call, add up to more than 1 MiB of code, more than migrate-lint analyses")
	}
	f.collectSuppressions(root)
	// Calls grew by appending: keep them in a slice of their own size,
	// as a project's revisions are held until the report.
	if cap(rev.Calls) > len(rev.Calls) {
		rev.Calls = slices.Clone(rev.Calls)
	}
	return rev
}

// unanalysed records a file whose body is not analysed: its metadata,
// the shape of upgrade() and downgrade() and its suppressions come from
// the scanner, so the graph stays whole and the
// finding can be suppressed; Python's own complaints are still reported.
func unanalysed(rev *lint.Revision, src *source, reason string) *lint.Revision {
	applyMetadata(rev, scanMetadata(src))
	rev.Upgrade, rev.Downgrade = scanFunctionShape(src.str, "upgrade"), scanFunctionShape(src.str, "downgrade")
	rev.Unanalysed = reason
	tokErr, tokFailed, _ := tokenCheck(src)
	rev.SyntaxErrors = firstError(src, nil, tokErr, tokFailed)
	rev.Suppressions = scanSuppressions(src)
	return rev
}

// firstError keeps the error Python would report: the first in the file
// among what tree-sitter found, the source's encoding problems and the
// tokenizer's limits, which tree-sitter lets pass. Python reads a line
// before it parses it, so on the same line the reading error wins.
func firstError(src *source, found []lint.SyntaxError, tokErr lint.SyntaxError, tokFailed bool) []lint.SyntaxError {
	problem, hasProblem := src.problemError()
	for _, e := range []struct {
		err lint.SyntaxError
		ok  bool
	}{{tokErr, tokFailed}, {problem, hasProblem}} {
		if e.ok && (len(found) == 0 || e.err.Span.Line <= found[0].Span.Line) {
			found = []lint.SyntaxError{e.err}
		}
	}
	return found
}

// mergedStatements reports a module-level simple statement that holds
// the start of another of Python's logical lines.
func mergedStatements(root *node, lineStarts []int) bool {
	for _, stmt := range root.children {
		if stmt.kind != "expression_statement" {
			continue
		}
		i, _ := slices.BinarySearch(lineStarts, stmt.start+1)
		if i < len(lineStarts) && lineStarts[i] < stmt.end {
			return true
		}
	}
	return false
}

// depthItem is a node to visit in treeDepth, and its depth.
type depthItem struct {
	n     *node
	depth int
}

// depthStacks keeps treeDepth's stacks between files: grown anew for
// every file, they were a tenth of the slices a parse grew.
var depthStacks = sync.Pool{New: func() any { return new([]depthItem) }}

// treeDepth measures the tree's depth without recursing.
func treeDepth(root *node) int {
	kept := depthStacks.Get().(*[]depthItem)
	defer func() {
		if cap(*kept) <= maxKeptNodes {
			depthStacks.Put(kept)
		}
	}()
	deepest := 0
	stack := append((*kept)[:0], depthItem{root, 1})
	defer func() { *kept = stack[:0] }()
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.depth)
		for _, c := range it.n.children {
			stack = append(stack, depthItem{c, it.depth + 1})
		}
	}
	return deepest
}

func (f *fileParser) spanOf(n *node) lint.Span {
	return f.src.span(n.startRow, n.startCol, n.endRow, n.endCol)
}

// moduleMetadata reads the docstring and the module-level assignments of
// revision, down_revision, branch_labels and depends_on.
func (f *fileParser) moduleMetadata() metadata {
	// revision, down_revision, branch_labels, depends_on: one allocation.
	m := metadata{assignments: make([]assignment, 0, 4)}
	for i, stmt := range f.root.children {
		if stmt.kind != "expression_statement" {
			continue
		}
		inner := stmt.namedChildren()
		if len(inner) != 1 || len(stmt.children) != 1 {
			continue // `"doc",` is a tuple, not a docstring
		}
		e := inner[0]
		if i == firstStatement(f.root) && e.kind == "string" {
			if len(e.children) > 0 && e.children[0].kind == "string_start" && bytesPrefix(e.children[0].text(f.src.str)) {
				continue // bytes: Python leaves __doc__ None
			}
			text, _, content := f.stringLiteral(e)
			m.docstring, m.docstringLine = text, int(content.Line)
			continue
		}
		if e.kind != "assignment" {
			continue
		}
		left, right := e.child("left"), e.child("right")
		if left == nil || right == nil || left.kind != "identifier" {
			continue
		}
		name := left.text(f.src.str)
		if !isMetadataName(name) {
			continue
		}
		m.assignments = append(m.assignments, assignment{
			name: name, value: f.valueOf(right), source: f.shortText(right), span: f.spanOf(e),
		})
	}
	return m
}

// firstStatement returns the index of the module's first statement,
// skipping comments (the docstring must be first).
func firstStatement(root *node) int {
	for i, c := range root.children {
		if c.kind != "comment" {
			return i
		}
	}
	return -1
}

// collectSyntaxErrors records the first place tree-sitter could not parse,
// as Python reports the first error. Later errors are usually echoes of it.
func (f *fileParser) collectSyntaxErrors(root *node) {
	found := firstNode(root, func(n *node) bool { return n.kind == "ERROR" || n.missing || isPython2Statement(n.kind) })
	if found == nil {
		found = firstNode(root, func(n *node) bool { return unseparated(n) != nil })
		if found != nil {
			f.rev.SyntaxErrors = append(f.rev.SyntaxErrors, lint.SyntaxError{Span: f.spanOf(unseparated(found)),
				Message: "invalid Python syntax: two statements on one line without a ; between them"})
			return
		}
		// tree-sitter saw an error it left no node for.
		f.rev.SyntaxErrors = append(f.rev.SyntaxErrors, lint.SyntaxError{Span: lint.LineSpan(1), Message: "invalid Python syntax"})
		return
	}
	var msg string
	switch {
	case isPython2Statement(found.kind):
		keyword := strings.TrimSuffix(found.kind, "_statement")
		msg = fmt.Sprintf("Python 2 %s statement is invalid in Python 3: write %s(...)", keyword, keyword)
	case found.missing:
		msg = fmt.Sprintf("invalid Python syntax: missing %q", found.kind)
	default:
		snippet := strings.TrimSpace(strings.SplitN(found.text(f.src.str), "\n", 2)[0])
		msg = fmt.Sprintf("invalid Python syntax near %q", clipTo(snippet, 60))
		if looksLikePython2(found.text(f.src.str)) {
			msg += " (Python 2 syntax?)"
		}
	}
	f.rev.SyntaxErrors = append(f.rev.SyntaxErrors, lint.SyntaxError{Span: f.spanOf(found), Message: msg, Python2: isPython2Statement(found.kind)})
}

// firstNode returns the first node in source order that matches.
func firstNode(root *node, match func(*node) bool) *node {
	stack := []*node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if match(n) {
			return n
		}
		for i := len(n.children) - 1; i >= 0; i-- {
			stack = append(stack, n.children[i])
		}
	}
	return nil
}

// unseparated returns the statement of a module or block that follows
// another on the same line with no ; between them, which tree-sitter
// sometimes accepts and Python never does.
func unseparated(n *node) *node {
	if n.kind != "module" && n.kind != "block" {
		return nil
	}
	var prev *node
	for _, c := range n.children {
		switch {
		case c.kind == ";":
			prev = nil
		case c.named && c.kind != "comment":
			if prev != nil && prev.endRow == c.startRow {
				return c
			}
			prev = c
		}
	}
	return nil
}

// isPython2Statement: the node kinds the grammar accepts for Python 2
// compatibility that Python 3 rejects. A comparison, not a map:
// hasPython2Statement asks it of every node of every revision, and
// hashing the kind was 2% of a cold check's CPU.
func isPython2Statement(kind string) bool {
	return kind == "print_statement" || kind == "exec_statement"
}

func hasPython2Statement(n *node) bool {
	if isPython2Statement(n.kind) {
		return true
	}
	for _, c := range n.children {
		if hasPython2Statement(c) {
			return true
		}
	}
	return false
}

func looksLikePython2(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "print ") || strings.HasPrefix(s, "exec ") ||
		strings.Contains(s, "except ") && strings.Contains(s, ", ") || strings.Contains(s, "ur'") || strings.Contains(s, "0L")
}

// collectImports records every import statement, at module level or
// inside functions.
func (f *fileParser) collectImports(n *node) {
	for _, c := range n.children {
		switch c.kind {
		case "import_statement":
			for _, name := range c.namedChildren() {
				module, alias := f.importedName(name)
				if module != "" {
					f.rev.Imports = append(f.rev.Imports, lint.Import{Module: module, Names: []string{alias}, Span: f.spanOf(c)})
				}
			}
		case "import_from_statement":
			f.addFromImport(c)
		case "future_import_statement":
		default:
			f.collectImports(c)
		}
	}
}

func (f *fileParser) addFromImport(c *node) {
	imp := lint.Import{Span: f.spanOf(c)}
	moduleNode := c.child("module_name")
	if moduleNode != nil {
		text := moduleNode.text(f.src.str)
		trimmed := strings.TrimLeft(text, ".")
		imp.Level = len(text) - len(trimmed)
		imp.Module = strings.Join(strings.Fields(trimmed), "")
	}
	for _, name := range c.children {
		if name.field != "name" {
			continue
		}
		original, alias := f.importedName(name)
		imp.Names = append(imp.Names, original)
		if imp.Module == "alembic" && original == "op" {
			f.opNames[alias] = true
		}
	}
	f.rev.Imports = append(f.rev.Imports, imp)
}

// importedName returns the imported name and the local alias.
func (f *fileParser) importedName(n *node) (name, alias string) {
	if n.kind == "aliased_import" {
		nameNode, aliasNode := n.child("name"), n.child("alias")
		if nameNode != nil && aliasNode != nil {
			return nameNode.text(f.src.str), aliasNode.text(f.src.str)
		}
	}
	name = n.text(f.src.str)
	return name, name
}

// UnanalysedRevision is a file that is not parsed, for the reason given:
// its metadata and suppressions are read with the scanner, as for a file
// the parser gives up on. raw may be the beginning of a longer file, so
// no syntax error is looked for. Its strings share raw's memory.
func UnanalysedRevision(file string, raw []byte, reason string) *lint.Revision {
	src := newSource(raw)
	rev := &lint.Revision{File: file, Lines: src.lines(), Unanalysed: reason}
	applyMetadata(rev, scanMetadata(src))
	rev.Upgrade, rev.Downgrade = scanFunctionShape(src.str, "upgrade"), scanFunctionShape(src.str, "downgrade")
	rev.Suppressions = scanSuppressions(src)
	return rev
}

// ScanRevision reads only a file's metadata, with the fast scanner: what
// the graph needs, at a fraction of a full parse's cost. Like
// ParseRevision's, its strings share raw's memory.
func ScanRevision(file string, raw []byte) *lint.Revision {
	src := newSource(raw)
	rev := &lint.Revision{File: file}
	applyMetadata(rev, scanMetadata(src))
	rev.Upgrade, rev.Downgrade = scanFunctionShape(src.str, "upgrade"), scanFunctionShape(src.str, "downgrade")
	return rev
}
