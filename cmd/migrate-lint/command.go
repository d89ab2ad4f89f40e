package main

import "os"

// commandOf is the command the arguments name, and the arguments left.
func commandOf(args []string) (string, []string) {
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
