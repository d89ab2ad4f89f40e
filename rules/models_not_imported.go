package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ModelsNotImported reports model modules of target_metadata's base that
// env.py never imports, directly or through the modules it imports.
var ModelsNotImported = &lint.Rule{
	ID: "ML706", Name: "models-not-imported", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "env.py never imports some of the modules that define its models",
	Doc: lint.Doc{
		Problem: "A model's table joins `Base.metadata` only when the module defining the class is imported. " +
			"When env.py (directly, or through the modules and package `__init__` files it imports) never imports a " +
			"model module, autogenerate does not see that module's tables: it writes a revision that drops them from " +
			"the database, or never creates them. Abstract bases and mixins count through the classes that use them.",
		Solution: "Import every model module in env.py, or import them in the package `__init__.py` that env.py imports.",
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
		if cfg == nil || cfg.Env == nil || cfg.Env.TargetMetadata == nil || cfg.Models == nil || cfg.Env.TargetIsBase {
			return
		}
		env := cfg.Env
		tables := map[string][]string{}
		for _, b := range cfg.Models.Bases {
			if !b.InTarget {
				continue
			}
			for _, m := range b.Models {
				if m.OwnTable {
					name := m.Table
					if name == "" {
						name = "of " + m.Class
					}
					tables[m.Module] = append(tables[m.Module], name)
				}
			}
		}
		var missing []string
		for _, m := range env.ModelModules {
			if !slices.Contains(env.ImportedModules, m) {
				missing = append(missing, m)
			}
		}
		if len(missing) == 0 {
			return
		}
		var parts []string
		for _, m := range missing {
			parts = append(parts, fmt.Sprintf("%s (table %s)", m, strings.Join(quotedTables(tables[m]), ", ")))
		}
		subject := fmt.Sprintf("env.py never imports %s", strings.Join(parts, ", "))
		if len(missing) > 1 {
			subject = fmt.Sprintf("env.py never imports %d of the %d modules defining models on %s: %s", len(missing), len(env.ModelModules), env.MetadataOwner, strings.Join(parts, ", "))
		}
		p.ReportFile(env.File, "", env.TargetMetadata.Span,
			subject+": autogenerate does not see these tables and will propose dropping them",
			fmt.Sprintf("add `import %s  # noqa: F401` to env.py (one line per model module), or import them in a package __init__.py that env.py imports", missing[0]))
	},
}

// quotedTables quotes table names, leaving "of Class" (a computed name)
// as it is.
func quotedTables(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if strings.HasPrefix(n, "of ") || strings.HasPrefix(n, "and ") {
			out[i] = n
		} else {
			out[i] = fmt.Sprintf("%q", n)
		}
	}
	return out
}
