// Package github publishes findings on a pull request: a sticky summary
// comment, review comments on the lines of the diff, and a check run. It
// is an edge of the program: it talks to GitHub's REST API through
// go-github and never decides what a finding is.
package github

import (
	"strconv"
	"strings"
)

// DiffLines returns the lines of the new file that a unified diff patch
// shows, added or context: GitHub accepts review comments on those only.
func DiffLines(patch string) map[int]bool {
	lines := map[int]bool{}
	next := 0
	for _, l := range strings.Split(patch, "\n") {
		if strings.HasPrefix(l, "@@") {
			next = hunkStart(l)
			continue
		}
		if next == 0 || strings.HasPrefix(l, `\ No newline`) {
			continue
		}
		if strings.HasPrefix(l, "-") {
			continue // only in the old file
		}
		lines[next] = true
		next++
	}
	return lines
}

// hunkStart reads the new-file start line of "@@ -a,b +c,d @@".
func hunkStart(header string) int {
	plus := strings.Index(header, " +")
	if plus < 0 {
		return 0
	}
	rest := header[plus+2:]
	end := strings.IndexAny(rest, ", ")
	if end < 0 {
		return 0
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil {
		return 0
	}
	return n
}
