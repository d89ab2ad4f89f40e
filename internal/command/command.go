// Package command reads which command the arguments name. It is its own
// package so that the heap can be prepared for the command during the
// packages' initialisation (package heapstart), before main runs.
package command

import "os"

// Of is the command the arguments name, and the arguments left.
func Of(args []string) (string, []string) {
	cmd := "check"
	// In a GitHub Actions job the default command is the GitHub mode.
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		cmd = "github"
	}
	if len(args) > 0 {
		switch args[0] {
		case "check", "graph", "sandbox", "rules", "explain", "github", "version", "help":
			cmd, args = args[0], args[1:]
		case "-h", "--help", "-help":
			cmd = "help"
		case "--version", "-version":
			cmd = "version"
		}
	}
	return cmd, args
}

// ReadsProject reports whether the command reads a project in full
// (parses every revision and the setup), as opposed to printing
// something (version, rules, explain) or reading only each file's
// metadata (graph).
func ReadsProject(cmd string) bool {
	switch cmd {
	case "check", "sandbox", "github":
		return true
	}
	return false
}
