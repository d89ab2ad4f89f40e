package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/rules"
)

// secret is content that lives outside the repository: no byte of it may
// reach what the loader returns.
const secret = "TOP_SECRET_d41d8cd98f00b204"

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

const revisionA = "revision = 'a'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"

// outsideWorld makes a directory beside the repository holding files
// with the secret in every form the loader would read.
func outsideWorld(t *testing.T, base string) string {
	out := filepath.Join(base, "outside")
	writeTree(t, out, map[string]string{
		"x.py":                      "revision = '" + secret + "'\ndown_revision = None\nsyntax error " + secret + "\n",
		"env.py":                    "from models import Base\ntarget_metadata = Base.metadata  # " + secret + "\n",
		"settings.toml":             "dialect = \"" + secret + "\"\n",
		"alembic.ini":               "[alembic]\nscript_location = migrations\n# " + secret + "\n",
		"migrations/env.py":         "# " + secret + "\n",
		"migrations/versions/b.py":  "revision = 'b'\ndown_revision = None\n# " + secret + "\n",
		"models/__init__.py":        "from .user import User  # " + secret + "\n",
		"models/user.py":            "class User(Base):\n    __tablename__ = '" + secret + "'\n",
		"versions/c.py":             "revision = 'c'\ndown_revision = 'a'\n# " + secret + "\n",
		"modules/app/__init__.py":   "# " + secret + "\n",
		"modules/app/db.py":         "class Base:\n    pass  # " + secret + "\n",
		"modules/app/models/u.py":   "from app.db import Base\nclass U(Base):\n    pass  # " + secret + "\n",
		"modules/app/models/__i.py": "",
	})
	return out
}

// TestReadsOnlyInsideTheRepository: revision files, env.py, the settings
// and the configured locations (script_location, version_locations,
// prepend_sys_path) that resolve outside the repository are not read; one
// notice names them; allow-roots lets them in.
func TestReadsOnlyInsideTheRepository(t *testing.T) {
	base, _ := filepath.EvalSymlinks(t.TempDir())
	out := outsideWorld(t, base)
	repo := filepath.Join(base, "repo")
	writeTree(t, repo, map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		"alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = . " + filepath.Join(out, "modules") + "\n" +
			"version_locations = migrations/versions " + filepath.Join(out, "versions") + "\nsqlalchemy.url = postgresql://app@db/app\n",
		"migrations/versions/a.py": revisionA,
	})
	writeTree(t, repo, map[string]string{"migrations/env.py": "from app.db import Base\nimport models\ntarget_metadata = Base.metadata\n"})
	symlink(t, filepath.Join(out, "x.py"), filepath.Join(repo, "migrations", "versions", "x.py"))
	symlink(t, filepath.Join(out, "settings.toml"), filepath.Join(repo, ".migrate-lint.toml"))
	symlink(t, filepath.Join(out, "models"), filepath.Join(repo, "models"))
	symlink(t, filepath.Join(out, "models", "user.py"), filepath.Join(repo, "user.py"))

	res, err := Load(context.Background(), Request{Dir: repo, Registry: rules.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, res)
	var notices []string
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "not read, outside") {
			notices = append(notices, n.Message)
		}
	}
	if len(notices) != 1 {
		t.Fatalf("want one notice naming what was not read, got %q", notices)
	}
	for _, name := range []string{".migrate-lint.toml", "migrations/versions/x.py", filepath.Join(out, "versions"), filepath.Join(out, "modules"), "user.py"} {
		if !strings.Contains(notices[0], name) {
			t.Errorf("the notice does not name %s: %s", name, notices[0])
		}
	}
	if len(res.Project.Revisions) != 1 || res.Config.Dialect != "postgresql" {
		t.Errorf("revisions %d dialect %s", len(res.Project.Revisions), res.Config.Dialect)
	}

	// allow-roots (in a settings file inside the repository) lets the
	// outside directory in, and says so.
	os.Remove(filepath.Join(repo, ".migrate-lint.toml"))
	writeTree(t, repo, map[string]string{".migrate-lint.toml": "allow-roots = [\"../outside\"]\n"})
	res, err = Load(context.Background(), Request{Dir: repo, Registry: rules.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Project.Revisions) != 3 {
		t.Errorf("with allow-roots: %d revisions, want a, x and c", len(res.Project.Revisions))
	}
	if env := res.Project.Setup.Env; env == nil || env.OwnerModule != "app.db" {
		t.Errorf("with allow-roots: the modules outside were not scanned: %+v", env)
	}
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "not read, outside") {
			t.Errorf("with allow-roots: %s", n.Message)
		}
	}
}

