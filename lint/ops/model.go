package ops

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// modelOf records, for one direction's ops in statement order, where each
// table, column, index and constraint is created and dropped.
func modelOf(ops []lint.Op) lint.Objects {
	var m lint.Objects
	index := map[[3]string]int{}
	span := func(kind lint.ObjectKind, table, name string) *lint.ObjectSpan {
		table, name = strings.ToLower(table), strings.ToLower(name)
		key := [3]string{kind.String(), table, name}
		if kind == lint.ObjectTable {
			key[1] = ""
		}
		if i, ok := index[key]; ok {
			return &m.Spans[i]
		}
		index[key] = len(m.Spans)
		m.Spans = append(m.Spans, lint.ObjectSpan{Kind: kind, Table: table, Name: name, Created: -1, Dropped: -1})
		return &m.Spans[len(m.Spans)-1]
	}
	created := func(s *lint.ObjectSpan, at int) {
		if s.Created < 0 {
			s.Created = at
		}
	}
	dropped := func(s *lint.ObjectSpan, at int) {
		if s.Dropped < 0 {
			s.Dropped = at
		}
	}
	for i, op := range ops {
		switch op.Kind {
		case lint.OpCreateTable:
			created(span(lint.ObjectTable, op.Table, op.Table), i)
		case lint.OpDropTable:
			dropped(span(lint.ObjectTable, op.Table, op.Table), i)
		case lint.OpAddColumn:
			if op.Column != "" {
				created(span(lint.ObjectColumn, op.Table, op.Column), i)
			}
		case lint.OpDropColumn:
			if op.Column != "" {
				dropped(span(lint.ObjectColumn, op.Table, op.Column), i)
			}
		case lint.OpCreateIndex:
			if op.Name != "" {
				created(span(lint.ObjectIndex, op.Table, op.Name), i)
			}
		case lint.OpDropIndex:
			if op.Name != "" {
				dropped(span(lint.ObjectIndex, op.Table, op.Name), i)
			}
		case lint.OpCreateForeignKey, lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey:
			if op.Name != "" {
				created(span(lint.ObjectConstraint, op.Table, op.Name), i)
			}
		case lint.OpDropConstraint, lint.OpDropPrimaryKey:
			if op.Name != "" {
				dropped(span(lint.ObjectConstraint, op.Table, op.Name), i)
			}
		case lint.OpCreateType:
			if op.Name != "" {
				created(span(lint.ObjectType, "", op.Name), i)
			}
		case lint.OpDropType:
			if op.Name != "" {
				dropped(span(lint.ObjectType, "", op.Name), i)
			}
		}
	}
	return m
}

// MarkChangeSet treats tables that another revision of the change set
// creates as new: with --base they are not in production yet either, so
// operations on them lock and lose nothing. It runs once, after the
// loader has chosen the targets; outside change-set mode it does nothing.
func MarkChangeSet(p *lint.Project) {
	if p.Base == nil {
		return
	}
	creator := map[string]*lint.Revision{}
	for _, rev := range p.Targets() {
		if p.Base.IDs[rev.ID] || rev.Ops == nil {
			continue
		}
		for _, s := range rev.Ops.UpgradeObjects.Spans {
			if s.Kind == lint.ObjectTable && s.Created >= 0 {
				creator[s.Table] = rev
			}
		}
	}
	if len(creator) == 0 {
		return
	}
	for _, rev := range p.Targets() {
		if rev.Ops == nil {
			continue
		}
		for i := range rev.Ops.Upgrade {
			op := &rev.Ops.Upgrade[i]
			if c, ok := creator[strings.ToLower(op.Table)]; ok && c != rev {
				op.NewTable, op.NewColumn = true, true
			}
		}
	}
}
