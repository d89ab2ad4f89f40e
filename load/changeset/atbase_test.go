package changeset

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestFileAtBase: the base's content of a file, whatever the working tree
// did to it; a link, a directory or a missing entry at the base is no
// content; a file over the cap is refused.
func TestFileAtBase(t *testing.T) {
	r := newRepo(t, "versions")
	r.write("settings/plain.toml", "allow-roots = [\"../x\"]\n")
	r.write("settings/big.toml", string(make([]byte, 100)))
	if err := os.Symlink("plain.toml", filepath.Join(r.dir, "settings", "link.toml")); err != nil {
		t.Fatal(err)
	}
	r.git("checkout", "-q", "main")
	r.git("add", "-A")
	r.git("commit", "-qm", "settings")
	r.git("checkout", "-q", "feature")
	r.git("reset", "-q", "--hard", "main")
	// The change replaces the file with a link to something else.
	r.write("other.toml", "allow-roots = [\"/\"]\n")
	plain := filepath.Join(r.dir, "settings", "plain.toml")
	if err := os.Remove(plain); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other.toml", plain); err != nil {
		t.Fatal(err)
	}

	data, err := FileAtBase(plain, "main", 1<<10)
	if err != nil || string(data) != "allow-roots = [\"../x\"]\n" {
		t.Errorf("plain.toml at main: %q, %v", data, err)
	}
	for _, name := range []string{"settings/link.toml", "settings", "settings/missing.toml", "other.toml"} {
		if data, err := FileAtBase(filepath.Join(r.dir, name), "main", 1<<10); !errors.Is(err, ErrNotAtBase) {
			t.Errorf("%s at main: %q, %v; want ErrNotAtBase", name, data, err)
		}
	}
	if _, err := FileAtBase(filepath.Join(r.dir, "settings", "big.toml"), "main", 99); err == nil {
		t.Error("a file over the cap was read")
	}
	if _, err := FileAtBase(plain, "--output=/tmp/x", 1<<10); err == nil {
		t.Error("an option as the base ref was accepted")
	}
	if _, err := FileAtBase(filepath.Join(t.TempDir(), "x.toml"), "main", 1<<10); err == nil {
		t.Error("a file outside any checkout was read")
	}
}
