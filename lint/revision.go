package lint

// Revision is one parsed revision file: its place in the graph, the
// operations its upgrade() and downgrade() perform, and what else the rules
// need to know about the file.
type Revision struct {
	// File is the file's identity: its absolute, symbolic-link-resolved
	// path, set where the file is read. Everything keys on it; the path a
	// user sees is computed from it at the edges (report.Paths).
	File string
	// ID is the value of `revision`; empty when the file has none.
	ID string
	// HasID reports whether a `revision = ...` assignment exists at all;
	// a .py file in a versions directory without it is not a revision.
	HasID         bool
	DownRevisions []string
	BranchLabels  []string
	DependsOn     []string
	// Message is the first line of the module docstring, as `alembic
	// history` shows it.
	Message string
	// Where each metadata variable is assigned, for findings about it.
	IDSpan, DownRevisionSpan, BranchLabelsSpan, DependsOnSpan Span

	// The docstring's "Revision ID:" and "Revises:" lines, which Alembic
	// writes from the template and people forget to update.
	Docstring DocstringMetadata

	// NonLiteral lists metadata assignments whose value is not a literal, so
	// the graph cannot be known without running the file.
	NonLiteral []NonLiteralMetadata

	Upgrade   Function
	Downgrade Function
	// Calls are the calls made by upgrade(), downgrade() and the helper
	// functions they use, in source order: the parser's output, which the
	// lowering (lint/ops) reads. The loader lets them go once the ops are
	// made, so a loaded revision has Ops and no Calls: rules read the ops,
	// and the cache neither keeps nor decodes calls (they were two thirds
	// of what a warm check decoded).
	Calls   []Call
	Imports []Import
	// Ops is what the calls and SQL strings do, lowered once before any
	// rule runs (package lint/ops); nil when only the metadata was read.
	Ops *Operations

	SyntaxErrors []SyntaxError
	// Unanalysed says why the file's body was not analysed (it is too
	// large, nested too deeply, or needs more parse work than any real
	// revision): only its metadata and suppressions were read, so no rule
	// saw its operations. Empty when it was analysed.
	Unanalysed   string
	Suppressions []Suppression
	// Lines holds the source lines, for showing the offending line under a
	// finding.
	Lines []string
}

// DocstringMetadata is what the module docstring claims about the revision.
type DocstringMetadata struct {
	RevisionID     string
	RevisionIDSpan Span
	HasRevises     bool
	Revises        []string
	RevisesSpan    Span
}

// NonLiteralMetadata is a metadata variable assigned from an expression.
type NonLiteralMetadata struct {
	Variable string
	Source   string
	Span     Span
}

// Function describes upgrade() or downgrade().
type Function struct {
	Defined bool
	Span    Span
	// Empty: the body is only `pass`, a docstring or `...`.
	Empty bool
	// Irreversible: the body declares it cannot run, by raising
	// (NotImplementedError anywhere, or any exception at its top level).
	Irreversible bool
}

// Direction says whether a call runs on upgrade or downgrade.
type Direction uint8

const (
	DirectionNone Direction = iota
	DirectionUpgrade
	DirectionDowngrade
)

func (d Direction) String() string {
	return [...]string{"none", "upgrade", "downgrade"}[d]
}

// Receiver says what a call is made on.
type Receiver uint8

const (
	// ReceiverOther is anything else: conn.execute, sa.text, print.
	ReceiverOther Receiver = iota
	// ReceiverOp is Alembic's operations object: op.add_column.
	ReceiverOp
	// ReceiverBatch is a batch_alter_table context: batch_op.add_column.
	ReceiverBatch
)

// Call is one call statement found in a migration function.
type Call struct {
	// Callee is the called expression as written: "op.add_column",
	// "batch_op.alter_column", "op.get_bind().execute".
	Callee   string
	Name     string // the last segment: add_column
	Receiver Receiver
	Args     []Value
	Keywords []Keyword
	Span     Span
	Scope    Scope
}

// Scope is where a call sits, which changes what it means: CONCURRENTLY
// needs an autocommit block, a batch_op call acts on the batch's table.
type Scope struct {
	// Function is the function whose body holds the call: upgrade,
	// downgrade, or a helper's name.
	Function string
	// Helper is set when the call is in a helper function that upgrade()
	// or downgrade() calls.
	Helper string
	// BatchTable is the table named by the enclosing batch_alter_table.
	BatchTable string
	// Direction is the direction the call runs in. (The small fields sit
	// together after the strings: every call and op holds a Scope.)
	Direction Direction
	// Autocommit: inside `with op.get_context().autocommit_block():`.
	Autocommit bool
	// Conditional: inside if, try or a match; Loop: inside for or while.
	Conditional, Loop bool
	// Dialects are the dialects the code runs on: an `if` on the
	// connection's dialect restricts its branches (the zero value is
	// every dialect).
	Dialects DialectSet
}

// AsValue presents the call as a Value, for the argument helpers.
func (c Call) AsValue() Value {
	return Value{Kind: KindCall, Text: c.Callee, Args: c.Args, Keywords: c.Keywords, Span: c.Span}
}

// Arg returns the positional argument at index or the keyword name.
func (c Call) Arg(index int, name string) (Value, bool) { return c.AsValue().Arg(index, name) }

// Import is one import statement.
type Import struct {
	// Module is the imported module ("sqlalchemy", "app.models"); for
	// `from . import x` it is "" with Level 1.
	Module string
	Names  []string
	// Level counts leading dots of a relative import.
	Level int
	Span  Span
}

// SyntaxError is a place where the Python parser could not make sense of
// the file.
type SyntaxError struct {
	Span    Span
	Message string
	// Python2: the error is a Python 2 statement (print, exec) that
	// Python 3 rejects.
	Python2 bool
}

// Suppression is a `# migrate-lint: ignore[...] reason` comment.
type Suppression struct {
	Span Span
	// Codes are rule IDs, ID prefixes or names, as written.
	Codes  []string
	Reason string
	// FileWide: ignore-file[...] applies to the whole file.
	FileWide bool
	// Malformed explains what is wrong with the comment, if anything.
	Malformed string
}
