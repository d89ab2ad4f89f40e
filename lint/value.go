package lint

import "strings"

// ValueKind says what a Python expression in a revision file is, as far as
// the rules care. The parser never evaluates anything: a value is what the
// source text says.
type ValueKind uint8

const (
	// KindOther is an expression the model does not describe (lambda,
	// subscript, comprehension, arithmetic). Text holds its source.
	KindOther ValueKind = iota
	KindString
	KindNumber
	KindNone
	KindBool
	// KindName is a name or a dotted attribute chain: sa.Integer, batch_op.
	KindName
	// KindCall is a call; Text is the callee as written (sa.Column,
	// op.get_bind().execute).
	KindCall
	// KindList is a list or a tuple.
	KindList
	// KindDict is a dict display; Keywords holds the string-keyed entries.
	KindDict
)

var kindNames = [...]string{"other", "string", "number", "None", "bool", "name", "call", "list", "dict"}

func (k ValueKind) String() string { return kindNames[k] }

// Value is a structured Python expression: a literal, a name, a call with
// its arguments, a list.
type Value struct {
	// Kind, Dynamic and Runtime sit side by side: one word of the struct
	// instead of three. Every call argument is a Value, and the live heap
	// of a large project is mostly Values.
	Kind ValueKind
	// Dynamic marks a string built at run time: an f-string, "%" formatting,
	// .format() or concatenation with something that is not a literal. Text
	// then holds only the literal parts; rules must not guess at the rest.
	Dynamic bool
	// Runtime: a value pasted into a dynamic string is data read at run
	// time (a query's rows, the environment), not a constant of the code.
	Runtime bool
	// Content is where a string literal's text starts (after the quotes), so
	// that a position inside SQL maps back to the Python line. Beside the
	// flags it fills what was the word's padding.
	Content Position
	// Text is the decoded literal for strings, the source text for numbers,
	// booleans and KindOther, the dotted name for names, and the callee for
	// calls.
	Text string
	// Args are a call's positional arguments, or a list's elements.
	Args []Value
	// Keywords are a call's keyword arguments, or a dict's string keys.
	Keywords []Keyword
	Span     Span
	// rare holds what few values have (Holes, Table), behind one pointer
	// that is nil for the others: a Value is 120 bytes, where the two
	// fields inline and a Span for Content made it 176.
	rare *rareParts
}

// rareParts are the parts of a Value that few values have. A Value's
// copies share them, so they are replaced, never changed in place.
type rareParts struct {
	holes []int
	table string
}

// Holes are the byte offsets in Text where a dynamic string takes a
// value at run time: an f-string's interpolation, a %s or {} that % or
// .format() fills, the end of a literal that + joins to a variable.
func (v Value) Holes() []int {
	if v.rare == nil {
		return nil
	}
	return v.rare.holes
}

// Table names the table of a SQLAlchemy Core expression when it is a
// literal sa.table("users", ...) bound to a name: set on that name and on
// calls whose callee starts with it (users.update()).
func (v Value) Table() string {
	if v.rare == nil {
		return ""
	}
	return v.rare.table
}

// SetHoles replaces the value's holes.
func (v *Value) SetHoles(holes []int) {
	r := v.rareCopy()
	r.holes = holes
	v.setRare(r)
}

// SetTable replaces the value's table.
func (v *Value) SetTable(table string) {
	r := v.rareCopy()
	r.table = table
	v.setRare(r)
}

func (v *Value) rareCopy() rareParts {
	if v.rare == nil {
		return rareParts{}
	}
	return *v.rare
}

func (v *Value) setRare(r rareParts) {
	if r.holes == nil && r.table == "" {
		v.rare = nil
		return
	}
	v.rare = &r
}

// Keyword is one keyword argument: name=value.
type Keyword struct {
	Name  string
	Value Value
}

// Arg returns the argument at position index, or failing that the keyword
// argument called name: Alembic accepts most arguments both ways.
func (v Value) Arg(index int, name string) (Value, bool) {
	if index >= 0 && index < len(v.Args) {
		return v.Args[index], true
	}
	return v.Keyword(name)
}

// Keyword returns the keyword argument called name.
func (v Value) Keyword(name string) (Value, bool) {
	for _, k := range v.Keywords {
		if k.Name == name {
			return k.Value, true
		}
	}
	return Value{}, false
}

// Str returns the literal text of a string value that is fully known.
func (v Value) Str() (string, bool) {
	if v.Kind == KindString && !v.Dynamic {
		return v.Text, true
	}
	return "", false
}

// IsTrue reports whether the value is the literal True.
func (v Value) IsTrue() bool { return v.Kind == KindBool && v.Text == "True" }

// IsFalse reports whether the value is the literal False.
func (v Value) IsFalse() bool { return v.Kind == KindBool && v.Text == "False" }

// CalleeName is the last segment of a call's callee or of a dotted name:
// "Column" for sa.Column, "text" for sqlalchemy.text.
func (v Value) CalleeName() string {
	if v.Kind != KindCall && v.Kind != KindName {
		return ""
	}
	return LastSegment(v.Text)
}

// LastSegment is the part after the last dot: "Column" for sa.Column.
func LastSegment(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}
