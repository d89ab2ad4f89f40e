package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingLocation reports a script or version location that does not
// exist.
var MissingLocation = &lint.Rule{
	ID: "ML705", Name: "missing-location", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "script_location or a version location does not exist",
	Doc: lint.Doc{
		Problem: "The configuration names a directory that is not there. Alembic fails with \"Path doesn't exist\" " +
			"(script_location) or silently finds no revisions in a missing version location, so revisions kept " +
			"there never run. It happens after moving the migrations directory, or with a path relative to a " +
			"working directory that differs between a laptop and CI.",
		Solution: "Fix the path. Anchor it to the configuration file with %(here)s so that it does not depend on the current directory.",
		Example: `
[alembic]
script_location = %(here)s/migrations
version_locations = %(here)s/migrations/versions %(here)s/billing/versions
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil {
			return
		}
		for _, loc := range cfg.Locations {
			if loc.Exists {
				continue
			}
			p.ReportFile(loc.Setting.File, "", loc.Setting.Span,
				fmt.Sprintf("%s names %s, which does not exist", loc.Setting.Key, p.Project.Rel(loc.Path)),
				"fix the path; write it as %(here)s/... so that it does not depend on the current directory")
		}
	},
}
