package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// WriteGitHub writes workflow commands, which GitHub Actions turns into
// annotations on the files of the pull request:
//
//	::error file=x.py,line=21,endLine=21,col=5,endColumn=92,title=ML401 not-null-without-default::message
func WriteGitHub(w io.Writer, r *Report, _ Options) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		msg := d.Message
		if d.Help != "" {
			msg += "\n" + d.Help
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(d.Severity), EscapeCommandProperty(r.Paths.InRepository(d.File)), line, max(d.Span.EndLine, line), col, max(d.Span.EndColumn, col),
			EscapeCommandProperty(d.Rule+" "+d.Name), EscapeCommandData(msg))
	}
	return bw.Flush()
}

func githubCommand(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// dataEscaper and propertyEscaper follow @actions/core's command
// encoding: % CR LF always, and : , in properties.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
