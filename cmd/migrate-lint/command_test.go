package main

import (
	"slices"
	"testing"
)

func TestCommandOf(t *testing.T) {
	for _, c := range []struct {
		args    []string
		actions string
		cmd     string
		left    []string
	}{
		{nil, "", "check", nil},
		{[]string{"migrations"}, "", "check", []string{"migrations"}},
		{[]string{"check", "-q"}, "", "check", []string{"-q"}},
		{[]string{"graph", "x"}, "", "graph", []string{"x"}},
		{[]string{"sandbox"}, "", "sandbox", []string{}},
		{[]string{"version"}, "", "version", []string{}},
		{[]string{"--version"}, "", "version", []string{"--version"}},
		{[]string{"-h"}, "", "help", []string{"-h"}},
		{nil, "true", "github", nil},
		{[]string{"rules"}, "true", "rules", []string{}},
		{[]string{"explain", "ML101"}, "", "explain", []string{"ML101"}},
		{[]string{"help"}, "", "help", []string{}},
		{[]string{"--help"}, "", "help", []string{"--help"}},
		{[]string{"-help"}, "", "help", []string{"-help"}},
		{[]string{"-version"}, "", "version", []string{"-version"}},
		{[]string{"github", "x"}, "", "github", []string{"x"}},
		{[]string{"migrations"}, "true", "github", []string{"migrations"}},
		{[]string{"migrations"}, "1", "check", []string{"migrations"}},
		{[]string{"graph"}, "true", "graph", []string{}},
	} {
		t.Setenv("GITHUB_ACTIONS", c.actions)
		cmd, left := commandOf(c.args)
		if cmd != c.cmd || !slices.Equal(left, c.left) {
			t.Errorf("commandOf(%q) with GITHUB_ACTIONS=%q = %q %q, want %q %q", c.args, c.actions, cmd, left, c.cmd, c.left)
		}
	}
}
