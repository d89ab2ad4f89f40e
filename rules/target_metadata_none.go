package rules

import "github.com/migrate-lint/migrate-lint/lint"

// TargetMetadataNone reports env.py left with the template's
// `target_metadata = None`.
var TargetMetadataNone = &lint.Rule{
	ID: "ML701", Name: "target-metadata-none", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "env.py sets target_metadata = None, so autogenerate sees no models",
	Doc: lint.Doc{
		Problem: "`alembic init` writes `target_metadata = None` into env.py. With it, `alembic revision " +
			"--autogenerate` compares the database with no models at all: it writes empty revisions (\"No changes " +
			"in schema detected\") or, against a populated database, revisions that drop every table.",
		Solution: "Point target_metadata at your models' MetaData, and import the modules that define the models so that their tables are registered.",
		Example: `
# env.py
from myapp.db import Base
import myapp.models  # noqa: F401  registers every model on Base.metadata

target_metadata = Base.metadata
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Env == nil || cfg.Env.TargetMetadata == nil {
			return
		}
		if cfg.Env.TargetMetadata.Value.Kind != lint.KindNone {
			return
		}
		p.ReportFile(cfg.Env.File, "", cfg.Env.TargetMetadata.Span,
			"target_metadata is None: autogenerate compares the database with no models and writes empty revisions",
			"set target_metadata = Base.metadata (your declarative base) and import the model modules in env.py")
	},
}
