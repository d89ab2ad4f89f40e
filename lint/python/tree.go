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
extern void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
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

typedef struct {
	uint32_t parent; // index of the parent, UINT32_MAX for the root
	uint16_t symbol;
	uint16_t field;
	uint8_t named;
	uint8_t missing;
	uint32_t start, end, srow, scol, erow, ecol;
} ml_node;

static TSParser *ml_new_parser(uint64_t timeout_micros) {
	TSParser *p = ts_parser_new();
	if (!ts_parser_set_language(p, tree_sitter_python())) {
		ts_parser_delete(p);
		return NULL;
	}
	ts_parser_set_timeout_micros(p, timeout_micros);
	return p;
}

// ml_parse parses text and flattens the tree in pre-order into a malloc'd
// array the caller frees. Children follow their parent in source order.
static ml_node *ml_parse(TSParser *p, const char *text, uint32_t len, uint32_t *count, bool *has_error) {
	TSTree *tree = ts_parser_parse_string(p, NULL, text, len);
	*count = 0;
	if (tree == NULL) {
		// Timed out: forget the half-done parse so the next file starts afresh.
		ts_parser_reset(p);
		return NULL;
	}
	TSNode root = ts_tree_root_node(tree);
	*has_error = ts_node_has_error(root);
	uint32_t cap = ts_node_descendant_count(root);
	ml_node *out = malloc(sizeof(ml_node) * (cap ? cap : 1));
	if (out == NULL) { ts_tree_delete(tree); return NULL; }
	TSTreeCursor c = ts_tree_cursor_new(root);
	uint32_t n = 0, parent = UINT32_MAX;
	for (;;) {
		if (n >= cap) break;
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
	*count = n;
	return out;
}
*/
import "C"

import (
	"errors"
	"sync"
	"time"
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

// parseTimeout bounds one file's parse. Error recovery on some malformed
// input can take tree-sitter very long; a revision file that does not
// parse in this time is reported as unreadable rather than stalling the
// run.
const parseTimeout = 2 * time.Second

// errParseTimeout is returned when a parse ran out of time.
var errParseTimeout = errors.New("tree-sitter gave up after " + parseTimeout.String())

// pyParser owns a tree-sitter parser; it is not safe for concurrent use,
// so each worker has its own.
type pyParser struct{ p *C.TSParser }

func newPyParser() *pyParser {
	grammarNames()
	p := C.ml_new_parser(C.uint64_t(parseTimeout.Microseconds()))
	if p == nil {
		// The grammar is compiled in: an ABI mismatch is a build error.
		panic("tree-sitter rejected the Python grammar (ABI version mismatch)")
	}
	return &pyParser{p: p}
}

func (p *pyParser) close() { C.ts_parser_delete(p.p) }

// parse returns the root of the tree and whether tree-sitter had to
// recover from errors.
func (p *pyParser) parse(text []byte) (*node, bool, error) {
	var count C.uint32_t
	var hasError C.bool
	var textPtr *C.char
	if len(text) > 0 {
		textPtr = (*C.char)(unsafe.Pointer(&text[0]))
	}
	flat := C.ml_parse(p.p, textPtr, C.uint32_t(len(text)), &count, &hasError)
	if flat == nil || count == 0 {
		return &node{kind: "module"}, true, errParseTimeout
	}
	defer C.free(unsafe.Pointer(flat))
	raw := unsafe.Slice(flat, int(count))
	nodes := make([]node, len(raw))
	childCount := make([]int, len(raw))
	for i := range raw {
		if parent := raw[i].parent; parent != C.UINT32_MAX {
			childCount[parent]++
		}
	}
	// One backing array for every children slice.
	backing := make([]*node, len(raw))
	offset := 0
	for i := range raw {
		r := &raw[i]
		n := &nodes[i]
		n.kind = kindName(uint16(r.symbol))
		if int(r.field) < len(fieldNames) {
			n.field = fieldNames[r.field]
		}
		n.named, n.missing = r.named != 0, r.missing != 0
		n.start, n.end = int(r.start), int(r.end)
		n.startRow, n.startCol, n.endRow, n.endCol = int(r.srow), int(r.scol), int(r.erow), int(r.ecol)
		n.children = backing[offset : offset : offset+childCount[i]]
		offset += childCount[i]
		if parent := r.parent; parent != C.UINT32_MAX {
			p := &nodes[parent]
			p.children = append(p.children, n)
		}
	}
	return &nodes[0], bool(hasError), nil
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

func (n *node) text(src []byte) string { return string(src[n.start:n.end]) }
