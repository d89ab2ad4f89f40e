package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TargetMetadataNone reports env.py's target_metadata giving autogenerate
// no models: the template's None, an empty MetaData(), or the declarative
// base class where its .metadata belongs.
var TargetMetadataNone = &lint.Rule{
	ID: "ML701", Name: "target-metadata-none", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "env.py's target_metadata gives autogenerate no models (None, an empty MetaData(), or Base instead of Base.metadata)",
	Doc: lint.Doc{
		Problem: "`alembic init` writes `target_metadata = None` into env.py, and `alembic revision --autogenerate` then " +
			"stops with \"Can't proceed with --autogenerate option; environment script env.py does not provide a MetaData " +
			"object or sequence of objects to the context\". Two look-alikes are worse: `target_metadata = MetaData()` is " +
			"a new, empty collection, so autogenerate compares the database with no tables and writes a revision that drops " +
			"every table; `target_metadata = Base` hands over the declarative class instead of its MetaData, and " +
			"autogenerate fails with an AttributeError (a class has no `sorted_tables`).",
		Solution: "Point target_metadata at your models' MetaData (`Base.metadata`, or a list of them), and import the modules that define the models so that their tables are registered.",
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
		env := cfg.Env
		v := env.TargetMetadata.Value
		switch {
		case v.Kind == lint.KindNone:
			p.ReportFile(env.File, "", env.TargetMetadata.Span,
				"target_metadata is None: `alembic revision --autogenerate` stops with \"Can't proceed with --autogenerate option\"",
				"set target_metadata = Base.metadata (your declarative base) and import the model modules in env.py")
		case v.Kind == lint.KindCall && v.CalleeName() == "MetaData" && len(v.Args) == 0 && !env.TargetMetadataUsed:
			p.ReportFile(env.File, "", env.TargetMetadata.Span,
				"target_metadata is a new, empty MetaData(): autogenerate compares the database with no tables and writes a revision that drops every table",
				"set target_metadata to the MetaData your models use (Base.metadata), not a new one")
		case env.TargetIsBase:
			p.ReportFile(env.File, "", env.TargetMetadata.Span,
				fmt.Sprintf("target_metadata is the declarative class %s, not its MetaData: autogenerate fails with an AttributeError", v.Text),
				fmt.Sprintf("write target_metadata = %s.metadata", v.Text))
		}
	},
}
