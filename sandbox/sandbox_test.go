package sandbox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load"
)

// need returns an environment value a test requires. Without it the test
// is skipped on a developer's machine and fails in CI, where .ci/run must
// have provided it.
func need(t *testing.T, name, how string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: %s", name, how)
		}
		t.Skipf("%s is not set: %s", name, how)
	}
	return v
}

func python(t *testing.T) string {
	return need(t, "MIGRATE_LINT_TEST_PYTHON", `run eval "$(scripts/start-test-servers)"`)
}

// image returns a test image, which must have been built.
func image(t *testing.T, envName, fallback string) string {
	t.Helper()
	img := os.Getenv(envName)
	if img == "" {
		img = fallback
	}
	if err := exec.Command("docker", "image", "inspect", img).Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("image %s is missing: run scripts/build-test-images", img)
		}
		t.Skipf("image %s is missing: run scripts/build-test-images", img)
	}
	return img
}

// loadProject reads a test project the way the command does.
func loadProject(t *testing.T, name string) (*lint.Project, Options) {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("testdata", name))
	o := optionsFor(t, dir)
	return o.Project, o
}

// optionsFor loads the project in dir (its alembic.ini).
func optionsFor(t *testing.T, dir string) Options {
	t.Helper()
	l, err := load.Load(context.Background(), load.Request{Dir: dir, Path: "alembic.ini"})
	if err != nil {
		t.Fatal(err)
	}
	p := l.Project
	return Options{
		Project: p, Targets: p.Revisions, Python: python(t), Dir: l.Layout.Root, ConfigFile: l.Layout.ConfigFile,
		Dialect: l.Config.Dialect, DialectAssumed: l.Config.DialectAssumed, StepTimeout: time.Minute,
	}
}

// findings renders diagnostics as "ID revision: message" lines.
func findings(ds []lint.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Rule+" "+d.Revision+": "+d.Message)
	}
	return strings.Join(out, "\n")
}

func statuses(res *Result) string {
	var out []string
	for _, r := range res.Revisions {
		out = append(out, r.Revision+"="+r.Status)
	}
	return strings.Join(out, " ")
}

// noLeftovers fails when a sandbox database or container survived.
func noLeftovers(t *testing.T, admin string) {
	t.Helper()
	if admin != "" {
		u, err := parseURL(admin)
		if err != nil {
			t.Fatal(err)
		}
		db, err := openDB(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		// Only this process's databases: other test packages may be using
		// the same server at the same time.
		prefix := ProcessPrefix(os.Getpid()) + "%"
		q := "SELECT count(*) FROM pg_database WHERE datname LIKE $1"
		if u.Dialect() != lint.PostgreSQL {
			q = "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE ?"
		}
		var n int
		if err := db.QueryRow(q, prefix).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d sandbox databases left on the server", n)
		}
	}
	out, err := exec.Command("docker", "ps", "-aq", "--filter", fmt.Sprintf("label=%s=%d", ContainerLabel, os.Getpid())).Output()
	if err == nil && strings.TrimSpace(string(out)) != "" {
		t.Errorf("sandbox containers left: %s", out)
	}
}

func TestCleanProjectOnServers(t *testing.T) {
	for _, server := range []struct {
		env     string
		dialect lint.Dialect
	}{
		{"MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL},
		{"MIGRATE_LINT_TEST_MARIADB_URL", lint.MariaDB},
	} {
		t.Run(string(server.dialect), func(t *testing.T) {
			res, url := runOnServer(t, "clean", server.env, server.dialect)
			// A healthy project: nothing fails; on PostgreSQL, ADD COLUMN is
			// measured holding ACCESS EXCLUSIVE (ML606), nothing else.
			want := ""
			if server.dialect == lint.PostgreSQL {
				want = `ML606 b2: upgrade held ACCESS EXCLUSIVE on existing table "public.items" from: ALTER TABLE items ADD COLUMN price NUMERIC(10, 2)`
			}
			if got := findings(res.Diagnostics); got != want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, want)
			}
			if got := statuses(res); got != "a1=ok b2=ok c3=ok d4=ok e5=ok" {
				t.Errorf("statuses %s", got)
			}
			for _, r := range res.Revisions {
				if r.UpgradeMs <= 0 || r.DowngradeMs <= 0 || r.ReupgradeMs <= 0 {
					t.Errorf("%s: times not measured: %+v", r.Revision, r)
				}
			}
			noLeftovers(t, url)
		})
	}
}

// runOnServer runs a test project on the server named by an environment
// variable and returns the result and the server's URL.
func runOnServer(t *testing.T, project, env string, dialect lint.Dialect) (*Result, string) {
	t.Helper()
	url := need(t, env, `run eval "$(scripts/start-test-servers)"`)
	_, o := loadProject(t, project)
	o.DatabaseURL, o.Dialect = url, dialect
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return res, url
}

// wantFindings fails for each expected line missing from the findings.
func wantFindings(t *testing.T, res *Result, wants ...string) string {
	t.Helper()
	got := findings(res.Diagnostics)
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	return got
}

