package files

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadIn: reading 300 revision-sized files (2 KB) inside the
// root, as the loader reads a project's revisions.
func BenchmarkReadIn(b *testing.B) {
	dir, r := revisionSizedFiles(b)
	for b.Loop() {
		for i := range 300 {
			if _, _, err := r.ReadIn(dir, fmt.Sprintf("r%03d.py", i), true, 1<<20); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAhead: the same files read through Ahead, as the loader reads
// them (the page cache holds them here: what asking ahead costs).
func BenchmarkAhead(b *testing.B) {
	dir, r := revisionSizedFiles(b)
	for b.Loop() {
		ahead := r.Ahead(1<<20, 8, func(_ int, _ []byte, _ string, _ bool, err error) {
			if err != nil {
				b.Fatal(err)
			}
		})
		for i := range 300 {
			ahead.Add(i, dir, fmt.Sprintf("r%03d.py", i), true)
		}
		ahead.Flush()
	}
}

func revisionSizedFiles(b *testing.B) (string, *Reader) {
	dir := b.TempDir()
	for i := range 300 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.py", i)), []byte(strings.Repeat("x = 1\\n", 340)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, New(dir)
}
