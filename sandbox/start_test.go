package sandbox

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// alembicAccepts runs the real alembic command line on a project, as a
// user would, and reports whether it could read the configuration.
func alembicAccepts(t *testing.T, dir string) (bool, string) {
	t.Helper()
	cmd := exec.Command(python(t), "-m", "alembic", "-c", "alembic.ini", "heads")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return err == nil, string(out)
}

// TestTemplateIni: the alembic.ini that `alembic init` writes (Alembic
// 1.5 to 1.15), with `version_path_separator = os  # Use os.pathsep. ...`,
// starts, because the sandbox lets Alembic read the locations as its
// command line does. With version_locations set too, the command line
// refuses the separator, and so does the sandbox, with Alembic's words.
func TestTemplateIni(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("testdata", "template_ini"))
	if ok, out := alembicAccepts(t, dir); !ok {
		t.Fatalf("alembic itself refuses the template: %s", out)
	}
	res, url := runOnServer(t, "template_ini", "MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL)
	if got := statuses(res); got != "a1=ok" || len(res.Diagnostics) != 0 {
		t.Errorf("statuses %s, findings:\n%s", got, findings(res.Diagnostics))
	}
	noLeftovers(t, url)

	// The same project with version_locations set.
	copyDir := t.TempDir()
	if out, err := exec.Command("cp", "-r", dir+"/.", copyDir).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	ini := filepath.Join(copyDir, "alembic.ini")
	data, _ := os.ReadFile(ini)
	data = []byte(strings.Replace(string(data), "# version_locations = %(here)s/bar:%(here)s/bat:%(here)s/migrations/versions",
		"version_locations = %(here)s/migrations/versions", 1))
	if err := os.WriteFile(ini, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, _ := alembicAccepts(t, copyDir); ok {
		t.Fatal("alembic accepts the separator with a comment once version_locations is set: the premise of this test is gone")
	}
	o := optionsFor(t, copyDir)
	o.DatabaseURL = url
	if _, err := Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "is not a valid value for version_path_separator") {
		t.Errorf("version_locations with the commented separator: %v", err)
	}
	noLeftovers(t, url)
}

// TestEnvErrors: a broken env.py, or a model module env.py cannot import,
// is reported on that file at the traceback's line, once, with how Alembic
// finds modules; no revision is blamed.
func TestEnvErrors(t *testing.T) {
	for _, c := range []struct {
		project, file string
		line          int
		message, help string
	}{
		{"env_syntax", "migrations/env.py", 14,
			"env.py failed, so no revision could run: expected ':' (line 14) (SyntaxError)",
			"fix the syntax error"},
		{"env_import", "migrations/env.py", 4,
			"env.py failed, so no revision could run: No module named 'app' (ModuleNotFoundError)",
			"alembic.ini sets no prepend_sys_path, so Python looks for \"app\" only in the interpreter's own path"},
		{"model_broken", "app/models.py", 4,
			"app/models.py failed while env.py imported it (env.py line 4: from app.models import Base), so no revision could run: No module named 'geoalchemy2' (ModuleNotFoundError)",
			"Alembic puts prepend_sys_path \".\""},
	} {
		t.Run(c.project, func(t *testing.T) {
			res, url := runOnServer(t, c.project, "MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL)
			if len(res.Diagnostics) != 1 {
				t.Fatalf("findings:\n%s", findings(res.Diagnostics))
			}
			d := res.Diagnostics[0]
			dir, _ := filepath.Abs(filepath.Join("testdata", c.project))
			if d.Rule != lint.UpgradeFailedID || d.File != filepath.Join(dir, c.file) || d.Span.Line != c.line || d.Revision != "" {
				t.Errorf("finding %s at %s:%d (revision %q)", d.Rule, d.File, d.Span.Line, d.Revision)
			}
			if d.Message != c.message || !strings.Contains(d.Help, c.help) {
				t.Errorf("message %q\nhelp %q", d.Message, d.Help)
			}
			if got := statuses(res); got != "a1=upgrade-failed b2=not-run" {
				t.Errorf("statuses %s", got)
			}
			noLeftovers(t, url)
		})
	}
}

// TestOfflineSQL: a revision that reads rows breaks `upgrade --sql`; its
// offline-safe twin does not. Both pass online.
func TestOfflineSQL(t *testing.T) {
	url := need(t, "MIGRATE_LINT_TEST_POSTGRES_URL", `run eval "$(scripts/start-test-servers)"`)
	_, o := loadProject(t, "offline")
	o.DatabaseURL, o.Dialect, o.OfflineSQL = url, lint.PostgreSQL, true
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	got := located(res.Diagnostics, lint.OfflineSQLID)
	if got != "b2_slugs_from_rows.py:20: upgrade --sql (offline mode) fails: 'NoneType' object has no attribute 'fetchall' (AttributeError)" {
		t.Errorf("ML609 findings:\n%s", got)
	}
	if s := statuses(res); s != "a1=ok b2=ok c3=ok" {
		t.Errorf("statuses %s", s)
	}
	for _, r := range res.Revisions {
		if r.OfflineMs <= 0 {
			t.Errorf("%s: offline SQL not timed", r.Revision)
		}
	}
	noLeftovers(t, url)
}

// TestDialectMismatch: a project configured for MySQL is refused a
// PostgreSQL database, before anything is created.
func TestDialectMismatch(t *testing.T) {
	url := need(t, "MIGRATE_LINT_TEST_POSTGRES_URL", `run eval "$(scripts/start-test-servers)"`)
	_, o := loadProject(t, "clean")
	o.DatabaseURL, o.Dialect, o.DialectAssumed = url, lint.MySQL, false
	_, err := Run(context.Background(), o)
	if err == nil || err.Error() != "the project targets MySQL; --database-url is PostgreSQL: give the sandbox a MySQL database, or correct the project's dialect" {
		t.Errorf("error %v", err)
	}
	o.DatabaseURL, o.Image = "", "postgres:16"
	if _, err := Run(context.Background(), o); err == nil || !strings.HasPrefix(err.Error(), "the project targets MySQL; --image postgres:16 is PostgreSQL") {
		t.Errorf("error %v", err)
	}
	// MariaDB is MySQL's family: no refusal there.
	if d, err := databaseDialect(Options{Dialect: lint.MySQL, DatabaseURL: "mysql+pymysql://u:p@localhost/db"}); err != nil || d != lint.MySQL {
		t.Errorf("mysql project on a mysql URL: %s %v", d, err)
	}
	noLeftovers(t, url)
}
