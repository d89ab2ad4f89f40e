package python

import (
	"slices"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

func parse(t *testing.T, src string) *lint.Revision {
	t.Helper()
	p := NewParser()
	defer p.Close()
	return p.ParseRevision("versions/x.py", []byte(src))
}

func TestMetadataForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src  string
		id         string
		down       []string
		labels     []string
		dependsOn  []string
		nonLiteral int
	}{
		{name: "plain", src: "revision = 'ae1027a6acf'\ndown_revision = None\n", id: "ae1027a6acf"},
		{name: "annotated", src: "revision: str = \"b2\"\ndown_revision: Union[str, None] = \"a1\"\n", id: "b2", down: []string{"a1"}},
		{name: "pep604", src: "revision: str = \"b2\"\ndown_revision: str | None = \"a1\"\n", id: "b2", down: []string{"a1"}},
		{name: "unicode prefix", src: "revision = u'kilo'\ndown_revision = u'juliet'\n", id: "kilo", down: []string{"juliet"}},
		{name: "merge tuple", src: "revision = 'm'\ndown_revision = ('a', 'b')\n", id: "m", down: []string{"a", "b"}},
		{name: "merge list", src: "revision = 'm'\ndown_revision = [\n    'a',\n    'b',\n]\n", id: "m", down: []string{"a", "b"}},
		{name: "labels string", src: "revision = 'x'\nbranch_labels = 'billing'\ndepends_on = ('y',)\n", id: "x", labels: []string{"billing"}, dependsOn: []string{"y"}},
		{name: "descriptive id", src: "revision = 'django_0001_initial'\ndown_revision = None\n", id: "django_0001_initial"},
		{name: "computed", src: "revision = make_id()\ndown_revision = None\n", id: "", nonLiteral: 1},
		{name: "f-string", src: "revision = 'x'\ndown_revision = f'{base}'\n", id: "x", nonLiteral: 1},
		{name: "last assignment wins", src: "revision = 'a'\nrevision = 'b'\n", id: "b"},
		{name: "python2 print", src: "revision = 'p2'\ndown_revision = 'p1'\n\ndef upgrade():\n    print \"hello\"\n", id: "p2", down: []string{"p1"}},
		{name: "python2 before metadata", src: "print \"x\"\nrevision = 'p2'\ndown_revision = 'p1'\n", id: "p2", down: []string{"p1"}},
		{name: "crlf", src: "revision = 'c'\r\ndown_revision = 'b'\r\n", id: "c", down: []string{"b"}},
		{name: "bom", src: "\xEF\xBB\xBFrevision = 'bom'\n", id: "bom"},
		{name: "latin1 cookie", src: "# -*- coding: latin-1 -*-\n\"\"\"caf\xe9\"\"\"\nrevision = 'l1'\n", id: "l1"},
		{name: "invalid utf8", src: "# \xff\xfe\nrevision = 'u8'\n", id: "u8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, front := range []string{"tree-sitter", "scanner"} {
				var r *lint.Revision
				if front == "scanner" {
					r = ScanRevision("x.py", []byte(tt.src))
				} else {
					r = parse(t, tt.src)
				}
				if r.ID != tt.id || !slices.Equal(r.DownRevisions, tt.down) || !slices.Equal(r.BranchLabels, tt.labels) || !slices.Equal(r.DependsOn, tt.dependsOn) {
					t.Errorf("%s: got id=%q down=%q labels=%q depends=%q", front, r.ID, r.DownRevisions, r.BranchLabels, r.DependsOn)
				}
				if len(r.NonLiteral) != tt.nonLiteral {
					t.Errorf("%s: non-literal = %v, want %d", front, r.NonLiteral, tt.nonLiteral)
				}
				if !r.HasID {
					t.Errorf("%s: HasID is false", front)
				}
			}
		})
	}
}

