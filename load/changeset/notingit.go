package changeset

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// NotInGit lists the revision files under the version directories that a
// clean checkout would not have: untracked (never added) or ignored by a
// .gitignore rule. It runs one git process, `git status --ignored
// --untracked-files=all` over the directories, from the repository's top,
// which it finds on disk. The map says "untracked" or "ignored" per
// absolute path.
func NotInGit(versionDirs []string) (map[string]string, error) {
	if len(versionDirs) == 0 {
		return nil, nil
	}
	top := repositoryTop(versionDirs[0])
	if top == "" {
		return nil, nil
	}
	args := []string{"status", "--porcelain=v1", "-z", "--ignored=traditional", "--untracked-files=all", "--"}
	for _, d := range versionDirs {
		rel, err := filepath.Rel(top, realPath(d))
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		args = append(args, filepath.ToSlash(rel))
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = top
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	found := map[string]string{}
	for _, entry := range strings.Split(string(out), "\x00") {
		if len(entry) < 4 {
			continue
		}
		status, path := entry[:2], filepath.Join(top, filepath.FromSlash(entry[3:]))
		if !isRevisionFile(path) {
			continue
		}
		switch status {
		case "??":
			found[realPath(path)] = "untracked"
		case "!!":
			found[realPath(path)] = "ignored"
		}
	}
	return found, nil
}

// repositoryTop finds the directory holding .git (a directory, or the
// file a worktree has) above dir.
func repositoryTop(dir string) string {
	dir = realPath(dir)
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
