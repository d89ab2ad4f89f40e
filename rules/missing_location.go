package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingLocation reports a script or version location that does not
// exist.
var MissingLocation = &lint.Rule{
	ID: "ML705", Name: "missing-location", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "script_location or a version location does not exist, or exists only from one working directory",
	Doc: lint.Doc{
		Problem: "The configuration names a directory that is not there. Alembic fails with \"Path doesn't exist\" " +
			"(script_location) or silently finds no revisions in a missing version location, so revisions kept " +
			"there never run. It happens after moving the migrations directory, and with relative paths: Alembic " +
			"resolves a relative script_location or version location from the directory the command runs in, not " +
			"from the configuration's, so `script_location = migrations` works from one directory only (a laptop " +
			"runs alembic beside alembic.ini, CI from the repository root).",
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
		help := "fix the path; write it as %(here)s/... so that it does not depend on the current directory"
		for _, loc := range cfg.Locations {
			if loc.Outside {
				// Not looked at: whether it exists is the runner's
				// secret. The loader names it as not read.
				continue
			}
			s := loc.Setting
			raw := strings.TrimSpace(s.Raw)
			switch {
			case !loc.Relative:
				if !loc.Exists {
					p.ReportFile(s.File, "", s.Span, fmt.Sprintf("%s names %s, which does not exist", s.Key, p.Project.Rel(loc.Path)), help)
				}
			case loc.WorkDir == loc.ConfigDir:
				if !loc.Exists {
					p.ReportFile(s.File, "", s.Span, fmt.Sprintf("%s names %s, which does not exist", s.Key, p.Project.Rel(loc.Path)), help)
				}
			case !loc.FromWorkDir && !loc.FromConfigDir:
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s names %s, which exists neither from the directory Alembic runs in (., where this runs) nor from the configuration's (%s)", s.Key, raw, relFrom(loc.WorkDir, loc.ConfigDir)), help)
			case loc.FromConfigDir && !loc.FromWorkDir:
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s = %s is resolved from the directory Alembic runs in: it exists from %s but not from %s, where this runs, so alembic fails here with \"Path doesn't exist\"", s.Key, raw, relFrom(loc.WorkDir, loc.ConfigDir), "."),
					fmt.Sprintf("write %s = %%(here)s/%s, which is read from the configuration's directory wherever Alembic runs", s.Key, raw))
			case loc.FromWorkDir && !loc.FromConfigDir:
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s = %s is resolved from the directory Alembic runs in: it exists from %s, where this runs, but not from %s, the configuration's directory, where alembic is usually run", s.Key, raw, ".", relFrom(loc.WorkDir, loc.ConfigDir)),
					fmt.Sprintf("write the path from the configuration's directory as %%(here)s/..., e.g. %%(here)s/%s", relFrom(loc.ConfigDir, loc.Path)))
			default:
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s = %s names a different directory depending on where Alembic runs: one from . (where this runs), another from %s", s.Key, raw, relFrom(loc.WorkDir, loc.ConfigDir)),
					help)
			}
		}
	},
}

// relFrom names path relative to dir with forward slashes when it lies
// inside it, or path itself.
func relFrom(dir, path string) string { return lint.RelativeTo(dir, path) }
