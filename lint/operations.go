package lint

// Operations is what a revision does: its calls and SQL strings lowered
// into typed operations, once, by package lint/ops, before any rule runs.
// Rules read it; none rebuilds it.
type Operations struct {
	Upgrade, Downgrade []Op
	// UpgradeObjects and DowngradeObjects say, per direction, which
	// tables, columns, indexes, constraints and types the revision itself
	// creates, drops or uses as temporary, in statement order.
	UpgradeObjects, DowngradeObjects Objects
	// SQLErrors are literal SQL strings the dialect's parser rejected.
	SQLErrors []SQLError
	// DynamicSQL are execute() calls whose SQL is built at run time.
	DynamicSQL []Call
}

// Of returns the ops of one direction.
func (o *Operations) Of(d Direction) []Op {
	if o == nil {
		return nil
	}
	if d == DirectionDowngrade {
		return o.Downgrade
	}
	return o.Upgrade
}

// ObjectsOf returns the object model of one direction.
func (o *Operations) ObjectsOf(d Direction) *Objects {
	if d == DirectionDowngrade {
		return &o.DowngradeObjects
	}
	return &o.UpgradeObjects
}

// SQLError is a literal SQL string the dialect's parser rejects, at the
// Python position of the error.
type SQLError struct {
	Span    Span
	Message string
}

// ObjectKind names a kind of schema object.
type ObjectKind uint8

const (
	ObjectTable ObjectKind = iota + 1
	ObjectColumn
	ObjectIndex
	ObjectConstraint
	ObjectType
)

var objectKindNames = [...]string{"", "table", "column", "index", "constraint", "type"}

func (k ObjectKind) String() string { return objectKindNames[k] }

// ObjectSpan is the life of one schema object within one direction of a
// revision, as Atlas's File.TableSpan describes a table's: the op that
// creates it and the op that drops it, as indexes into the direction's
// ops (-1: not in this revision).
type ObjectSpan struct {
	Kind ObjectKind
	// Table is the object's table (for a table, its own name); Name is
	// the column, index, constraint or type name. Both are lower case.
	Table, Name string
	Created     int
	Dropped     int
	// Temporary: CREATE TEMPORARY TABLE, or prefixes=["TEMPORARY"].
	Temporary bool
}

// Objects is the per-direction model of what a revision creates and drops.
type Objects struct {
	Spans []ObjectSpan
}

// Find returns the span of an object; names are compared in lower case.
func (m *Objects) Find(kind ObjectKind, table, name string) (ObjectSpan, bool) {
	table, name = lowerASCII(table), lowerASCII(name)
	for _, s := range m.Spans {
		if s.Kind == kind && s.Name == name && (kind == ObjectTable || s.Table == table || table == "" || s.Table == "") {
			return s, true
		}
	}
	return ObjectSpan{}, false
}

// CreatedBefore reports whether the revision created the object before op
// index at, so that operations on it lock and lose nothing in production.
func (m *Objects) CreatedBefore(kind ObjectKind, table, name string, at int) bool {
	s, ok := m.Find(kind, table, name)
	return ok && s.Created >= 0 && s.Created < at
}

// DroppedLater reports whether the revision drops the object at or after
// op index at.
func (m *Objects) DroppedLater(kind ObjectKind, table, name string, at int) bool {
	s, ok := m.Find(kind, table, name)
	return ok && s.Dropped >= at
}

// lowerASCII lower-cases identifiers; SQL folds unquoted names to lower
// case and Alembic names are compared the same way here.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
