package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// repeatFlag collects a repeatable flag without splitting.
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, " ") }
func (r *repeatFlag) Set(v string) error { *r = append(*r, v); return nil }

// options are the flags shared by the commands that read a project.
type options struct {
	format        string
	outputs       repeatFlag
	dialect       string
	targetVersion string
	selects       listFlag
	ignores       listFlag
	failLevel     string
	configPath    string
	base          string
	noColor       bool
	noCache       bool

	// Set by the GitHub mode, not by flags: the settings file is the
	// pull request's own (its allow-roots count only as the base has
	// them), and the workflow's allow-roots input.
	settingsFromChange bool
	allowRoots         []string

	sandbox        bool
	databaseURL    string
	image          string
	python         string
	timeout        time.Duration
	allowUntrusted bool
	models         bool
	offlineSQL     optionalBool
	noRows         bool
}

// optionalBool is a boolean flag that knows whether it was given, so that
// --offline-sql=false can overrule what would happen by default.
type optionalBool struct{ set, value bool }

func (b *optionalBool) String() string   { return fmt.Sprint(b.value) }
func (b *optionalBool) IsBoolFlag() bool { return true }
func (b *optionalBool) Set(v string) error {
	value, err := strconv.ParseBool(v)
	if err != nil {
		return err
	}
	b.set, b.value = true, value
	return nil
}

func newFlagSet(name string, stderr io.Writer, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif, github, markdown, rdjson or gitlab")
	fs.Var(&o.outputs, "output", "also write FORMAT=FILE (repeatable)")
	fs.StringVar(&o.dialect, "dialect", "", "postgresql, mysql, mariadb or sqlite (default: from sqlalchemy.url)")
	fs.StringVar(&o.targetVersion, "target-version", "", "database server version, e.g. 15 or 8.0")
	fs.Var(&o.selects, "select", "rules to run: IDs, ID prefixes (ML2, ML20) or names (repeatable, comma-separated)")
	fs.Var(&o.ignores, "ignore", "rules to skip, as for --select")
	fs.StringVar(&o.failLevel, "fail-level", "", "lowest severity that fails the run: error, warning, info or none (default error)")
	fs.StringVar(&o.configPath, "config", "", "settings file (.migrate-lint.toml or pyproject.toml)")
	fs.StringVar(&o.base, "base", "", "git ref: lint only revisions added or changed since the merge base")
	fs.BoolVar(&o.noColor, "no-color", false, "never colour the text output")
	fs.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the cache of parsed revision files")
	fs.BoolVar(&o.sandbox, "sandbox", false, "also run every revision up/down/up on a throwaway database")
	fs.StringVar(&o.databaseURL, "database-url", "", "sandbox on this existing server (a migrate_lint_* database is created and dropped)")
	fs.StringVar(&o.image, "image", "", "sandbox container image (default postgres:16, mysql:8.4 or mariadb:11)")
	fs.StringVar(&o.python, "python", "", "the project's Python interpreter for the sandbox (default python3)")
	fs.DurationVar(&o.timeout, "timeout", 0, "sandbox time limit for one step (default 5m)")
	fs.BoolVar(&o.models, "models", false, "sandbox: compare the database at the heads with env.py's target_metadata, as alembic check does (ML608)")
	fs.Var(&o.offlineSQL, "offline-sql", "sandbox: render each revision as alembic upgrade --sql does (ML609; default: when the project uses offline mode)")
	fs.BoolVar(&o.noRows, "no-rows", false, "sandbox: leave existing tables empty instead of filling them with generated rows")
	fs.BoolVar(&o.allowUntrusted, "allow-pull-request-target", false, "let the sandbox run under pull_request_target, where it executes the pull request's code with a privileged token")
	return fs
}

// parseInterleaved lets flags follow positional arguments, as users type
// `migrate-lint check ./migrations --format json`. `--` ends the options:
// everything after it is positional, even what starts with a dash.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// onePath returns the optional PATH argument.
func onePath(positional []string) (string, error) {
	switch len(positional) {
	case 0:
		return "", nil
	case 1:
		return positional[0], nil
	}
	return "", fmt.Errorf("expected one PATH, got %d: %s", len(positional), strings.Join(positional, " "))
}