func TestFaultsOnPostgresServer(t *testing.T) {
	res, url := runOnServer(t, "faults", "MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL)
	wantFindings(t, res,
		`ML604 b2: type "item_kind" is left behind by downgrade`,
		`ML603 b2: upgrade after downgrade failed: type "item_kind" already exists (SQLSTATE 42710) in: CREATE TYPE item_kind AS ENUM ('book', 'film')`,
		`ML602 c3: downgrade failed: column "no_such_column" of relation "items" does not exist (SQLSTATE 42703) in: ALTER TABLE items DROP COLUMN no_such_column`,
		`ML601 d4: upgrade failed: type "item_status" does not exist (SQLSTATE 42704) in: ALTER TABLE items ADD COLUMN status item_status`,
	)
	u, _ := parseURL(url)
	if s := statuses(res); s != "a1=ok b2=reupgrade-failed c3=downgrade-failed d4=upgrade-failed e5=ok" {
		t.Errorf("statuses %s", s)
	}
	for _, d := range res.Diagnostics {
		// The failing statement's line comes from the driver's traceback.
		if d.Rule == "ML601" && d.Span.Line != 18 || d.Rule == "ML602" && d.Span.Line != 22 {
			t.Errorf("%s at line %d", d.Rule, d.Span.Line)
		}
		if strings.Contains(d.Message+d.Help, u.Password()) {
			t.Errorf("password in message: %s", d.Message)
		}
	}
	noLeftovers(t, url)
}

func TestMeasuredLocksAndRewrites(t *testing.T) {
	res, url := runOnServer(t, "effects", "MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL)
	got := wantFindings(t, res,
		`ML605 b2: upgrade rewrote existing table "public.items" (its storage was replaced) in: ALTER TABLE items ALTER COLUMN qty TYPE BIGINT`,
		`ML606 b2: upgrade held ACCESS EXCLUSIVE on existing table "public.items" from: ALTER TABLE items ALTER COLUMN qty TYPE BIGINT`,
		`ML606 c3: upgrade held ACCESS EXCLUSIVE on existing table "public.items" from: ALTER TABLE items ADD COLUMN note TEXT`,
	)
	// Adding a nullable column takes the lock but does not rewrite.
	if strings.Contains(got, "ML605 c3") || strings.Contains(got, "ML605 a1") || strings.Contains(got, "ML606 a1") {
		t.Errorf("unexpected effects:\n%s", got)
	}
	noLeftovers(t, url)
}

func TestHalfAppliedOnMariaDBServer(t *testing.T) {
	res, url := runOnServer(t, "mysql_half", "MIGRATE_LINT_TEST_MARIADB_URL", lint.MariaDB)
	wantFindings(t, res, "ML601 b2: upgrade failed: Key column 'no_such_column' doesn't exist in table (errno 1072)")
	noLeftovers(t, url)
}

func TestTimeoutAndInterrupt(t *testing.T) {
	url := need(t, "MIGRATE_LINT_TEST_POSTGRES_URL", `run eval "$(scripts/start-test-servers)"`)
	_, o := loadProject(t, "slow")
	o.DatabaseURL, o.Dialect, o.StepTimeout = url, lint.PostgreSQL, 2*time.Second
	start := time.Now()
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(res.Diagnostics); !strings.Contains(got, "ML607 b2: upgrade failed: the step ran longer than 2s and was stopped") {
		t.Errorf("findings:\n%s", got)
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("the timeout did not stop the step: %s", time.Since(start))
	}
	noLeftovers(t, url)

	// Interrupt (Ctrl-C cancels the context) in the middle of the slow
	// step: as soon as the server runs its pg_sleep.
	o.StepTimeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	sleeping := make(chan error, 1)
	go func() {
		sleeping <- waitForStatement(ctx, url, ProcessPrefix(os.Getpid()), "pg_sleep", 30*time.Second)
		cancel()
	}()
	if _, err := Run(ctx, o); err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("interrupted run: %v", err)
	}
	if err := <-sleeping; err != nil {
		t.Errorf("the slow step was never seen running: %v", err)
	}
	noLeftovers(t, url)
}

func TestContainers(t *testing.T) {
	for _, c := range []struct {
		dialect       lint.Dialect
		env, fallback string
	}{
		{lint.PostgreSQL, "MIGRATE_LINT_TEST_POSTGRES_IMAGE", "migrate-lint-test/postgres:15"},
		{lint.MariaDB, "MIGRATE_LINT_TEST_MARIADB_IMAGE", "migrate-lint-test/mariadb:10.11"},
	} {
		t.Run(string(c.dialect), func(t *testing.T) {
			img := image(t, c.env, c.fallback)
			project := "clean"
			if c.dialect == lint.PostgreSQL {
				project = "faults"
			}
			_, o := loadProject(t, project)
			o.Dialect, o.Image = c.dialect, img
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if res.ContainerReady <= 0 || !strings.Contains(res.Provider, img) {
				t.Errorf("provider %q ready %s", res.Provider, res.ContainerReady)
			}
			got := findings(res.Diagnostics)
			if c.dialect == lint.PostgreSQL && !strings.Contains(got, `ML604 b2: type "item_kind" is left behind by downgrade`) {
				t.Errorf("findings:\n%s", got)
			}
			if c.dialect == lint.MariaDB && got != "" {
				t.Errorf("findings:\n%s", got)
			}
			noLeftovers(t, "")
		})
	}
}

// waitForStatement polls a PostgreSQL server until a database whose name
// starts with prefix runs a statement containing text, or the deadline
// passes. Tests use it to act while a step is really running, instead of
// sleeping and hoping.
func waitForStatement(ctx context.Context, adminURL, prefix, text string, within time.Duration) error {
	u, err := parseURL(adminURL)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, u)
	if err != nil {
		return err
	}
	defer db.Close()
	deadline := time.Now().Add(within)
	for {
		var n int
		err := db.QueryRowContext(ctx,
			"SELECT count(*) FROM pg_stat_activity WHERE datname LIKE $1 AND state = 'active' AND strpos(query, $2) > 0 AND pid <> pg_backend_pid()",
			prefix+"%", text).Scan(&n)
		switch {
		case err != nil:
			return err
		case n > 0:
			return nil
		case time.Now().After(deadline):
			return fmt.Errorf("no statement with %q ran in a %s* database within %s", text, prefix, within)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
