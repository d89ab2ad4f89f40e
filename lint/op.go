package lint

// OpKind names an operation in Alembic's vocabulary; SQL statements are
// mapped onto the same kinds, so one rule serves op.create_index(...) and
// op.execute("CREATE INDEX ...").
type OpKind string

const (
	OpCreateTable            OpKind = "create_table"
	OpDropTable              OpKind = "drop_table"
	OpRenameTable            OpKind = "rename_table"
	OpAddColumn              OpKind = "add_column"
	OpDropColumn             OpKind = "drop_column"
	OpAlterColumn            OpKind = "alter_column"
	OpCreateIndex            OpKind = "create_index"
	OpDropIndex              OpKind = "drop_index"
	OpCreateForeignKey       OpKind = "create_foreign_key"
	OpCreateCheckConstraint  OpKind = "create_check_constraint"
	OpCreateUniqueConstraint OpKind = "create_unique_constraint"
	OpCreatePrimaryKey       OpKind = "create_primary_key"
	OpDropConstraint         OpKind = "drop_constraint"
	OpValidateConstraint     OpKind = "validate_constraint"
	OpDropPrimaryKey         OpKind = "drop_primary_key"
	OpDropSchema             OpKind = "drop_schema"
	OpAddEnumValue           OpKind = "add_enum_value"
	OpCreateType             OpKind = "create_type"
	OpDropType               OpKind = "drop_type"
	OpSetLockTimeout         OpKind = "set_lock_timeout"
	OpUpdate                 OpKind = "update"
	OpDelete                 OpKind = "delete"
	OpTruncate               OpKind = "truncate"
	OpInsert                 OpKind = "insert"
	OpBatch                  OpKind = "batch_alter_table"
	OpCreateAll              OpKind = "create_all"
	// OpCreateView is CREATE [OR REPLACE] VIEW; Table is the view's name.
	OpCreateView OpKind = "create_view"
	// OpCommit ends the transaction: a COMMIT statement, or commit() on
	// the migration's connection.
	OpCommit OpKind = "commit"
	// OpOtherDDL is a schema statement the rules do not look into.
	OpOtherDDL OpKind = "other_ddl"
	// OpOther is anything else (SELECT, a function call).
	OpOther OpKind = "other"
)

// Op is one operation of a revision, from an Alembic call or from a SQL
// statement in a string literal.
type Op struct {
	Kind   OpKind
	Table  string
	Column string
	// Name is the index or constraint name; NewName the target of a
	// rename.
	Name, NewName string
	Columns       []string

	Concurrently bool
	Unique       bool
	// NotValid: a constraint added without validating existing rows.
	NotValid bool
	Cascade  bool
	// HasWhere: an UPDATE or DELETE with a WHERE clause.
	HasWhere bool
	// IfExists: the call says if_exists=True. SchemaNamed: one of its
	// keyword arguments names a schema (schema=, referent_schema=, ...).
	IfExists, SchemaNamed bool

	// Column changes (add_column, alter_column). Nullable is nil when the
	// operation does not say.
	Nullable         *bool
	ExistingNullable *bool
	// ServerDefault is the SQL default expression as written; empty when
	// none. ClientDefault: only a Python-side default= was given.
	ServerDefault   string
	ClientDefault   bool
	VolatileDefault bool
	// Type and ExistingType are normalised type names ("varchar(20)",
	// "text", "numeric(10,2)"); empty when unknown.
	Type, ExistingType string
	// Recreate is batch_alter_table's recreate= argument.
	Recreate string

	// Span is where the operation is in the Python file: the call, or
	// the line of the statement inside the SQL string.
	Span  Span
	Scope Scope
	// Index is the op's position among its direction's ops (statement
	// order), as Objects spans count it.
	Index int
	// SQL is the statement text when the op came from SQL.
	SQL string
	// Definition is what a create_table call declares (nil for every
	// other op). The call itself is not kept: read once by the lowering,
	// a revision's calls are let go (lint.Revision.Calls).
	Definition *TableDefinition
	// ConstraintType is drop_constraint's type_ ("foreignkey", "unique",
	// "check", "primary"); empty when not said. See ConstraintKind.
	ConstraintType string
	// NewTable: the table was created earlier in the same revision (or,
	// with --base, by another revision of the change), so nothing that
	// matters is locked or lost.
	NewTable bool
	// NewColumn: the column was added earlier in the same revision.
	NewColumn bool
	// Temporary: a temporary table (CREATE TEMPORARY TABLE, or
	// prefixes=["TEMPORARY"]): it lives for the session only.
	Temporary bool
	// NameIsNone: the name argument is the literal None (autogenerate
	// writes it when no naming convention names the constraint).
	NameIsNone bool
}

// TableDefinition is the columns a create_table op declares with
// sa.Column(...), in order, each with its normalised type ("varchar(50)",
// "" when unknown). Complete is false when some argument cannot be read
// as a column or a constraint (a variable, a *splat), so that Columns may
// lack some.
type TableDefinition struct {
	Columns  []TableColumn
	Complete bool
}

// TableColumn is one column of a TableDefinition.
type TableColumn struct {
	Name, Type string
}

// Declared returns the columns the op declares, and whether that list is
// complete; nothing and false for an op that is not a create_table.
func (op *Op) Declared() ([]TableColumn, bool) {
	if op.Definition == nil {
		return nil, false
	}
	return op.Definition.Columns, op.Definition.Complete
}

// ConstraintKind is the Alembic type_ of a constraint op: from the op for
// creations, as written for drops; "" when unknown.
func (o *Op) ConstraintKind() string {
	switch o.Kind {
	case OpCreateForeignKey:
		return "foreignkey"
	case OpCreateUniqueConstraint:
		return "unique"
	case OpCreateCheckConstraint:
		return "check"
	case OpCreatePrimaryKey, OpDropPrimaryKey:
		return "primary"
	}
	return o.ConstraintType
}

// IsDDL reports whether the op changes the schema.
func (o *Op) IsDDL() bool {
	if o.Temporary {
		return false
	}
	switch o.Kind {
	case OpUpdate, OpDelete, OpInsert, OpTruncate, OpSetLockTimeout, OpOther, OpCreateAll, OpBatch, OpCommit:
		return false
	}
	return true
}

// IsDML reports whether the op changes data.
func (o *Op) IsDML() bool {
	switch o.Kind {
	case OpUpdate, OpDelete, OpInsert, OpTruncate:
		return true
	}
	return false
}

// Bool returns a pointer to b, for Nullable.
func Bool(b bool) *bool { return &b }
