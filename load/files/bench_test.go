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
	dir := b.TempDir()
	for i := range 300 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.py", i)), []byte(strings.Repeat("x = 1\\n", 340)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	r := New(dir)
	for b.Loop() {
		for i := range 300 {
			if _, _, err := r.ReadIn(dir, fmt.Sprintf("r%03d.py", i), true, 1<<20); err != nil {
				b.Fatal(err)
			}
		}
	}
}
