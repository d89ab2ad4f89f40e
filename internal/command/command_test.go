package command

import (
	"slices"
	"testing"
)

func TestOf(t *testing.T) {
	for _, c := range []struct {
		args     []string
		actions  string
		cmd      string
		left     []string
		readsAll bool
	}{
		{nil, "", "check", nil, true},
		{[]string{"migrations"}, "", "check", []string{"migrations"}, true},
		{[]string{"check", "-q"}, "", "check", []string{"-q"}, true},
		{[]string{"graph", "x"}, "", "graph", []string{"x"}, false},
		{[]string{"sandbox"}, "", "sandbox", []string{}, true},
		{[]string{"version"}, "", "version", []string{}, false},
		{[]string{"--version"}, "", "version", []string{"--version"}, false},
		{[]string{"-h"}, "", "help", []string{"-h"}, false},
		{nil, "true", "github", nil, true},
		{[]string{"rules"}, "true", "rules", []string{}, false},
		{[]string{"explain", "ML101"}, "", "explain", []string{"ML101"}, false},
	} {
		t.Setenv("GITHUB_ACTIONS", c.actions)
		cmd, left := Of(c.args)
		if cmd != c.cmd || !slices.Equal(left, c.left) {
			t.Errorf("Of(%q) with GITHUB_ACTIONS=%q = %q %q, want %q %q", c.args, c.actions, cmd, left, c.cmd, c.left)
		}
		if got := ReadsProject(cmd); got != c.readsAll {
			t.Errorf("ReadsProject(%q) = %v", cmd, got)
		}
	}
}
