package python

import (
	"github.com/migrate-lint/migrate-lint/lint"
	"testing"
)

// A revision written with backslash continuations, in the places they
// turn up in real projects.
const continued = `"""continued

Revision ID: a1
Revises:
"""
from alembic import op, \
    context
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("users", \
        sa.Column("email", sa.String(), nullable=False))
    total = 1 + \
        2
    op.execute("UPDATE users " \
               "SET email = ''")
    assert total, \
        "a message"


def downgrade():
    op.drop_column("users", "email")
`

// TestLineContinuationIsNotAnArgument: tree-sitter keeps a node for a
// backslash continuation; it must not count as a call's argument (it did:
// the column above was add_column's third argument, and a NOT NULL column
// without a default went unreported).
func TestLineContinuationIsNotAnArgument(t *testing.T) {
	for _, parser := range []struct {
		name     string
		tsOnly   bool
		fastOnly bool
	}{{"tree-sitter", true, false}, {"fast", false, true}} {
		t.Run(parser.name, func(t *testing.T) {
			p := NewParser()
			defer p.Close()
			p.py.tsOnly, p.py.fastOnly = parser.tsOnly, parser.fastOnly
			rev := p.ParseRevision("a1.py", []byte(continued))
			if len(rev.SyntaxErrors) > 0 || rev.Unanalysed != "" {
				t.Fatalf("not read: %+v %q", rev.SyntaxErrors, rev.Unanalysed)
			}
			var add, execute *lint.Call
			for i := range rev.Calls {
				switch rev.Calls[i].Callee {
				case "op.add_column":
					add = &rev.Calls[i]
				case "op.execute":
					execute = &rev.Calls[i]
				}
			}
			if add == nil || len(add.Args) != 2 || add.Args[1].CalleeName() != "Column" {
				t.Fatalf("op.add_column read as %+v", add)
			}
			if execute == nil || len(execute.Args) != 1 || execute.Args[0].Text != "UPDATE users SET email = ''" {
				t.Fatalf("op.execute read as %+v", execute)
			}
		})
	}
}

// TestFastParserReadsContinuations: the fast parser reads continuations
// inside statements and agrees with tree-sitter; where tree-sitter's
// scanner takes the backslash into a NEWLINE (a blank line or a comment
// follows) or a statement starts with one, it gives up, and the results
// still agree.
func TestFastParserReadsContinuations(t *testing.T) {
	if fast, diff := parseBoth(t, []byte(continued)); !fast || diff != "" {
		t.Fatalf("fast parser read it: %v; difference: %s", fast, diff)
	}
	for _, src := range []string{
		"x = 1 + \\\n\ny = 2\n",
		"x = 1 + \\\n# comment\n    2\n",
		"x = 1 + \\\n",
		"\\\nx = 1\n",
		"x = 1\n\\\ny = 2\n",
		"x = 1 + \\\r\n    2\n",
		"x = 1 + \\ \n    2\n",
		"x = f\"{1 + \\\n 2}\"\n",
		"if x:\n    y = 1 + \\\n2\n    z = 3\n",
		"x = (1 + \\\n  2)\n",
		"x = \\\n    \"a\" \\\n    \"b\"\n",
		"def f(a, \\\n      b):\n    return a + \\\n        b\n",
		"class A(B, \\\n        C):\n    pass\n",
	} {
		if _, diff := parseBoth(t, []byte(src)); diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	}
	for _, src := range []string{"x = 1 + \\\n\ny = 2\n", "\\\nx = 1\n", "x = 1 + \\\n# c\n  2\n"} {
		p := NewParser()
		p.py.fastOnly = true
		if _, _, err := p.py.parse([]byte(src), src); err == nil {
			t.Errorf("%q: the fast parser should leave it to tree-sitter", src)
		}
		p.Close()
	}
}
