package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/report"
)

// loadProject calls the loader with the command line's choices, from dir
// (the working directory, or the Action's working-directory).
func loadProject(ctx context.Context, dir, path string, o *options, metadataOnly bool) (*load.Result, error) {
	req := requestFor(dir, path, o)
	req.MetadataOnly = metadataOnly
	if !metadataOnly {
		req.Cache = extractionCache(o)
	}
	return load.Load(ctx, req)
}

// workingDir is the process's working directory, symbolic links resolved
// so that it compares with the files' identities.
func workingDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("the current directory: %w", err)
	}
	return realPath(wd), nil
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// repositoryRoot finds the enclosing git checkout by its .git entry,
// without starting git; "" outside one.
func repositoryRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// pathsFor shows files relative to dir, and to its repository for the
// formats GitHub reads.
func pathsFor(dir string) report.Paths {
	return report.Paths{Cwd: dir, Repository: repositoryRoot(dir)}
}

// printNotices writes the loader's notices, one line each; a file name or
// a message cannot make more lines, move the cursor, or issue a workflow
// command (report.EscapeTerminal).
func printNotices(w io.Writer, notices []load.Notice, paths report.Paths) {
	for _, n := range notices {
		if n.File == "" {
			fmt.Fprintf(w, "migrate-lint: notice: %s\n", report.EscapeTerminal(n.Message))
			continue
		}
		fmt.Fprintf(w, "migrate-lint: warning: %s: %s\n", report.EscapeTerminal(paths.Display(n.File)), report.EscapeTerminal(n.Message))
	}
}

// isTerminal reports whether f is a character device, for colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
