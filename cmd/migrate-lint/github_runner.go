package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/migrate-lint/migrate-lint/report"
)

// runnerIO is what the GitHub mode tells the runner: workflow commands on
// stdout, and the job summary and step outputs through the files the
// runner names. Unlike go-githubactions it never panics: a file the
// runner does not provide (an older runner, act, a local reproduction) is
// skipped with one notice, a file it cannot write is a warning.
type runnerIO struct {
	stdout io.Writer
	getenv func(string) string
	told   map[string]bool
}

func newRunnerIO(stdout io.Writer, getenv func(string) string) *runnerIO {
	return &runnerIO{stdout: stdout, getenv: getenv, told: map[string]bool{}}
}

// command writes ::name::message with the message escaped for the runner.
func (r *runnerIO) command(name, format string, args ...any) {
	fmt.Fprintf(r.stdout, "::%s::%s\n", name, report.EscapeCommandData(fmt.Sprintf(format, args...)))
}

func (r *runnerIO) warningf(format string, args ...any) { r.command("warning", format, args...) }
func (r *runnerIO) noticef(format string, args ...any)  { r.command("notice", format, args...) }

// appendTo appends text to the file named by the variable; what is
// missing or fails is said once per variable.
func (r *runnerIO) appendTo(variable, what, text string) {
	path := r.getenv(variable)
	if path == "" {
		if !r.told[variable] {
			r.told[variable] = true
			r.noticef("migrate-lint: %s is not set (an older runner, act, or a run outside GitHub Actions): the %s is skipped", variable, what)
		}
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = io.WriteString(f, text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && !r.told[variable] {
		r.told[variable] = true
		r.warningf("migrate-lint: cannot write the %s (%s): %v", what, variable, err)
	}
}

// stepSummary appends Markdown to the job summary.
func (r *runnerIO) stepSummary(markdown string) {
	r.appendTo("GITHUB_STEP_SUMMARY", "job summary", markdown+"\n")
}

// output sets a step output. The heredoc delimiter is random, as
// @actions/core's is, and a value that holds it is refused: no value can
// end its own entry and start another.
func (r *runnerIO) output(name, value string) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	delimiter := "ghadelimiter_" + hex.EncodeToString(b[:])
	if strings.Contains(name, delimiter) || strings.Contains(value, delimiter) || strings.ContainsAny(name, "\r\n") {
		r.warningf("migrate-lint: output %q not set: it cannot be written safely", name)
		return
	}
	r.appendTo("GITHUB_OUTPUT", "step outputs", fmt.Sprintf("%s<<%s\n%s\n%s\n", name, delimiter, value, delimiter))
}
