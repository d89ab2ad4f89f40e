package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ModelsNotImported reports env.py taking target_metadata from a
// declarative base whose model modules it never imports.
var ModelsNotImported = &lint.Rule{
	ID: "ML706", Name: "models-not-imported", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "env.py never imports the modules that define its models",
	Doc: lint.Doc{
		Problem: "A model's table joins `Base.metadata` only when the module defining the class is imported. " +
			"env.py imports Base but none of the model modules, so autogenerate sees an empty MetaData: it reports " +
			"\"No changes in schema detected\" or writes a revision that drops the tables.",
		Solution: "Import the model modules in env.py, or import them in the package `__init__.py` that env.py imports.",
		Example: `
# env.py
from myapp.db import Base
import myapp.models.user  # noqa: F401
import myapp.models.order  # noqa: F401

target_metadata = Base.metadata
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Env == nil || cfg.Env.TargetMetadata == nil || len(cfg.Env.ModelModules) == 0 {
			return
		}
		env := cfg.Env
		for _, m := range env.ModelModules {
			if slices.Contains(env.ImportedModules, m) {
				return
			}
		}
		p.ReportFile(env.File, "", env.TargetMetadata.Span,
			fmt.Sprintf("target_metadata comes from %s (%s), but env.py imports none of the modules defining its models (%s): autogenerate will not see their tables",
				env.MetadataOwner, env.OwnerModule, strings.Join(env.ModelModules, ", ")),
			fmt.Sprintf("add `import %s  # noqa: F401` to env.py (one line per model module)", env.ModelModules[0]))
	},
}
