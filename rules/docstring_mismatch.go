package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DocstringMismatch reports a docstring that contradicts the variables.
var DocstringMismatch = &lint.Rule{
	ID: "ML109", Name: "docstring-mismatch", Severity: lint.SeverityInfo, Since: "0.1.0", OptIn: true,
	Title: "docstring Revision ID / Revises disagree with the variables",
	Doc: lint.Doc{
		Problem: "Alembic's template writes `Revision ID:` and `Revises:` into the docstring. After a rebase or a " +
			"copied file, the variables were updated but the docstring was not; readers trust the docstring and " +
			"get the graph wrong. Alembic itself only reads the variables.",
		Solution: "Update the docstring to match `revision` and `down_revision`.",
		Example: `
"""add email to users

Revision ID: 9e8d7c6b5a40
Revises: 1a2b3c4d5e6f
"""
revision = "9e8d7c6b5a40"
down_revision = "1a2b3c4d5e6f"
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		d := r.Docstring
		if !r.HasID || r.ID == "" {
			return
		}
		if d.RevisionID != "" && d.RevisionID != r.ID {
			p.Report(r, d.RevisionIDSpan,
				fmt.Sprintf("docstring says Revision ID %q but revision is %q", d.RevisionID, r.ID),
				fmt.Sprintf("change the docstring line to `Revision ID: %s`", r.ID))
		}
		if d.HasRevises && !sameSet(d.Revises, r.DownRevisions) {
			want := strings.Join(r.DownRevisions, ", ")
			p.Report(r, d.RevisesSpan,
				fmt.Sprintf("docstring says Revises %q but down_revision is %q", strings.Join(d.Revises, ", "), want),
				fmt.Sprintf("change the docstring line to `Revises: %s`", want))
		}
	},
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
