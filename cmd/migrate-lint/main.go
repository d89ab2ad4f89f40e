// Command migrate-lint checks Alembic migrations before they reach
// production: the revision graph, risky schema operations, and (with
// --sandbox) an up/down/up run against a throwaway database.
//
// This file is the only place that calls os.Exit.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0"

const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	// Ctrl-C cancels the context: the sandbox then removes its container
	// and database before the process exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a command and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	switch cmd {
	case "check":
		return runCheck(ctx, args, stdout, stderr, false)
	case "sandbox":
		return runCheck(ctx, args, stdout, stderr, true)
	case "graph":
		return runGraph(ctx, args, stdout, stderr)
	case "rules":
		return runRules(args, stdout, stderr)
	case "explain":
		return runExplain(args, stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "migrate-lint %s\n", version)
		return exitOK
	case "github":
		return runGitHub(ctx, args, stdout, stderr)
	}
	fmt.Fprint(stdout, usage)
	return exitOK
}

const usage = `migrate-lint keeps Alembic migrations safe.

Usage:
  migrate-lint [check] [PATH]   lint the migrations (PATH: alembic.ini, pyproject.toml,
                                the script directory or a versions directory)
  migrate-lint graph [PATH]     heads, bases, branch points, merges and history
  migrate-lint sandbox [PATH]   up/down/up of every revision on a throwaway database
                                (also: check --sandbox)
  migrate-lint github           GitHub Actions mode (the default command when GITHUB_ACTIONS=true)
  migrate-lint rules            every rule: ID, name, severity, title
  migrate-lint explain ID       one rule's documentation
  migrate-lint version

Run "migrate-lint check -h" for the flags.
`