// TestEnvPyOutsideIsNotRead: env.py linked out of the repository is not
// read, and named.
func TestEnvPyOutsideIsNotRead(t *testing.T) {
	base, _ := filepath.EvalSymlinks(t.TempDir())
	out := outsideWorld(t, base)
	repo := filepath.Join(base, "repo")
	writeTree(t, repo, map[string]string{".git/HEAD": "", "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/versions/a.py": revisionA})
	symlink(t, filepath.Join(out, "env.py"), filepath.Join(repo, "migrations", "env.py"))
	res, err := Load(context.Background(), Request{Dir: repo, Registry: rules.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, res)
	if res.Project.Setup.Env != nil || len(res.Notices) == 0 || !strings.Contains(res.Notices[len(res.Notices)-1].Message, "migrations/env.py -> "+filepath.Join(out, "env.py")) {
		t.Errorf("env %+v notices %+v", res.Project.Setup.Env, res.Notices)
	}
}

// TestConfigurationOutsideIsNotRead: an alembic.ini that is a link out of
// the repository, or a script_location pointing out, stops the run with a
// message that names the path and not its content.
func TestConfigurationOutsideIsNotRead(t *testing.T) {
	base, _ := filepath.EvalSymlinks(t.TempDir())
	out := outsideWorld(t, base)
	repo := filepath.Join(base, "repo")
	writeTree(t, repo, map[string]string{".git/HEAD": "", "sub/alembic.ini": "[alembic]\nscript_location = " + filepath.Join(out, "migrations") + "\n"})
	symlink(t, filepath.Join(out, "alembic.ini"), filepath.Join(repo, "alembic.ini"))
	for _, tt := range []struct{ path, want string }{
		{"", "outside the repository"},
		{"alembic.ini", "outside the repository"},
		{"sub/alembic.ini", "are outside " + repo},
	} {
		_, err := Load(context.Background(), Request{Dir: repo, Path: tt.path, Registry: rules.Registry()})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), secret) {
			t.Errorf("%q: %v, want %q", tt.path, err, tt.want)
		}
	}
}

// TestWithoutRepositoryTheProjectDirectory: outside a git checkout the
// root is the directory of alembic.ini.
func TestWithoutRepositoryTheProjectDirectory(t *testing.T) {
	base, _ := filepath.EvalSymlinks(t.TempDir())
	out := outsideWorld(t, base)
	proj := filepath.Join(base, "proj")
	writeTree(t, proj, map[string]string{
		"alembic.ini":              "[alembic]\nscript_location = migrations\nversion_locations = migrations/versions ../outside/versions\n",
		"migrations/versions/a.py": revisionA,
	})
	symlink(t, filepath.Join(out, "x.py"), filepath.Join(proj, "migrations", "versions", "x.py"))
	res, err := Load(context.Background(), Request{Dir: base, Path: "proj/alembic.ini", Registry: rules.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, res)
	if len(res.Project.Revisions) != 1 {
		t.Errorf("%d revisions", len(res.Project.Revisions))
	}
}

func assertNoSecret(t *testing.T, res *Result) {
	t.Helper()
	for _, r := range res.Project.Revisions {
		if strings.Contains(r.ID, secret) || strings.Contains(strings.Join(r.Lines, "\n"), secret) {
			t.Errorf("%s carries content from outside", r.File)
		}
	}
	for file, lines := range res.Project.Sources {
		if strings.Contains(strings.Join(lines, "\n"), secret) {
			t.Errorf("source %s carries content from outside", file)
		}
	}
	if s := res.Project.Setup; s != nil && s.Env != nil {
		for _, m := range append(s.Env.ModelModules, s.Env.ImportedModules...) {
			if strings.Contains(m, "models") || strings.Contains(m, "app") {
				t.Errorf("a module from outside was scanned: %s", m)
			}
		}
	}
	if strings.Contains(string(res.Config.Dialect), secret) {
		t.Errorf("settings from outside were read")
	}
}
