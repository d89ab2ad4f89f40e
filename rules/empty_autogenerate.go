package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// blindSpot is a kind of change that autogenerate does not detect, found
// by words in a revision's message.
type blindSpot struct {
	words *lazyregexp.Regexp
	kind  string
	// how says how autogenerate misses it and what to write by hand.
	how string
}

var blindSpots = []blindSpot{
	{lazyregexp.New(`\b(types?|length|varchar|bigint|biginteger|integer|numeric|decimal|precision|text|string|char|uuid|jsonb?|timestamp|datetime|widen|narrow)\b`),
		"a type change", "autogenerate compares column types only with compare_type=True (the default since Alembic 1.12): write op.alter_column(table, column, type_=..., existing_type=...)"},
	{lazyregexp.New(`\b(server[ _]default|defaults?)\b`),
		"a server default", "autogenerate compares server defaults only with compare_server_default=True: write op.alter_column(table, column, server_default=...)"},
	{lazyregexp.New(`\bcheck[ _-]?(constraints?|clause)\b|\bck_\w+`),
		"a CHECK constraint", "autogenerate does not compare CHECK constraints: write op.create_check_constraint(...)"},
	{lazyregexp.New(`\b(enums?|choices|values?)\b`),
		"enum values", "autogenerate does not compare the values of an Enum: write ALTER TYPE ... ADD VALUE (PostgreSQL) or op.alter_column with the new Enum"},
	{lazyregexp.New(`\b(sequences?|triggers?|views?|functions?|procedures?|extensions?|partitions?|grants?|permissions?|policy|policies)\b`),
		"a sequence, view, trigger, function or grant", "autogenerate only compares tables, columns, indexes, unique and foreign key constraints: write it with op.execute(...)"},
}

// EmptyAutogenerate explains an empty revision whose message names a
// change that autogenerate cannot see. It replaces ML506 on that line.
var EmptyAutogenerate = &lint.Rule{
	ID: "ML509", Name: "empty-autogenerate", Severity: lint.SeverityInfo, Since: "0.2.0",
	Supersedes: []string{"ML506"},
	Title:      "an empty revision whose message names a change that autogenerate does not detect",
	Doc: lint.Doc{
		Problem: "`alembic revision --autogenerate -m \"change price to numeric\"` writes an empty revision when the " +
			"change is one autogenerate does not detect: a column type without compare_type (before Alembic 1.12 it is " +
			"off), a server default without compare_server_default, a CHECK constraint, Enum values, sequences, views, " +
			"triggers, functions, grants. Committed as it is, the revision records the change as done while the " +
			"database never gets it.",
		Solution: "Write the operation by hand in the revision (and its inverse in downgrade), or turn on the comparison " +
			"in env.py (context.configure(compare_type=True, compare_server_default=True)) and generate it again.",
		Example: `
"""change price to numeric

Revision ID: 5e6f7a8b9c0d
Revises:
Create Date: 2026-09-01 10:12:03.120345

"""
from alembic import op
import sqlalchemy as sa

revision = "5e6f7a8b9c0d"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("products", "price", type_=sa.Numeric(10, 2), existing_type=sa.Float())


def downgrade():
    op.alter_column("products", "price", type_=sa.Float(), existing_type=sa.Numeric(10, 2))
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		if !r.HasID || len(r.DownRevisions) > 1 || !r.Upgrade.Defined || !r.Upgrade.Empty || r.Downgrade.Defined && !r.Downgrade.Empty {
			return
		}
		msg := strings.ToLower(r.Message)
		for _, b := range blindSpots {
			if b.words.MatchString(msg) {
				p.Report(r, r.Upgrade.Span,
					fmt.Sprintf("the revision is empty but its message %q names %s, which autogenerate does not detect", r.Message, b.kind),
					b.how)
				return
			}
		}
	},
}
