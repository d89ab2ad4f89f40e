package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/rules"
)

// TestExamplesAreSafe lints every rule's documented safe form as real
// code and expects no finding from that rule: an example that the rule
// itself flags teaches the wrong thing. A revision example becomes a
// revision file (with the imports and metadata it leaves out, and the
// parents it names), an alembic.ini or env.py example becomes that file of
// a small project.
func TestExamplesAreSafe(t *testing.T) {
	reg := rules.Registry()
	for _, rule := range reg.All() {
		if rule.Run == nil || strings.HasPrefix(rule.ID, "ML6") {
			continue // engine findings and sandbox measurements: nothing to lint statically
		}
		t.Run(rule.ID+"_"+rule.Name, func(t *testing.T) {
			t.Parallel()
			dir := exampleProject(t, rule.Doc.Code())
			loaded, err := load.Load(context.Background(), load.Request{
				Dir: dir, Path: "alembic.ini", Registry: reg, Flags: load.Flags{Select: []string{rule.ID}, Dialect: exampleDialect(rule)},
			})
			if err != nil {
				t.Fatalf("example of %s does not load: %v\n%s", rule.ID, err, rule.Doc.Code())
			}
			for _, d := range lint.Run(loaded.Project, reg, &loaded.Config) {
				if d.Rule == rule.ID {
					t.Errorf("the example of %s is flagged by its own rule at %s:%d: %s\n%s", rule.ID, filepath.Base(d.File), d.Span.Line, d.Message, rule.Doc.Code())
				}
			}
		})
	}
}

// exampleDialect is the first dialect a rule serves, so that the example
// is linted where the rule runs.
func exampleDialect(rule *lint.Rule) string {
	if len(rule.Dialects) == 0 {
		return "postgresql"
	}
	return string(rule.Dialects[0])
}

var (
	revisionLine = regexp.MustCompile(`(?m)^revision\s*=`)
	quotedID     = regexp.MustCompile(`"([0-9a-f]{6,})"`)
)

// exampleProject writes a project around the example.
func exampleProject(t *testing.T, code string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"alembic.ini":           "[alembic]\nscript_location = %(here)s/migrations\n",
		"migrations/env.py":     "from alembic import context\n\ntarget_metadata = None\n",
		"migrations/versions/.": "",
	}
	ini, env := splitConfigExample(code)
	switch {
	case ini != "":
		files["alembic.ini"] = ini
		for _, loc := range regexp.MustCompile(`%\(here\)s/(\S+)`).FindAllStringSubmatch(ini, -1) {
			files[loc[1]+"/."] = ""
		}
		if env != "" {
			files["migrations/env.py"] = env
		}
		files["migrations/versions/0a1b2c3d4e5f_base.py"] = stubRevision("0a1b2c3d4e5f", "None")
	case env != "":
		files["migrations/env.py"] = env
		files["migrations/versions/0a1b2c3d4e5f_base.py"] = stubRevision("0a1b2c3d4e5f", "None")
	default:
		// "# revision 1" / "# a later revision" split an example into
		// revisions that follow each other.
		parts := laterRevision.Split(code, -1)
		var ids []string
		for i, part := range parts {
			id := fmt.Sprintf("e1e2e3e4e5e%d", i)
			down := "None"
			if i > 0 {
				down = fmt.Sprintf("%q", ids[i-1])
			}
			ids = append(ids, id)
			files["migrations/versions/"+id+"_example.py"] = exampleRevision(part, id, down)
		}
		// The revisions the example names exist, in a chain from one base.
		var named []string
		for _, line := range metadataLine.FindAllStringSubmatch(code, -1) {
			for _, id := range quotedID.FindAllStringSubmatch(line[1], -1) {
				if !regexp.MustCompile(`(?m)^revision\s*=\s*"` + id[1] + `"`).MatchString(code) {
					named = append(named, id[1])
				}
			}
		}
		sort.Strings(named)
		down := "None"
		for _, id := range named {
			files["migrations/versions/"+id+"_parent.py"] = stubRevision(id, down)
			down = fmt.Sprintf("%q", id)
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/.") {
			must(t, os.MkdirAll(path, 0o755))
			continue
		}
		must(t, os.MkdirAll(filepath.Dir(path), 0o755))
		must(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

var (
	laterRevision = regexp.MustCompile(`(?m)^# (?:a later revision|revision \d+)[^\n]*\n`)
	metadataLine  = regexp.MustCompile(`(?m)^(?:down_revision|depends_on)\s*=\s*(.*)$`)
	configMarker  = regexp.MustCompile(`(?m)^# (?:or, )?(alembic\.ini|env\.py)\s*$`)
)

// splitConfigExample separates the alembic.ini and env.py parts of a
// configuration example (marked "# alembic.ini", "# env.py", "# or,
// env.py"; a leading [alembic] is an ini).
func splitConfigExample(code string) (ini, env string) {
	marks := configMarker.FindAllStringSubmatchIndex(code, -1)
	if len(marks) == 0 {
		if strings.HasPrefix(code, "[alembic]") {
			return code, ""
		}
		return "", ""
	}
	for i, m := range marks {
		end := len(code)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		part := code[m[1]:end]
		switch code[m[2]:m[3]] {
		case "alembic.ini":
			ini = part
		case "env.py":
			env = "from alembic import context\n\nconfig = context.config\n" + part
		}
	}
	if ini != "" && !strings.Contains(ini, "[alembic]") {
		ini = "[alembic]\n" + ini
	}
	if ini != "" && !strings.Contains(ini, "script_location") {
		ini = strings.Replace(ini, "[alembic]", "[alembic]\nscript_location = %(here)s/migrations", 1)
	}
	return ini, env
}

// exampleRevision completes a revision example with what every revision
// file has: a docstring, the imports, and metadata when it shows none.
func exampleRevision(code, id, down string) string {
	var b strings.Builder
	if !strings.HasPrefix(code, `"""`) {
		b.WriteString("\"\"\"example\n\"\"\"\n")
	} else if end := strings.Index(code[3:], `"""`); end >= 0 {
		// The example's own docstring stays first, where Alembic reads
		// the message.
		b.WriteString(code[:end+6] + "\n")
		code = code[end+6:]
	}
	b.WriteString("from alembic import op\nimport sqlalchemy as sa\n\n")
	if !revisionLine.MatchString(code) {
		fmt.Fprintf(&b, "revision = %q\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n", id, down)
	}
	b.WriteString(code)
	if !strings.Contains(code, "def downgrade") && strings.Contains(code, "def upgrade") {
		b.WriteString("\n\ndef downgrade():\n    raise NotImplementedError(\"example\")\n")
	}
	return b.String()
}

// stubRevision is a plain revision the example refers to.
func stubRevision(id, down string) string {
	return fmt.Sprintf(`"""parent
"""
from alembic import op
import sqlalchemy as sa

revision = %q
down_revision = %s
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("t_%s", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("t_%s")
`, id, down, id, id)
}