func TestDocstring(t *testing.T) {
	t.Parallel()
	r := parse(t, "\"\"\"add email\n\nRevision ID: abc\nRevises: x, y\nCreate Date: 2026\n\"\"\"\nrevision = 'abc'\n")
	if r.Message != "add email" || r.Docstring.RevisionID != "abc" || !slices.Equal(r.Docstring.Revises, []string{"x", "y"}) {
		t.Fatalf("docstring: %+v message %q", r.Docstring, r.Message)
	}
	if r.Docstring.RevisionIDSpan.Line != 3 || r.Docstring.RevisesSpan.Line != 4 {
		t.Errorf("docstring lines: %d %d, want 3 4", r.Docstring.RevisionIDSpan.Line, r.Docstring.RevisesSpan.Line)
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	t.Parallel()
	r := parse(t, "revision = 'a'\n\ndef upgrade():\n    print \"hello\"\n")
	if len(r.SyntaxErrors) != 1 {
		t.Fatalf("syntax errors: %+v", r.SyntaxErrors)
	}
	if e := r.SyntaxErrors[0]; e.Span.Line != 4 || !strings.Contains(e.Message, "Python 2 print") {
		t.Errorf("error %+v, want line 4 mentioning Python 2", e)
	}
	if r := parse(t, "revision = 'a'\n"); len(r.SyntaxErrors) != 0 {
		t.Errorf("valid file has errors: %+v", r.SyntaxErrors)
	}
}

const opsFile = `from alembic import op
import sqlalchemy as sa
from app.models import User


def upgrade(op, tables, tester):
    op.add_column("users", sa.Column("x", sa.String(length=20), nullable=False, server_default=sa.text("'a'")))
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("name", existing_type=sa.String(50), nullable=True)
    with op.get_context().autocommit_block():
        op.create_index("ix", "users", ["x"], postgresql_concurrently=True)
    if True:
        op.execute(f"UPDATE users SET x = '{value}'")
    for t in ["a", "b"]:
        op.execute("DELETE FROM " + t)
    helper()
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE users SET x = 'b'"))
    op.execute("SELECT %s" % 1)
    op.execute("SELECT {}".format(1))
    op.execute("SELECT 1 " "FROM users")


def helper():
    op.drop_column("users", "legacy")


def downgrade():
    raise NotImplementedError()
`

func TestCalls(t *testing.T) {
	t.Parallel()
	r := parse(t, opsFile)
	byName := map[string][]lint.Call{}
	for _, c := range r.Calls {
		byName[c.Callee] = append(byName[c.Callee], c)
	}
	add := byName["op.add_column"]
	if len(add) != 1 || add[0].Receiver != lint.ReceiverOp || add[0].Scope.Direction != lint.DirectionUpgrade {
		t.Fatalf("op.add_column: %+v", add)
	}
	col, _ := add[0].Arg(1, "column")
	if col.Kind != lint.KindCall || col.Text != "sa.Column" {
		t.Fatalf("column arg: %+v", col)
	}
	if nn, _ := col.Keyword("nullable"); !nn.IsFalse() {
		t.Errorf("nullable = %+v", nn)
	}
	if sd, _ := col.Keyword("server_default"); sd.Kind != lint.KindCall || sd.Text != "sa.text" || sd.Args[0].Text != "'a'" {
		t.Errorf("server_default = %+v", sd)
	}
	if typ := col.Args[1]; typ.Text != "sa.String" {
		t.Errorf("type = %+v", typ)
	} else if l, _ := typ.Keyword("length"); l.Text != "20" {
		t.Errorf("length = %+v", l)
	}
	if s := add[0].Span; s.Line != 7 || s.Column != 5 || s.EndLine != 7 {
		t.Errorf("span %+v", s)
	}
	alter := byName["batch_op.alter_column"]
	if len(alter) != 1 || alter[0].Receiver != lint.ReceiverBatch || alter[0].Scope.BatchTable != "users" {
		t.Errorf("batch_op.alter_column: %+v", alter)
	}
	idx := byName["op.create_index"]
	if len(idx) != 1 || !idx[0].Scope.Autocommit {
		t.Errorf("create_index not in autocommit scope: %+v", idx)
	}
	execs := byName["op.execute"]
	// The loop over a literal list is analysed once per element, with
	// the loop variable bound: "DELETE FROM " + t is static each time.
	if len(execs) != 6 {
		t.Fatalf("op.execute calls: %d", len(execs))
	}
	wantDynamic := []bool{true, false, false, true, true, false}
	for i, e := range execs {
		if e.Args[0].Dynamic != wantDynamic[i] {
			t.Errorf("execute %d (line %d): dynamic=%v", i, e.Span.Line, e.Args[0].Dynamic)
		}
	}
	if !execs[0].Scope.Conditional || !execs[1].Scope.Loop || execs[1].Args[0].Text != "DELETE FROM a" || execs[2].Args[0].Text != "DELETE FROM b" {
		t.Errorf("scopes and unrolled loop: %+v %+v %q %q", execs[0].Scope, execs[1].Scope, execs[1].Args[0].Text, execs[2].Args[0].Text)
	}
	if execs[5].Args[0].Text != "SELECT 1 FROM users" {
		t.Errorf("concatenated literal: %q", execs[5].Args[0].Text)
	}
	drop := byName["op.drop_column"]
	if len(drop) != 1 || drop[0].Scope.Helper != "helper" || drop[0].Scope.Direction != lint.DirectionUpgrade {
		t.Errorf("helper call: %+v", drop)
	}
	if ex := byName["conn.execute"]; len(ex) != 1 || ex[0].Args[0].Text != "sa.text" {
		t.Errorf("conn.execute: %+v", ex)
	}
	if !r.Downgrade.Irreversible || r.Upgrade.Empty {
		t.Errorf("functions: up %+v down %+v", r.Upgrade, r.Downgrade)
	}
	var modules []string
	for _, imp := range r.Imports {
		modules = append(modules, imp.Module)
	}
	if !slices.Equal(modules, []string{"alembic", "sqlalchemy", "app.models"}) {
		t.Errorf("imports: %q", modules)
	}
}

func TestStringContentPosition(t *testing.T) {
	t.Parallel()
	r := parse(t, "def upgrade():\n    op.execute(\"\"\"\n        CREATE INDEX ix ON t (c)\n    \"\"\")\n")
	if len(r.Calls) != 1 {
		t.Fatalf("calls: %+v", r.Calls)
	}
	sql := r.Calls[0].Args[0]
	if sql.Content.Line != 2 || sql.Content.Column != 19 || !strings.Contains(sql.Text, "CREATE INDEX") {
		t.Errorf("content %+v text %q", sql.Content, sql.Text)
	}
}

func TestSuppressions(t *testing.T) {
	t.Parallel()
	r := parse(t, "# migrate-lint: ignore-file[ML201] legacy table\ndef upgrade():\n    op.drop_column('a', 'b')  # migrate-lint: ignore[ML302, ML306] archived in 4.2\n    # migrate-lint: ignore[ML401]\n    # migrate-lint: skip[ML1] x\n")
	if len(r.Suppressions) != 4 {
		t.Fatalf("suppressions: %+v", r.Suppressions)
	}
	s := r.Suppressions
	if !s[0].FileWide || s[0].Reason != "legacy table" {
		t.Errorf("file-wide: %+v", s[0])
	}
	if !slices.Equal(s[1].Codes, []string{"ML302", "ML306"}) || s[1].Span.Line != 3 || s[1].Malformed != "" {
		t.Errorf("inline: %+v", s[1])
	}
	if !strings.Contains(s[2].Malformed, "no reason") || !strings.Contains(s[3].Malformed, "unknown") {
		t.Errorf("malformed: %+v %+v", s[2], s[3])
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	t.Parallel()
	r := parse(t, "def upgrade():\n    x = 'é'; op.drop_table('t')\n")
	if len(r.Calls) != 1 || r.Calls[0].Span.Column != 14 {
		t.Errorf("calls %+v", r.Calls)
	}
}
