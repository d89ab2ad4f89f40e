package sql

// The nodes of libpg_query's JSON parse tree that the lowering reads,
// with the field names libpg_query writes. A node is an object with one
// key, its type; fields at their zero value are left out of the JSON
// (false, "", 0), as are the node types and fields not listed here,
// which the decoder skips.

type pgParseResult struct {
	Stmts []struct {
		Stmt pgNode `json:"stmt"`
		// StmtLocation is where the statement starts (after the previous
		// one's semicolon); StmtLen is 0 for "to the end".
		StmtLocation int `json:"stmt_location"`
		StmtLen      int `json:"stmt_len"`
	} `json:"stmts"`
}

// pgNode is one node: exactly one field is set, or none for a type the
// lowering does not look at.
type pgNode struct {
	IndexStmt         *pgIndexStmt         `json:"IndexStmt"`
	AlterTableStmt    *pgAlterTableStmt    `json:"AlterTableStmt"`
	AlterTableCmd     *pgAlterTableCmd     `json:"AlterTableCmd"`
	DropStmt          *pgDropStmt          `json:"DropStmt"`
	RenameStmt        *pgRenameStmt        `json:"RenameStmt"`
	UpdateStmt        *pgChangeRows        `json:"UpdateStmt"`
	DeleteStmt        *pgChangeRows        `json:"DeleteStmt"`
	InsertStmt        *pgChangeRows        `json:"InsertStmt"`
	TruncateStmt      *pgTruncateStmt      `json:"TruncateStmt"`
	CreateStmt        *pgCreateStmt        `json:"CreateStmt"`
	CreateTableAsStmt *pgCreateTableAsStmt `json:"CreateTableAsStmt"`
	ViewStmt          *pgViewStmt          `json:"ViewStmt"`
	VariableSetStmt   *pgVariableSetStmt   `json:"VariableSetStmt"`
	AlterEnumStmt     *pgAlterEnumStmt     `json:"AlterEnumStmt"`
	CreateEnumStmt    *pgCreateEnumStmt    `json:"CreateEnumStmt"`
	DropdbStmt        *pgDropdbStmt        `json:"DropdbStmt"`
	TransactionStmt   *pgTransactionStmt   `json:"TransactionStmt"`
	SelectStmt        *struct{}            `json:"SelectStmt"`
	IndexElem         *pgIndexElem         `json:"IndexElem"`
	ColumnDef         *pgColumnDef         `json:"ColumnDef"`
	Constraint        *pgConstraint        `json:"Constraint"`
	String            *pgString            `json:"String"`
	List              *pgList              `json:"List"`
	AConst            *pgAConst            `json:"A_Const"`
	FuncCall          *pgFuncCall          `json:"FuncCall"`
	TypeCast          *pgTypeCast          `json:"TypeCast"`
	RangeVar          *pgRangeVar          `json:"RangeVar"`
}

func (n *pgNode) columnDef() *pgColumnDef {
	if n == nil {
		return nil
	}
	return n.ColumnDef
}

func (n *pgNode) constraint() *pgConstraint {
	if n == nil {
		return nil
	}
	return n.Constraint
}

func (n *pgNode) listItems() []pgNode {
	if n == nil || n.List == nil {
		return nil
	}
	return n.List.Items
}

type pgRangeVar struct {
	Relname        string `json:"relname"`
	Relpersistence string `json:"relpersistence"` // "p", "u", "t"
}

func (r *pgRangeVar) persistence() string {
	if r == nil {
		return ""
	}
	return r.Relpersistence
}

type pgIndexStmt struct {
	Idxname     string      `json:"idxname"`
	Relation    *pgRangeVar `json:"relation"`
	IndexParams []pgNode    `json:"indexParams"`
	Unique      bool        `json:"unique"`
	Concurrent  bool        `json:"concurrent"`
}

type pgIndexElem struct {
	Name string `json:"name"`
}

type pgAlterTableStmt struct {
	Relation *pgRangeVar `json:"relation"`
	Cmds     []pgNode    `json:"cmds"`
	Objtype  string      `json:"objtype"`
}

type pgAlterTableCmd struct {
	Subtype  string  `json:"subtype"`
	Name     string  `json:"name"`
	Def      *pgNode `json:"def"`
	Behavior string  `json:"behavior"`
}

type pgColumnDef struct {
	Colname     string      `json:"colname"`
	TypeName    *pgTypeName `json:"typeName"`
	IsNotNull   bool        `json:"is_not_null"`
	Constraints []pgNode    `json:"constraints"`
}

type pgConstraint struct {
	Contype        string   `json:"contype"`
	Conname        string   `json:"conname"`
	SkipValidation bool     `json:"skip_validation"`
	RawExpr        *pgNode  `json:"raw_expr"`
	Keys           []pgNode `json:"keys"`
	FkAttrs        []pgNode `json:"fk_attrs"`
	Indexname      string   `json:"indexname"`
}

type pgDropStmt struct {
	Objects    []pgNode `json:"objects"`
	RemoveType string   `json:"removeType"`
	Behavior   string   `json:"behavior"`
	Concurrent bool     `json:"concurrent"`
}

type pgRenameStmt struct {
	RenameType string      `json:"renameType"`
	Relation   *pgRangeVar `json:"relation"`
	Subname    string      `json:"subname"`
	Newname    string      `json:"newname"`
}

// pgChangeRows is an UPDATE, DELETE or INSERT.
type pgChangeRows struct {
	Relation    *pgRangeVar `json:"relation"`
	WhereClause *struct{}   `json:"whereClause"`
}

type pgTruncateStmt struct {
	Relations []pgNode `json:"relations"`
	Behavior  string   `json:"behavior"`
}

type pgCreateStmt struct {
	Relation *pgRangeVar `json:"relation"`
}

type pgCreateTableAsStmt struct {
	Into *struct {
		Rel *pgRangeVar `json:"rel"`
	} `json:"into"`
	Objtype string `json:"objtype"`
}

type pgViewStmt struct {
	View *pgRangeVar `json:"view"`
}

type pgVariableSetStmt struct {
	Name string `json:"name"`
}

type pgAlterEnumStmt struct {
	TypeName []pgNode `json:"typeName"`
	OldVal   string   `json:"oldVal"`
	NewVal   string   `json:"newVal"`
}

type pgCreateEnumStmt struct {
	TypeName []pgNode `json:"typeName"`
}

type pgDropdbStmt struct {
	Dbname string `json:"dbname"`
}

type pgTransactionStmt struct {
	Kind string `json:"kind"`
}

type pgString struct {
	Sval string `json:"sval"`
}

type pgList struct {
	Items []pgNode `json:"items"`
}

type pgTypeName struct {
	Names   []pgNode `json:"names"`
	Typmods []pgNode `json:"typmods"`
}

// pgAConst is a constant: the field of its kind is set, an empty object
// for a zero value ({"ival":{}} is 0).
type pgAConst struct {
	Ival *struct {
		Ival int `json:"ival"`
	} `json:"ival"`
	Sval *struct {
		Sval string `json:"sval"`
	} `json:"sval"`
	Boolval *struct {
		Boolval bool `json:"boolval"`
	} `json:"boolval"`
}

type pgFuncCall struct {
	Funcname []pgNode `json:"funcname"`
}

type pgTypeCast struct {
	Arg *pgNode `json:"arg"`
}
