// Package github publishes findings on a pull request: a sticky summary
// comment, review comments on the lines of the diff, and a check run. It
// is an edge of the program: it talks to GitHub's REST API through
// go-github and never decides what a finding is.
package github

import (
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
)

// DiffLines returns the lines of the new file that a unified diff patch
// shows, added or context: GitHub accepts review comments on those only.
// A hunk is read for as many lines as its header counts; a malformed
// header, or a line that does not fit its hunk, ends the hunk, so that a
// damaged patch never makes lines commentable that it does not show.
func DiffLines(patch string) map[int]bool {
	lines := map[int]bool{}
	var next, oldLeft, newLeft int
	for _, l := range strings.Split(patch, "\n") {
		if strings.HasPrefix(l, "@@") {
			next, oldLeft, newLeft = 0, 0, 0
			if h, ok := parseHunk(l); ok {
				next, oldLeft, newLeft = h.newStart, h.oldCount, h.newCount
			}
			continue
		}
		if oldLeft == 0 && newLeft == 0 || strings.HasPrefix(l, `\`) {
			continue // outside a hunk, or "\ No newline at end of file"
		}
		switch {
		case strings.HasPrefix(l, "-") && oldLeft > 0:
			oldLeft--
		case strings.HasPrefix(l, "+") && newLeft > 0:
			lines[next] = true
			next, newLeft = next+1, newLeft-1
		case (strings.HasPrefix(l, " ") || l == "") && oldLeft > 0 && newLeft > 0:
			lines[next] = true
			next, oldLeft, newLeft = next+1, oldLeft-1, newLeft-1
		default:
			oldLeft, newLeft = 0, 0
		}
	}
	return lines
}

// hunk is a hunk header's ranges: "@@ -oldStart,oldCount +newStart,newCount @@".
type hunk struct {
	oldStart, oldCount, newStart, newCount int
}

var hunkHeader = lazyregexp.New(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// maxHunkLine bounds the numbers of a header: no file GitHub diffs has
// more lines, and a bigger number is a damaged patch.
const maxHunkLine = 1 << 24

// parseHunk reads a hunk header. A count left out is 1; a start is 0 only
// for an empty range (a file created or deleted).
func parseHunk(header string) (hunk, bool) {
	m := hunkHeader.FindStringSubmatch(header)
	if m == nil {
		return hunk{}, false
	}
	var n [4]int
	for i, s := range m[1:] {
		n[i] = 1
		if s == "" {
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil || v > maxHunkLine {
			return hunk{}, false
		}
		n[i] = v
	}
	h := hunk{oldStart: n[0], oldCount: n[1], newStart: n[2], newCount: n[3]}
	if h.oldStart == 0 && h.oldCount != 0 || h.newStart == 0 && h.newCount != 0 {
		return hunk{}, false
	}
	return h, true
}
