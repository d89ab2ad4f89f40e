package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// UnanalysableFile reports revision files whose body migrate-lint did not
// analyse, so that a file cannot pass unchecked by being too big or too
// convoluted to read.
var UnanalysableFile = &lint.Rule{
	ID: "ML005", Name: "unanalysable-file", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "revision file too large or too complex to analyse",
	Doc: lint.Doc{
		Problem: "migrate-lint reads at most 4 MiB of a revision file, follows expressions at most 5,000 levels " +
			"deep, gives the parser a work budget fifty times what the densest real revision needs, and analyses " +
			"helper functions again at each call up to 1 MiB of their code per file (helpers that call each other " +
			"twice at each level would otherwise multiply without end). A file " +
			"beyond one of these bounds is not analysed: its revision metadata is still read, so the graph " +
			"checks see it, but no rule checked its operations. Real revisions are kilobytes and nest a few " +
			"levels; a file this far out is generated data or written to slip past review.",
		Solution: "Review the file by hand. Move generated data out of the revision (load it from a file the " +
			"revision opens), or split the work into several revisions.",
		Example: `
import json
from pathlib import Path

def upgrade():
    rows = json.loads((Path(__file__).parent / "data" / "countries.json").read_text())
    op.bulk_insert(countries_table, rows)
`,
	},
	Run: func(p *lint.Pass) {
		if p.Revision.Unanalysed == "" {
			return
		}
		p.Report(p.Revision, lint.LineSpan(1),
			fmt.Sprintf("this file was not analysed: %s; only its revision metadata was read, no rule checked its operations", p.Revision.Unanalysed),
			"review it by hand; move generated data out of the revision or split it into smaller revisions")
	},
}
