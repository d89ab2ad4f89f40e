package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestListedCountsRevisionFiles: Request.Listed is told, once, the number
// of revision files the walk listed (not the other files of the versions
// directory): graph prepares its heap by it.
func TestListedCountsRevisionFiles(t *testing.T) {
	dir := t.TempDir()
	ini := writeProject(t, dir, 7)
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.WriteFile(filepath.Join(versions, "README.txt"), []byte("not a revision"), 0o644); err != nil {
		t.Fatal(err)
	}
	calls, listed := 0, -1
	res, err := Load(context.Background(), Request{Dir: dir, Path: ini, MetadataOnly: true, Listed: func(files int) {
		calls++
		listed = files
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || listed != 7 {
		t.Errorf("Listed called %d times, last with %d; want once with 7", calls, listed)
	}
	if res.Files != 7 {
		t.Errorf("%d files read, want 7", res.Files)
	}
}
