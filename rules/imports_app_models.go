package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// migrationLibraries are third-party packages that define column types
// and DDL helpers: revisions import them by design (autogenerate writes
// such imports itself).
var migrationLibraries = map[string]bool{
	"alembic": true, "sqlalchemy": true, "sqlalchemy_utils": true, "geoalchemy2": true, "sqlmodel": true,
	"alembic_utils": true, "alembic_postgresql_enum": true, "pgvector": true, "citext": true, "typing_extensions": true,
	"psycopg2": true, "psycopg": true, "pymysql": true, "mysqlclient": true, "MySQLdb": true, "asyncpg": true,
}

// ImportsAppModels reports revisions that import application code.
var ImportsAppModels = &lint.Rule{
	ID: "ML407", Name: "imports-app-models", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "revision imports application code (models) that will change later",
	Doc: lint.Doc{
		Problem: "A revision runs against the schema as it was when it was written, but imported models are " +
			"today's: once a later release renames a column or deletes the model, the old revision fails to " +
			"import or writes the wrong columns, and a fresh database can no longer be built from the history.",
		Solution: "Describe the tables the revision needs inline with sa.table()/sa.column() (or copy the few " +
			"definitions it needs), and import only alembic, sqlalchemy and the standard library.",
		Example: `
users = sa.table("users", sa.column("id", sa.Integer), sa.column("status", sa.String))

def upgrade():
    op.execute(users.update().where(users.c.status.is_(None)).values(status="active"))
`,
	},
	Run: func(p *lint.Pass) {
		setup := p.Project.Setup
		if setup == nil {
			return
		}
		siblings := siblingModules(p.Project)
		for _, imp := range p.Revision.Imports {
			top, _, _ := strings.Cut(imp.Module, ".")
			if imp.Level > 0 || top == "" || stdlibModules[top] || migrationLibraries[top] || siblings[top] || top == "__future__" {
				continue
			}
			// Only the project's model and service layer is a hazard:
			// migration helpers, types, constants and third-party
			// packages do not change what old revisions meant.
			module, what := appModelsIn(setup, imp)
			if module == "" {
				continue
			}
			p.Report(p.Revision, imp.Span,
				fmt.Sprintf("revision imports %q (%s): the models change later, and this revision will break with them", module, what),
				"describe the tables inline with sa.table()/sa.column() instead of importing the models")
		}
	},
}

// maxNamedModels bounds the models a message lists.
const maxNamedModels = 3

// appModelsIn returns the module of an import that defines models or is
// the model or service layer, and a description of what it holds; ""
// when the import is none of that.
func appModelsIn(setup *lint.Setup, imp lint.Import) (string, string) {
	candidates := []string{imp.Module}
	for _, n := range imp.Names {
		candidates = append(candidates, imp.Module+"."+n)
	}
	for _, name := range candidates {
		m, ok := setup.Modules[name]
		if !ok {
			continue
		}
		// `from m import a, b` is about a and b: the module's other
		// classes (a settings model beside a constant) do not matter.
		models := m.Models
		if name == imp.Module && len(imp.Names) > 0 {
			models = intersect(models, imp.Names)
		}
		switch {
		case len(models) > 0:
			list := strings.Join(models[:min(len(models), maxNamedModels)], ", ")
			if len(models) > maxNamedModels {
				list += fmt.Sprintf(" and %d more", len(models)-maxNamedModels)
			}
			return name, "models " + list
		case m.ModelLayer:
			return name, "the application's model or service layer"
		}
	}
	return "", ""
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// siblingModules are helper modules kept beside the revisions (files in
// the version locations that are not revisions), which revisions may
// import.
func siblingModules(p *lint.Project) map[string]bool {
	return lint.Derived(p, siblingsKey{}, func() map[string]bool { return nonRevisionModules(p) })
}

// siblingsKey keys siblingModules' answer (lint.Derived); callers only
// read the map.
type siblingsKey struct{}

func nonRevisionModules(p *lint.Project) map[string]bool {
	out := map[string]bool{}
	for _, r := range p.Revisions {
		if !r.HasID {
			name := r.File[strings.LastIndexAny(r.File, `/\`)+1:]
			out[strings.TrimSuffix(name, ".py")] = true
		}
	}
	return out
}
