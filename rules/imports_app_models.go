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
		siblings := siblingModules(p.Project)
		for _, imp := range p.Revision.Imports {
			top, _, _ := strings.Cut(imp.Module, ".")
			if imp.Level > 0 || top == "" || stdlibModules[top] || migrationLibraries[top] || siblings[top] || top == "__future__" {
				continue
			}
			p.Report(p.Revision, imp.Span,
				fmt.Sprintf("revision imports %q: application code changes later, and this revision will break with it", imp.Module),
				"describe the tables inline with sa.table()/sa.column() instead of importing the models")
		}
	},
}

// siblingModules are helper modules kept beside the revisions (files in
// the version locations that are not revisions), which revisions may
// import.
func siblingModules(p *lint.Project) map[string]bool {
	out := map[string]bool{}
	for _, r := range p.Revisions {
		if !r.HasID {
			name := r.File[strings.LastIndexAny(r.File, `/\`)+1:]
			out[strings.TrimSuffix(name, ".py")] = true
		}
	}
	return out
}
