package rules

import "github.com/migrate-lint/migrate-lint/lint"

// Project-wide conventions are judged once over the whole project and
// said once, not on every revision that follows them.

// noDowngradePolicy reports whether the project deliberately writes no
// downgrades: most of its revisions that change something have a
// downgrade that is absent, does nothing, or raises. It counts every
// revision, the ones only scanned for metadata included, so that a pull
// request adding one revision is judged by the project's habit.
func noDowngradePolicy(p *lint.Project) (without, total int, policy bool) {
	for _, r := range p.Revisions {
		if !r.HasID || !r.Upgrade.Defined || r.Upgrade.Empty {
			continue
		}
		total++
		if !r.Downgrade.Defined || r.Downgrade.Empty || r.Downgrade.Irreversible {
			without++
		}
	}
	return without, total, total >= minRevisionsForPolicy && 2*without >= total
}

// minRevisionsForPolicy is how much history a convention needs before it
// counts as one.
const minRevisionsForPolicy = 5

// reportOnce says a project-wide finding once: at env.py when the whole
// project is linted, and on the first revision concerned in change-set
// mode (where only the change is reported on).
func reportOnce(p *lint.Pass, first *lint.Revision, span lint.Span, message, help string) {
	if p.Project.Base == nil && p.Project.Setup != nil && p.Project.Setup.Env != nil {
		p.ReportFile(p.Project.Setup.Env.File, "", lint.LineSpan(1), message, help)
		return
	}
	p.Report(first, span, message, help)
}

// netSchemaChange reports whether upgrade leaves the schema changed: an
// object the revision both creates and drops (a temporary table, a column
// added and dropped again) is no change, and neither is a value added to
// an enum type, which PostgreSQL cannot remove again.
func netSchemaChange(ops *lint.Operations) bool {
	for _, op := range ops.Upgrade {
		if !op.IsDDL() || op.Kind == lint.OpAddEnumValue || op.Temporary {
			continue
		}
		if kind, table, name, ok := objectOf(op); ok {
			if s, found := ops.UpgradeObjects.Find(kind, table, name); found && s.Created >= 0 && s.Dropped >= 0 {
				continue
			}
		}
		return true
	}
	return false
}

// objectOf names the schema object an op creates or drops.
func objectOf(op lint.Op) (kind lint.ObjectKind, table, name string, ok bool) {
	switch op.Kind {
	case lint.OpCreateTable, lint.OpDropTable:
		return lint.ObjectTable, op.Table, op.Table, true
	case lint.OpAddColumn, lint.OpDropColumn:
		return lint.ObjectColumn, op.Table, op.Column, op.Column != ""
	case lint.OpCreateIndex, lint.OpDropIndex:
		return lint.ObjectIndex, op.Table, op.Name, op.Name != ""
	case lint.OpCreateForeignKey, lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey,
		lint.OpDropConstraint, lint.OpDropPrimaryKey:
		return lint.ObjectConstraint, op.Table, op.Name, op.Name != ""
	}
	return 0, "", "", false
}
