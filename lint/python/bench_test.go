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

// BenchmarkParseRevisionTreeSitter is BenchmarkParseRevision with
// tree-sitter alone, as for files the fast parser leaves to it.
func BenchmarkParseRevisionTreeSitter(b *testing.B) {
	data := exampleRevision(b)
	p := NewParser()
	defer p.Close()
	p.py.tsOnly = true
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p.ParseRevision("x.py", data)
	}
}

// BenchmarkParseFixtures parses every rule fixture (a mix of real-world
// shapes), per file.
func BenchmarkParseFixtures(b *testing.B) {
	paths, _ := filepath.Glob("../../rules/testdata/*/*.py")
	var files [][]byte
	size := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += len(data)
	}
	p := NewParser()
	defer p.Close()
	b.SetBytes(int64(size / len(files)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.ParseRevision("x.py", files[i%len(files)])
	}
}

// BenchmarkParseModule parses application modules as the setup does (env.py
// and the model modules behind it), per file: the Python files under
// MIGRATE_LINT_BENCH_MODULES (a real application's package, say), or else
// those of the repository's example and test projects.
func BenchmarkParseModule(b *testing.B) {
	root := os.Getenv("MIGRATE_LINT_BENCH_MODULES")
	if root == "" {
		root = "../../testdata"
	}
	var files [][]byte
	size := 0
	_ = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Ext(path) == ".py" {
			if data, err := os.ReadFile(path); err == nil {
				files = append(files, data)
				size += len(data)
			}
		}
		return nil
	})
	if len(files) < 10 {
		b.Fatalf("only %d modules under %s", len(files), root)
	}
	p := NewParser()
	defer p.Close()
	b.SetBytes(int64(size / len(files)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.ParseModule(files[i%len(files)])
	}
}
