// Command migrate-lint checks Alembic migrations before they reach
// production: the revision graph, risky schema operations, and (with
// --sandbox) an up/down/up run against a throwaway database.
//
// This file is the only place that calls os.Exit.
package main

import (
	"context"
	"errors"
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
	tuneMemory()
	ctx, stop := handleSignals(context.Background())
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	code = exitCode(ctx, code, os.Stderr)
	stop()
	os.Exit(code)
}

// interrupted is the cause of a run's cancellation by a signal.
type interrupted struct{ signal syscall.Signal }

func (i interrupted) Error() string { return "interrupted by " + i.signal.String() }

// handleSignals cancels the context on SIGINT (Ctrl-C) or SIGTERM: the
// commands stop between files and between rules, write no report, and
// the sandbox removes its container and database. A second signal ends
// the process at once.
func handleSignals(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			s, _ := sig.(syscall.Signal)
			cancel(interrupted{s})
		case <-done:
			return
		}
		select {
		case sig := <-signals:
			s, _ := sig.(syscall.Signal)
			os.Exit(128 + int(s))
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(signals)
		close(done)
		cancel(nil)
	}
}

// exitCode is the code of a run: 128 plus the signal's number (130 for
// Ctrl-C, 143 for SIGTERM) when a signal cut it short, as shells report.
func exitCode(ctx context.Context, code int, stderr io.Writer) int {
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) {
		fmt.Fprintf(stderr, "migrate-lint: %v: stopped without a report\n", sig)
		return 128 + int(sig.signal)
	}
	return code
}

// run dispatches to a command and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, args := commandOf(args)
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
