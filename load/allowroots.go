package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/load/changeset"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// allowRoots decides which directories outside the repository may be
// read besides the repository itself, and says so.
//
// The request's roots are the caller's (the workflow's input) and always
// count. The settings file's count as written, except when the file is
// the change's own (GitHub mode): a pull request could otherwise add
// allow-roots = ["/"] and a symbolic link to any file of the runner, and
// have its content published in annotations and comments. There they
// count only when the same file at the base ref lists the same roots:
// what the base branch already granted, nothing the change added. Without
// a base to compare with they are ignored, with a warning on the file.
func allowRoots(req Request, file *settings.File) (roots []string, notices []Notice) {
	if len(req.AllowRoots) > 0 {
		roots = append(roots, req.AllowRoots...)
		notices = append(notices, Notice{Message: fmt.Sprintf("allow-roots input: also reading inside %s", strings.Join(req.AllowRoots, ", "))})
	}
	asked := file.AllowedRoots()
	if len(asked) == 0 {
		return roots, notices
	}
	if req.SettingsFromChange {
		if why := untrustedRoots(file, req.Base); why != "" {
			return roots, append(notices, Notice{File: file.Path, Message: why, Refused: true})
		}
	}
	roots = append(roots, asked...)
	return roots, append(notices, Notice{Message: fmt.Sprintf("allow-roots in %s: also reading inside %s", file.Path, strings.Join(asked, ", "))})
}

// untrustedRoots says why the allow-roots of a settings file from the
// change are ignored, or "" when the base ref's version of the same file
// lists the same ones.
func untrustedRoots(file *settings.File, base string) string {
	const where = "set them on the base branch or in the action's allow-roots input"
	if base == "" {
		return "allow-roots ignored: the settings file is the pull request's own and there is no base commit to compare it with; " + where
	}
	changed := "allow-roots changed by this pull request: ignored; " + where
	data, err := changeset.FileAtBase(file.Path, base, settings.MaxSize)
	if err != nil {
		return changed
	}
	at, found, err := settings.Parse(file.Path, data)
	if err != nil || !found || !slices.Equal(at.AllowedRoots(), file.AllowedRoots()) {
		return changed
	}
	return ""
}
