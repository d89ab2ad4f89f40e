package python

// The tree is read through tree-sitter's C API directly. The Go binding's
// Parse feeds the text through a Go callback that copies it again on every
// call, and reading a tree node by node costs several cgo calls per node;
// together that was twice the cost of parsing itself. Here one cgo call
// parses the string and one flattens the whole tree into an array.
//
// The declarations below are those of tree_sitter/api.h (v0.25); the
// functions are linked from github.com/tree-sitter/go-tree-sitter, which
// compiles the library, and tree_sitter_python from the grammar package.

/*
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>

typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

extern TSParser *ts_parser_new(void);
extern void ts_parser_delete(TSParser *self);
extern void ts_parser_reset(TSParser *self);
typedef struct {
	void *payload;
	const char *(*read)(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read);
	int encoding; // TSInputEncodingUTF8 = 0
	void *decode;
} TSInput;
typedef struct { void *payload; uint32_t current_byte_offset; bool has_error; } TSParseState;
typedef struct { void *payload; bool (*progress_callback)(TSParseState *state); } TSParseOptions;
extern TSTree *ts_parser_parse_with_options(TSParser *self, const TSTree *old_tree, TSInput input, TSParseOptions options);
extern bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
extern TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
extern void ts_tree_delete(TSTree *self);
extern TSNode ts_tree_root_node(const TSTree *self);
extern TSTreeCursor ts_tree_cursor_new(TSNode node);
extern void ts_tree_cursor_delete(TSTreeCursor *self);
extern TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
extern uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
extern bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
extern uint16_t ts_node_symbol(TSNode self);
extern bool ts_node_is_named(TSNode self);
extern bool ts_node_is_missing(TSNode self);
extern bool ts_node_has_error(TSNode self);
extern uint32_t ts_node_start_byte(TSNode self);
extern uint32_t ts_node_end_byte(TSNode self);
extern TSPoint ts_node_start_point(TSNode self);
extern TSPoint ts_node_end_point(TSNode self);
extern uint32_t ts_node_descendant_count(TSNode self);
extern const TSLanguage *tree_sitter_python(void);
extern void ts_set_allocator(void *(*new_malloc)(size_t), void *(*new_calloc)(size_t, size_t), void *(*new_realloc)(void *, size_t), void (*new_free)(void *));

typedef struct {
	uint32_t parent; // index of the parent, UINT32_MAX for the root
	uint16_t symbol;
	uint16_t field;
	uint8_t named;
	uint8_t missing;
	uint32_t start, end, srow, scol, erow, ecol;
} ml_node;

static TSParser *ml_new_parser(void) {
	TSParser *p = ts_parser_new();
	if (!ts_parser_set_language(p, tree_sitter_python())) {
		ts_parser_delete(p);
		return NULL;
	}
	return p;
}

// The text and the work budget of one parse. tree-sitter calls the
// progress callback once per 100 parse operations; counting the calls
// bounds the parser's work, whatever the machine's load. The lexer's work
// is bounded apart: tree-sitter-python's scanner looks past every comment
// line that follows a newline for the next line's indentation, and does
// so again after each of them, so a run of n comment lines costs n^2 (16,000
// lines took a minute and a half) with no parse operation to count. The
// text is handed to the lexer in chunks and the bytes it reads are counted;
// over the read budget, the input ends early and the parse is abandoned.
typedef struct {
	const char *text;
	uint32_t len;
	uint64_t checks, budget;
	uint64_t read, read_budget;
} ml_input;

#define ML_CHUNK 4096

static const char *ml_read(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read) {
	ml_input *in = payload;
	if (byte_index >= in->len || in->read > in->read_budget) { *bytes_read = 0; return ""; }
	uint32_t n = in->len - byte_index;
	if (n > ML_CHUNK) n = ML_CHUNK;
	in->read += n;
	*bytes_read = n;
	return in->text + byte_index;
}

static bool ml_over_budget(TSParseState *state) {
	ml_input *in = state->payload;
	return ++in->checks > in->budget || in->read > in->read_budget;
}

// ml_use_libc_allocator makes tree-sitter allocate with libc directly.
// go-tree-sitter's init routes every malloc and free through exported Go
// functions (a cgo callback each), which cost a fifth of a parse.
static void ml_use_libc_allocator(void) {
	ts_set_allocator(malloc, calloc, realloc, free);
}

// ml_parse parses text and flattens the tree in pre-order into *buf, a
// malloc'd array of *cap nodes that it grows as needed and the caller
// keeps for the next parse. Children follow their parent in source order.
// It returns the number of nodes, 0 when the parse ran over its budget
// (*over set) or out of memory.
static uint32_t ml_parse(TSParser *p, const char *text, uint32_t len, uint64_t budget, uint64_t read_budget, ml_node **buf, uint32_t *cap, bool *has_error, bool *over, uint64_t *checks, uint64_t *read) {
	ml_input in = { text, len, 0, budget, 0, read_budget };
	TSInput input = { &in, ml_read, 0, NULL };
	TSParseOptions options = { &in, ml_over_budget };
	TSTree *tree = ts_parser_parse_with_options(p, NULL, input, options);
	*checks = in.checks;
	*read = in.read;
	// A parse whose input was cut short read a text that is not the file.
	*over = tree == NULL || in.read > in.read_budget;
	if (*over) {
		if (tree != NULL) ts_tree_delete(tree);
		return 0;
	}
	TSNode root = ts_tree_root_node(tree);
	*has_error = ts_node_has_error(root);
	uint32_t need = ts_node_descendant_count(root);
	if (need > *cap || *buf == NULL) {
		ml_node *grown = realloc(*buf, sizeof(ml_node) * (need ? need : 1));
		if (grown == NULL) { ts_tree_delete(tree); return 0; }
		*buf = grown;
		*cap = need ? need : 1;
	}
	ml_node *out = *buf;
	TSTreeCursor c = ts_tree_cursor_new(root);
	uint32_t n = 0, parent = UINT32_MAX;
	for (;;) {
		if (n >= need) break;
		TSNode node = ts_tree_cursor_current_node(&c);
		TSPoint sp = ts_node_start_point(node), ep = ts_node_end_point(node);
		ml_node *o = &out[n];
		o->parent = parent;
		o->symbol = ts_node_symbol(node);
		o->field = ts_tree_cursor_current_field_id(&c);
		o->named = ts_node_is_named(node);
		o->missing = *has_error && ts_node_is_missing(node);
		o->start = ts_node_start_byte(node);
		o->end = ts_node_end_byte(node);
		o->srow = sp.row; o->scol = sp.column; o->erow = ep.row; o->ecol = ep.column;
		uint32_t me = n++;
		if (ts_tree_cursor_goto_first_child(&c)) { parent = me; continue; }
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) goto done;
			parent = out[parent].parent;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	ts_tree_delete(tree);
	return n;
}
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// node is a syntax tree node in Go memory.
type node struct {
	kind     string
	field    string // the field name under its parent, if any
	named    bool
	missing  bool // inserted by error recovery
	start    int  // byte offsets
	end      int
	startRow int
	startCol int
	endRow   int
	endCol   int
	children []*node
}

var (
	namesOnce  sync.Once
	kindNames  []string
	fieldNames []string
)

// grammarNames reads the grammar's node kind and field names once.
func grammarNames() {
	namesOnce.Do(func() {
		language := ts.NewLanguage(python.Language())
		kindNames = make([]string, language.NodeKindCount())
		for i := range kindNames {
			kindNames[i] = language.NodeKindForId(uint16(i))
		}
		fieldNames = make([]string, language.FieldCount()+1)
		for i := 1; i < len(fieldNames); i++ {
			fieldNames[i] = language.FieldNameForId(uint16(i))
		}
	})
}

// Parse work is bounded by a budget of tree-sitter's progress checks (one
// per 100 parse operations), not by time: the same file gets the same
// answer on an idle and on a loaded machine. The 1,623 files of the
// real-world corpus (docs/precision.md) use at most one check per 90 bytes
// (median: one per 187); error recovery on some malformed input is
// superlinear. The budget is fifty times the densest valid rate, and
// never below a floor for small files.
const (
	budgetBytesPerCheck = 90
	budgetFactor        = 50
	budgetFloor         = 20000
)

// parseBudget is the number of progress checks a text of n bytes may use.
func parseBudget(n int) uint64 {
	return uint64(budgetFloor + budgetFactor*n/budgetBytesPerCheck)
}

// The lexer reads the real-world corpus' files (12,600 Python files) 1.0
// times over at the median, 1.9 at the 99th percentile, 34 at most (a
// comment-heavy file, 0.4 MB read in all). A text of n bytes may be read
// 20 times over, and never less than 8 MiB: some 800 consecutive comment
// lines in a file the fast parser leaves to tree-sitter.
const (
	readBudgetFactor = 20
	readBudgetFloor  = 8 << 20
)

// readBudget is the number of bytes the lexer may read for n bytes.
func readBudget(n int) uint64 {
	return uint64(readBudgetFloor + readBudgetFactor*n)
}

// ErrTooComplex is returned when a file needs more parse work than any
// real revision file: it is too large or too convoluted to analyse.
var ErrTooComplex = errors.New("too large or too complex to analyse (the parser's work bound was reached)")

// pyParser owns a tree-sitter parser; it is not safe for concurrent use,
// so each worker has its own. Its buffers are reused from one parse to the
// next: a tree it returns is valid until the next call of parse.
type pyParser struct {
	p *C.TSParser
	// lastChecks is the work the last parse used, in progress checks, and
	// lastRead the bytes its lexer read.
	lastChecks, lastRead uint64
	// flat is the C array ml_parse writes the tree into, flatCap its
	// length; nodes, children and childCount back the Go tree.
	flat       *C.ml_node
	flatCap    C.uint32_t
	nodes      []node
	children   []*node
	childCount []int32
	// fast is the Go parser tried first (fastparse.go).
	fast fastParser
	// fastOnly, in tests, reports a file the fast parser gives up on as
	// errFallback instead of parsing it with tree-sitter.
	fastOnly bool
	// tsOnly, in tests, parses with tree-sitter alone.
	tsOnly bool
}

var allocatorOnce sync.Once

// newPyParser returns a parser; tree-sitter's side is made when a file
// first needs it (most files never do: the fast parser reads them).
func newPyParser() *pyParser { return &pyParser{} }

// treeSitter makes the tree-sitter parser if there is none.
func (p *pyParser) treeSitter() {
	if p.p != nil {
		return
	}
	grammarNames()
	// After go-tree-sitter's init, which installed its own allocator.
	allocatorOnce.Do(func() { C.ml_use_libc_allocator() })
	p.p = C.ml_new_parser()
	if p.p == nil {
		// The grammar is compiled in: an ABI mismatch is a build error.
		panic("tree-sitter rejected the Python grammar (ABI version mismatch)")
	}
}

func (p *pyParser) close() {
	if p.p != nil {
		C.ts_parser_delete(p.p)
	}
	C.free(unsafe.Pointer(p.flat))
	p.p, p.flat, p.flatCap = nil, nil, 0
}

// maxKeptNodes bounds the buffers a parser keeps between parses, so that
// one huge file does not pin its memory for the rest of the run.
const maxKeptNodes = 1 << 16

// parse returns the root of the tree and whether the parser had to
// recover from errors. The fast parser reads the files it knows how to
// read (most revision files); tree-sitter reads the others and every file
// with a syntax error. The tree is valid until the next call.
func (p *pyParser) parse(text []byte, str string) (*node, bool, error) {
	if root, ok := p.parseFast(text, str); ok {
		return root, false, nil
	}
	return p.parseSlow(text)
}

// parseFast returns the fast parser's tree, if it reads the file.
func (p *pyParser) parseFast(text []byte, str string) (*node, bool) {
	if len(text) > maxFastInput || p.tsOnly {
		return nil, false
	}
	root, err := p.fast.parse(text, str)
	if err != nil {
		return nil, false
	}
	p.lastChecks = 0
	return root, true
}

// parseSlow parses with tree-sitter, for a file the fast parser gave up on.
func (p *pyParser) parseSlow(text []byte) (*node, bool, error) {
	if p.fastOnly {
		return nil, false, errFallback
	}
	return p.parseTS(text)
}

// maxFastInput keeps the fast parser to ordinary file sizes (positions are
// 32-bit in its tokens).
const maxFastInput = 1 << 30

// parseTS parses with tree-sitter.
func (p *pyParser) parseTS(text []byte) (*node, bool, error) {
	p.treeSitter()
	var hasError C.bool
	var textPtr *C.char
	if len(text) > 0 {
		textPtr = (*C.char)(unsafe.Pointer(&text[0]))
	}
	var over C.bool
	var checks, read C.uint64_t
	count := C.ml_parse(p.p, textPtr, C.uint32_t(len(text)), C.uint64_t(parseBudget(len(text))), C.uint64_t(readBudget(len(text))),
		&p.flat, &p.flatCap, &hasError, &over, &checks, &read)
	p.lastChecks, p.lastRead = uint64(checks), uint64(read)
	if count == 0 {
		if over {
			// A cancelled parse leaves state behind that a later parse
			// may trip over: start the next file on a fresh parser.
			C.ts_parser_delete(p.p)
			p.p = nil
			return &node{kind: "module"}, true, ErrTooComplex
		}
		return &node{kind: "module"}, true, errors.New("tree-sitter could not allocate memory for it")
	}
	raw := unsafe.Slice(p.flat, int(count))
	nodes, children, childCount := p.buffers(len(raw))
	for i := range raw {
		if parent := raw[i].parent; parent != C.UINT32_MAX {
			childCount[parent]++
		}
	}
	// One backing array for every children slice.
	offset := 0
	for i := range raw {
		r := &raw[i]
		n := &nodes[i]
		n.kind = kindName(uint16(r.symbol))
		n.field = ""
		if int(r.field) < len(fieldNames) {
			n.field = fieldNames[r.field]
		}
		n.named, n.missing = r.named != 0, r.missing != 0
		n.start, n.end = int(r.start), int(r.end)
		n.startRow, n.startCol, n.endRow, n.endCol = int(r.srow), int(r.scol), int(r.erow), int(r.ecol)
		c := int(childCount[i])
		n.children = children[offset : offset : offset+c]
		offset += c
		// A backslash continuation is an "extra" node, kept wherever it
		// falls like a comment, and named: left in, it counted as one of
		// a call's arguments (op.add_column("t", \<newline> sa.Column(...))
		// had the column as its third). It means nothing to any reader.
		if parent := r.parent; parent != C.UINT32_MAX && n.kind != "line_continuation" {
			p := &nodes[parent]
			p.children = append(p.children, n)
		}
	}
	if len(raw) > maxKeptNodes {
		// Let the Go side of a huge tree go with this parse; the C array
		// shrinks at the next parse that fits.
		p.nodes, p.children, p.childCount = nil, nil, nil
		if p.flatCap > maxKeptNodes {
			defer p.shrinkFlat()
		}
	}
	return &nodes[0], bool(hasError), nil
}

// buffers returns zeroed child counts and node and children arrays of n
// elements, reusing the parser's.
func (p *pyParser) buffers(n int) ([]node, []*node, []int32) {
	if cap(p.nodes) < n {
		p.nodes = make([]node, n)
		p.children = make([]*node, n)
		p.childCount = make([]int32, n)
	}
	p.nodes, p.children, p.childCount = p.nodes[:n], p.children[:n], p.childCount[:n]
	clear(p.childCount)
	return p.nodes, p.children, p.childCount
}

func (p *pyParser) shrinkFlat() {
	C.free(unsafe.Pointer(p.flat))
	p.flat, p.flatCap = nil, 0
}

// errorSymbol is tree-sitter's ts_builtin_sym_error, (TSSymbol)-1.
const errorSymbol = 0xFFFF

func kindName(symbol uint16) string {
	if int(symbol) < len(kindNames) {
		return kindNames[symbol]
	}
	if symbol == errorSymbol {
		return "ERROR"
	}
	return "?"
}

// child returns the first child with the given field name.
func (n *node) child(field string) *node {
	for _, c := range n.children {
		if c.field == field {
			return c
		}
	}
	return nil
}

// namedChildren returns the children that are named grammar nodes,
// skipping punctuation and comments.
func (n *node) namedChildren() []*node {
	out := make([]*node, 0, len(n.children))
	for _, c := range n.children {
		if c.named && c.kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

func (n *node) text(src string) string { return src[n.start:n.end] }
