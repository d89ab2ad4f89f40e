package load

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/rules"
)

// TestEnvPyNotRegular: an env.py that is a named pipe or a directory is
// not opened (a pipe would block until a writer came) and is named in a
// notice, as a revision file of that kind is; the rest is linted.
func TestEnvPyNotRegular(t *testing.T) {
	for _, c := range []struct {
		kind string
		make func(path string) error
	}{
		{"a named pipe", func(path string) error { return syscall.Mkfifo(path, 0o644) }},
		{"a directory", func(path string) error { return os.Mkdir(path, 0o755) }},
	} {
		t.Run(c.kind, func(t *testing.T) {
			repo, _ := filepath.EvalSymlinks(t.TempDir())
			writeTree(t, repo, map[string]string{".git/HEAD": "", "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/versions/a.py": revisionA})
			env := filepath.Join(repo, "migrations", "env.py")
			if err := c.make(env); err != nil {
				t.Fatal(err)
			}
			type result struct {
				res *Result
				err error
			}
			done := make(chan result, 1)
			go func() {
				res, err := Load(context.Background(), Request{Dir: repo, Registry: rules.Registry()})
				done <- result{res, err}
			}()
			var r result
			// A bound to fail on, not a wait: the load takes milliseconds,
			// and one that opened the pipe would block forever.
			select {
			case r = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the load did not finish: env.py was opened")
			}
			if r.err != nil {
				t.Fatal(r.err)
			}
			var named []string
			for _, n := range r.res.Notices {
				if n.File == env {
					named = append(named, n.Message)
				}
			}
			want := "skipped: it is " + c.kind + ", not a regular file (the checks of env.py do not run)"
			if len(named) != 1 || named[0] != want {
				t.Errorf("notices on env.py %q, want [%q]; all: %+v", named, want, r.res.Notices)
			}
			if len(r.res.Project.Revisions) != 1 {
				t.Errorf("%d revisions linted, want 1", len(r.res.Project.Revisions))
			}
		})
	}
}
