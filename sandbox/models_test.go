package sandbox

import (
	"context"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// runModels runs a test project with the models compared.
func runModels(t *testing.T, project, env string, dialect lint.Dialect) *Result {
	t.Helper()
	url := need(t, env, `run eval "$(scripts/start-test-servers)"`)
	_, o := loadProject(t, project)
	o.DatabaseURL, o.Dialect, o.Models = url, dialect, true
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	noLeftovers(t, url)
	return res
}

// located renders the findings of one rule as "file:line: message".
func located(ds []lint.Diagnostic, rule string) string {
	var out []string
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, filepath.Base(d.File)+":"+strconv.Itoa(d.Span.Line)+": "+d.Message)
		}
	}
	return strings.Join(out, "\n")
}

func TestModelsOnServers(t *testing.T) {
	for _, server := range []struct {
		env     string
		dialect lint.Dialect
	}{
		{"MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL},
		{"MIGRATE_LINT_TEST_MARIADB_URL", lint.MariaDB},
	} {
		t.Run(string(server.dialect), func(t *testing.T) {
			// In sync: the same columns, types and server defaults; the
			// legacy_ table the models leave out is excluded by env.py's
			// include_object.
			sync := runModels(t, "models_sync", server.env, server.dialect)
			if got := located(sync.Diagnostics, lint.ModelDriftID); got != "" || len(sync.Notices) > 0 {
				t.Errorf("models in sync: findings\n%s\nnotices %v", got, sync.Notices)
			}
			// Both ways, on the model's lines: a column only the models
			// have, a column only a revision creates (on the class, naming
			// the revision), a type and a server default that differ.
			drift := runModels(t, "models_drift", server.env, server.dialect)
			want := strings.Join([]string{
				`models.py:10: column "users.email" is VARCHAR(200) in the models but VARCHAR(120) in the database after the revisions`,
				`models.py:11: models define column "users.phone", but no revision creates it`,
				`models.py:14: revision b2 (migrations/versions/b2_order_note.py) creates column "orders.note", but no model has it`,
				`models.py:18: column "orders.total" has server default '1' in the models but server default '0' in the database after the revisions`,
			}, "\n")
			if got := sortedLines(located(drift.Diagnostics, lint.ModelDriftID)); got != want {
				t.Errorf("drift findings:\n%s\nwant:\n%s", got, want)
			}
			if strings.Contains(findings(drift.Diagnostics), "legacy_audit") {
				t.Errorf("include_object was not respected:\n%s", findings(drift.Diagnostics))
			}
		})
	}
}

// TestModelsWithoutTargetMetadata: env.py with target_metadata = None gets
// a notice, not a finding.
func TestModelsWithoutTargetMetadata(t *testing.T) {
	res := runModels(t, "clean", "MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL)
	if got := located(res.Diagnostics, lint.ModelDriftID); got != "" {
		t.Errorf("findings without target_metadata:\n%s", got)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "env.py gives no target_metadata, so the models were not compared") {
		t.Errorf("notices %q", res.Notices)
	}
}

func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
