package settings

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/migrate-lint/migrate-lint/load/files"
)

// TestMessagesForPeople: TOML type errors name the key and the types in
// words, with the line; a directory or a named pipe where the settings
// should be is said once, without blocking.
func TestMessagesForPeople(t *testing.T) {
	for _, tt := range []struct{ name, toml, want string }{
		{".migrate-lint.toml", "dialect = 5\n", "line 1: dialect must be a string, not a number"},
		{".migrate-lint.toml", "select = \"ML1\"\n", "line 1: select must be a list, not a string"},
		{".migrate-lint.toml", "[severity]\nML101 = 3\n", "line 2: severity.ML101 must be a string, not a number"},
		{".migrate-lint.toml", "lock-timeout-in-env = \"yes\"\n", "lock-timeout-in-env must be true or false, not a string"},
		{"pyproject.toml", "[tool.migrate-lint]\nallow-roots = \"/\"\n", "allow-roots must be a list, not a string"},
		// A dotted key makes a table where a string belongs; the decoder
		// names no line for it (found by FuzzDecode).
		{".migrate-lint.toml", "[severity]\nML1.x = \"error\"\n", "severity.ML1 must be a string, not a table"},
		{".migrate-lint.toml", "x = = 1\n", "line 1 (last key \"x\"): expected value but found '=' instead"},
	} {
		_, _, err := decode(tt.name, []byte(tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "int64") || strings.Contains(err.Error(), ": toml:") {
			t.Errorf("%q: %v, want %q", tt.toml, err, tt.want)
		}
	}
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	if err := os.Mkdir(filepath.Join(dir, "cfg.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, ".migrate-lint.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := files.New(dir)
	for explicit, want := range map[string]string{
		filepath.Join(dir, "cfg.toml"): "cannot read the settings: " + filepath.Join(dir, "cfg.toml") + " is a directory, not a regular file",
		"":                             "cannot read the settings: " + filepath.Join(dir, ".migrate-lint.toml") + " is a named pipe, not a regular file",
	} {
		if _, err := Load(r, explicit, dir); err == nil || err.Error() != want {
			t.Errorf("%q: %v\nwant %s", explicit, err, want)
		}
	}
}

// TestAllowRoots: relative roots are taken from the settings file's
// directory.
func TestAllowRoots(t *testing.T) {
	f, found, err := decode("/repo/sub/.migrate-lint.toml", []byte("allow-roots = [\"../../shared\", \"/opt/models\"]\n"))
	if err != nil || !found {
		t.Fatal(err)
	}
	if got := strings.Join(f.AllowedRoots(), " "); got != "/shared /opt/models" {
		t.Errorf("roots %s", got)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(".migrate-lint.toml", []byte("dialect = \"mysql\"\ntarget-version = 8.0\nselect = [\"ML2\"]\n[severity]\nML201 = \"error\"\n[sandbox]\ntimeout = \"5m\"\n"))
	f.Add("pyproject.toml", []byte("[tool.alembic]\nscript_location = \"%(here)s/migrations\"\n[tool.migrate-lint]\nexclude = [\"versions/old/*\"]\nallow-roots = [\"../shared\"]\n"))
	f.Add(".migrate-lint.toml", []byte("a = [[[[[[1]]]]]]\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name != "pyproject.toml" {
			name = ".migrate-lint.toml"
		}
		s, found, err := decode(name, data)
		if err != nil {
			if strings.Contains(err.Error(), "incompatible types") || strings.Contains(err.Error(), ": toml:") || len(err.Error()) > 1000 {
				t.Fatalf("message for Go, not people: %.300s", err)
			}
			return
		}
		if found {
			_ = s.TargetVersionString()
			_ = s.AllowedRoots()
		}
	})
}
