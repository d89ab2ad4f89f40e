package github

import (
	"net/url"
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
)

// The tool finds its comments again by hidden HTML comments at the very
// end of their bodies. A marker is the tool's only where it put it: at the
// end of a comment its own identity wrote. Every value inside a body is
// escaped (report.EscapeMarkdown), so no finding can carry a marker.

// legacySummaryMarker is the summary marker from before projects had
// their own comment; such a comment is adopted by the first project that
// has none.
const legacySummaryMarker = "<!-- migrate-lint:summary -->"

// SummaryMarker identifies the sticky summary comment of one project, so
// that projects linted in one pull request keep a comment each.
func SummaryMarker(project string) string {
	return "<!-- migrate-lint:summary project=" + markerValue(project) + " -->"
}

func fingerprintMarker(fp, project string) string {
	return "<!-- migrate-lint:fp=" + fp + " project=" + markerValue(project) + " -->"
}

// fingerprintRe reads a review comment's marker at the end of its body;
// the project is absent in markers written before projects were named.
var fingerprintRe = lazyregexp.New(`<!-- migrate-lint:fp=([0-9a-f]+)(?: project=(\S*))? -->$`)

// markerValue keeps a project name (a repository path) readable and
// unable to end the HTML comment: everything but path characters is
// percent-encoded.
func markerValue(project string) string {
	if project == "" {
		project = "."
	}
	return strings.ReplaceAll(url.PathEscape(project), "%2F", "/")
}

// endsWith reports whether body ends with the marker, white space aside.
func endsWith(body, marker string) bool {
	return strings.HasSuffix(strings.TrimRight(body, " \t\r\n"), marker)
}

// fingerprintOf returns the fingerprint of a review comment's marker for
// this project (or a marker without a project), and false for anything
// else.
func fingerprintOf(body, project string) (string, bool) {
	body = strings.TrimRight(body, " \t\r\n")
	m := fingerprintRe.FindStringSubmatchIndex(body)
	if m == nil {
		return "", false
	}
	if m[4] >= 0 && body[m[4]:m[5]] != markerValue(project) {
		return "", false
	}
	return body[m[2]:m[3]], true
}
