package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// modelDiff is one difference autogenerate finds between the database at
// the heads and env.py's target_metadata (driver.py describe_diff).
type modelDiff struct {
	Kind       string   `json:"kind"`
	Table      string   `json:"table"`
	Column     string   `json:"column"`
	Name       string   `json:"name"`
	Columns    []string `json:"columns"`
	Unique     bool     `json:"unique"`
	Constraint string   `json:"constraint"`
	Database   string   `json:"database"`
	Models     string   `json:"models"`
	Detail     string   `json:"detail"`
	// File and Line are the model class (or its column) when an ORM class
	// maps the table.
	File string `json:"file"`
	Line int    `json:"line"`
}

// compareModels upgrades to the heads and compares the database with the
// models as `alembic check` does; each difference is ML608.
func (s *stairway) compareModels(ctx context.Context) error {
	up, err := s.step(ctx, "upgrade", "heads", false)
	if err != nil || !up.OK {
		if err == nil && s.envError(up.Error) {
			s.envFailure(lint.ModelDriftID, up.Error)
			return nil
		}
		reason := ""
		if err != nil {
			reason = err.Error()
		} else if up.Error != nil {
			reason = up.Error.reason()
		}
		s.notice("the models were not compared with the database: upgrading to the heads failed: " + reason)
		return ctx.Err()
	}
	r, err := s.drv.call(ctx, map[string]any{"cmd": "compare"}, s.o.StepTimeout)
	if err != nil {
		s.notice("the models were not compared with the database: " + err.Error())
		return ctx.Err()
	}
	if !r.OK {
		if s.envError(r.Error) {
			s.envFailure(lint.ModelDriftID, r.Error)
		} else {
			s.notice("the models were not compared with the database: " + r.Error.Traceback)
		}
		return nil
	}
	if s.o.Progress != nil {
		fmt.Fprintf(s.o.Progress, "sandbox: models compared with the heads: %d differences (%.0f ms)\n", len(r.Diffs), r.Ms)
	}
	if r.NoMetadata {
		s.notice("env.py gives no target_metadata, so the models were not compared with the database (ML608): set target_metadata = Base.metadata in env.py")
		return nil
	}
	envFile, envSpan := s.envFile()
	for _, d := range r.Diffs {
		file, span := envFile, at(envSpan)
		if d.File != "" && d.Line > 0 {
			file, span = resolvePath(d.File), lint.LineSpan(d.Line)
		}
		msg, help := s.describeDiff(d)
		s.add(lint.Diagnostic{Rule: lint.ModelDriftID, File: file, Span: span, Message: msg, Help: help})
	}
	return nil
}

func (s *stairway) notice(msg string) {
	s.res.Notices = append(s.res.Notices, s.clean(msg))
}

const (
	helpModelsAhead     = "write the revision that creates it (`alembic revision --autogenerate` drafts it), or remove it from the models"
	helpMigrationsAhead = "add it to the models, or write a revision that drops it"
	helpModified        = "make the models and the revisions agree: alter the column in a new revision, or change the model"
)

// describeDiff words one difference from both sides.
func (s *stairway) describeDiff(d modelDiff) (string, string) {
	column := fmt.Sprintf("%s.%s", d.Table, d.Column)
	cols := strings.Join(d.Columns, ", ")
	constraint := "constraint"
	switch d.Constraint {
	case "UniqueConstraint":
		constraint = "unique constraint"
	case "ForeignKeyConstraint":
		constraint = "foreign key"
	case "CheckConstraint":
		constraint = "check constraint"
	}
	index := "index"
	if d.Unique {
		index = "unique index"
	}
	switch d.Kind {
	case "add_table":
		return fmt.Sprintf("models define table %q, but no revision creates it", d.Table), helpModelsAhead
	case "remove_table":
		return fmt.Sprintf("%s creates table %q, but no model defines it", s.creator(d.Table, ""), d.Table), helpMigrationsAhead
	case "add_column":
		return fmt.Sprintf("models define column %q, but no revision creates it", column), helpModelsAhead
	case "remove_column":
		return fmt.Sprintf("%s creates column %q, but no model has it", s.creator(d.Table, d.Column), column), helpMigrationsAhead
	case "add_index":
		return fmt.Sprintf("models define %s %q on %q (%s), but no revision creates it", index, d.Name, d.Table, cols), helpModelsAhead
	case "remove_index":
		return fmt.Sprintf("the revisions create %s %q on %q (%s), but no model defines it", index, d.Name, d.Table, cols), helpMigrationsAhead
	case "add_constraint", "add_fk":
		if d.Kind == "add_fk" {
			constraint = "foreign key"
		}
		return fmt.Sprintf("models define %s %q on %q (%s), but no revision creates it", constraint, d.Name, d.Table, cols), helpModelsAhead
	case "remove_constraint", "remove_fk":
		if d.Kind == "remove_fk" {
			constraint = "foreign key"
		}
		return fmt.Sprintf("the revisions create %s %q on %q (%s), but no model defines it", constraint, d.Name, d.Table, cols), helpMigrationsAhead
	case "modify_type":
		return fmt.Sprintf("column %q is %s in the models but %s in the database after the revisions", column, d.Models, d.Database), helpModified
	case "modify_nullable":
		return fmt.Sprintf("column %q is %s in the models but %s in the database after the revisions", column, d.Models, d.Database), helpModified
	case "modify_default":
		return fmt.Sprintf("column %q has %s in the models but %s in the database after the revisions", column, d.Models, d.Database), helpModified
	case "modify_comment":
		return fmt.Sprintf("column %q has comment %s in the models but %s in the database after the revisions", column, d.Models, d.Database), helpModified
	case "add_table_comment", "remove_table_comment":
		return fmt.Sprintf("the comment of table %q differs between the models and the revisions", d.Table), helpModified
	}
	detail := d.Detail
	if detail == "" {
		detail = d.Kind
	}
	return fmt.Sprintf("the models and the revisions differ: %s", detail), helpModified
}

// creator names the latest revision whose upgrade creates the table (or
// the column): "revision 3c4d (migrations/versions/3c4d_note.py)".
func (s *stairway) creator(table, column string) string {
	name := table[strings.LastIndexByte(table, '.')+1:]
	p := s.o.Project
	order := p.Graph.Topological()
	for i := len(order) - 1; i >= 0; i-- {
		rev := p.RevisionAt(order[i])
		if rev.Ops == nil {
			continue
		}
		for _, op := range rev.Ops.Upgrade {
			if !strings.EqualFold(op.Table[strings.LastIndexByte(op.Table, '.')+1:], name) {
				continue
			}
			creates := false
			switch {
			case column == "":
				creates = op.Kind == lint.OpCreateTable
			case op.Kind == lint.OpAddColumn:
				creates = strings.EqualFold(op.Column, column)
			case op.Kind == lint.OpCreateTable:
				for _, c := range op.Columns {
					creates = creates || strings.EqualFold(c, column)
				}
			}
			if creates {
				return fmt.Sprintf("revision %s (%s)", rev.ID, p.Rel(rev.File))
			}
		}
	}
	return "a revision"
}
