package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoExistenceOracleOutside: a pull request that points the
// configuration or a link at a path outside the repository learns nothing
// about whether the runner has it. For each way of naming an outside path
// (an absolute or relative script_location or version location, a
// symbolic link in the versions directory), a run naming a path that
// exists and a run naming one that does not give the same output, the
// name aside, in text and JSON: no ML705 "does not exist" for one and a
// notice for the other.
func TestNoExistenceOracleOutside(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// Two names: zq-present exists (with what a script directory
	// holds), zq-absent does not.
	there := filepath.Join(base, "zq-present")
	writeFiles(t, there, map[string]string{
		"env.py":            "target_metadata = None\n",
		"versions/a_out.py": "revision = 'out1'\ndown_revision = None\n",
		"x.py":              "revision = 'out2'\ndown_revision = None\n",
		"zqmodels.py":       "class User(Base):\n    __tablename__ = 'out3'\n",
	})
	for _, c := range []struct {
		name string
		// setup edits the repository to name the outside directory dir.
		setup func(t *testing.T, repo, dir string)
	}{
		{"absolute version location", func(t *testing.T, repo, dir string) {
			iniLine(t, repo, "version_locations = %(here)s/migrations/versions:"+filepath.Join(dir, "versions"))
		}},
		{"relative version location", func(t *testing.T, repo, dir string) {
			iniLine(t, repo, "version_locations = %(here)s/migrations/versions:../"+filepath.Base(dir)+"/versions")
		}},
		{"absolute script location", func(t *testing.T, repo, dir string) {
			replaceIn(t, filepath.Join(repo, "alembic.ini"), "script_location = %(here)s/migrations", "script_location = "+dir)
		}},
		{"relative script location", func(t *testing.T, repo, dir string) {
			replaceIn(t, filepath.Join(repo, "alembic.ini"), "script_location = %(here)s/migrations", "script_location = ../"+filepath.Base(dir))
		}},
		{"link in the versions directory", func(t *testing.T, repo, dir string) {
			if err := os.Symlink(filepath.Join(dir, "x.py"), filepath.Join(repo, "migrations", "versions", "x.py")); err != nil {
				t.Fatal(err)
			}
		}},
		{"prepend_sys_path", func(t *testing.T, repo, dir string) {
			replaceIn(t, filepath.Join(repo, "alembic.ini"), "prepend_sys_path = .", "prepend_sys_path = .:"+dir)
			writeFiles(t, repo, map[string]string{"migrations/versions/6f708192a3b4_import.py": strings.Replace(featureRevision, "import sqlalchemy as sa", "import sqlalchemy as sa\nimport zqmodels", 1)})
		}},
		{"link to a directory", func(t *testing.T, repo, dir string) {
			if err := os.Symlink(filepath.Join(dir, "versions"), filepath.Join(repo, "migrations", "versions", "more")); err != nil {
				t.Fatal(err)
			}
			iniLine(t, repo, "recursive_version_locations = true")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			outputs := map[string]string{}
			for _, name := range []string{"zq-present", "zq-absent"} {
				repo := filepath.Join(base, "repo-"+strings.ReplaceAll(c.name, " ", "-")+"-"+name)
				if err := os.MkdirAll(repo, 0o755); err != nil {
					t.Fatal(err)
				}
				copyExample(t, repo)
				c.setup(t, repo, filepath.Join(base, name))
				var all strings.Builder
				for _, format := range []string{"text", "json"} {
					stdout, stderr, code := runCLIIn(t, repo, "check", "alembic.ini", "--format", format, "--no-color", "--no-cache")
					all.WriteString(strings.Join([]string{format, stdout, stderr, string(rune('0' + code))}, "\n---\n"))
				}
				outputs[name] = strings.NewReplacer(repo, "REPO", name, "NAME").Replace(all.String())
			}
			if outputs["zq-present"] != outputs["zq-absent"] {
				t.Errorf("the output tells whether the outside path exists.\nwhen it exists:\n%s\nwhen it does not:\n%s", outputs["zq-present"], outputs["zq-absent"])
			}
			if strings.Contains(outputs["zq-present"], "out1") || strings.Contains(outputs["zq-present"], "out2") || strings.Contains(outputs["zq-present"], "out3") {
				t.Errorf("an outside file was read:\n%s", outputs["zq-present"])
			}
			if !strings.Contains(outputs["zq-present"], "not read, outside") && !strings.Contains(outputs["zq-present"], "are outside") {
				t.Errorf("nothing says the path was not read:\n%s", outputs["zq-present"])
			}
		})
	}
}

// runCLIIn runs the command line in dir.
func runCLIIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("GITHUB_ACTIONS", "")
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// copyExample puts the example project in dir, a git checkout.
func copyExample(t *testing.T, dir string) {
	t.Helper()
	src := filepath.Join(repoRoot, "testdata", "example")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// iniLine adds a line to [alembic] of the example's alembic.ini.
func iniLine(t *testing.T, repo, line string) {
	t.Helper()
	replaceIn(t, filepath.Join(repo, "alembic.ini"), "[alembic]\n", "[alembic]\n"+line+"\n")
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
