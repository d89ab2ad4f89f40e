package python

import (
	"os"
	"path/filepath"
	"testing"
)

// exampleRevision is a typical revision file of the bundled example.
func exampleRevision(b *testing.B) []byte {
	paths, _ := filepath.Glob("../../testdata/example/migrations/versions/*add_user_email.py")
	if len(paths) != 1 {
		b.Fatal("example revision not found")
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParseRevision(b *testing.B) {
	data := exampleRevision(b)
	p := NewParser()
	defer p.Close()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p.ParseRevision("x.py", data)
	}
}

func BenchmarkScanRevision(b *testing.B) {
	data := exampleRevision(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ScanRevision("x.py", data)
	}
}
