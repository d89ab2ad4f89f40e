package rules

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DynamicSQL notes values pasted into SQL at run time.
var DynamicSQL = &lint.Rule{
	ID: "ML504", Name: "dynamic-sql", Severity: lint.SeverityInfo, Since: "0.1.0",
	Title: "values pasted into SQL at run time (f-string, %, .format, concatenation)",
	Doc: lint.Doc{
		Problem: "Data read at run time (a query's rows, the environment) pasted into SQL with an f-string, % " +
			"formatting, .format() or + is not quoted by the driver: a quote in the data breaks the statement, and " +
			"data from outside is an injection. migrate-lint cannot check such a statement either (it does not " +
			"guess). Table, column and constraint names built this way cannot be bound and are not reported, nor " +
			"are constants of the code; names that resolve to module constants or literal loop values are read as " +
			"if written out.",
		Solution: "Use a literal SQL string with bound parameters (sa.text(...).bindparams(...)), or Alembic operations.",
		Example: `
def upgrade():
    op.execute(sa.text("UPDATE users SET plan = :plan WHERE plan IS NULL").bindparams(plan="free"))
`,
	},
	Run: func(p *lint.Pass) {
		for _, c := range p.Ops().DynamicSQL {
			sql, ok := sqlArgument(c)
			if !ok || !sql.Runtime || !interpolatesValue(sql) {
				continue
			}
			p.Report(p.Revision, c.Span, "a value is pasted into this SQL at run time: it is not quoted by the driver, and the rules cannot check the statement",
				"use a literal SQL string with bound parameters, e.g. sa.text(\"... :value\").bindparams(value=...)")
		}
	},
}

// sqlArgument is the SQL string given to execute(), through sa.text().
func sqlArgument(c lint.Call) (lint.Value, bool) {
	if len(c.Args) == 0 {
		return lint.Value{}, false
	}
	v := c.Args[0]
	if v.Kind == lint.KindCall && v.CalleeName() == "text" && len(v.Args) > 0 {
		v = v.Args[0]
	}
	return v, v.Kind == lint.KindString
}

// valueKeywords are the SQL words after which a hole takes a value.
var valueKeywords = map[string]bool{"VALUES": true, "IN": true, "LIKE": true, "ILIKE": true, "LIMIT": true, "OFFSET": true,
	"THEN": true, "ELSE": true, "WHEN": true, "BETWEEN": true, "AND": true, "OR": true, "IS": true, "DEFAULT": true}

// interpolatesValue reports whether one of a dynamic string's holes sits
// where SQL takes a value (in quotes, after a comparison, in VALUES or
// IN), rather than a table, column or constraint name.
func interpolatesValue(v lint.Value) bool {
	for _, h := range v.Holes() {
		if h > len(v.Text) {
			continue
		}
		before := v.Text[:h]
		if strings.Count(before, "'")%2 == 1 {
			return true // inside a string literal
		}
		trimmed := strings.TrimRight(before, " \t\n(")
		if trimmed == "" {
			continue
		}
		if strings.ContainsRune("=<>+-*/|", rune(trimmed[len(trimmed)-1])) {
			return true
		}
		word := trimmed[strings.LastIndexAny(trimmed, " \t\n(,")+1:]
		if valueKeywords[strings.ToUpper(word)] {
			return true
		}
		if strings.HasSuffix(trimmed, ",") && insideValueList(before) {
			return true
		}
	}
	return false
}

// insideValueList reports a position inside the parentheses of VALUES
// (...) or IN (...).
func insideValueList(before string) bool {
	open := strings.LastIndexByte(before, '(')
	if open < 0 || strings.LastIndexByte(before, ')') > open {
		return false
	}
	head := strings.ToUpper(strings.TrimSpace(before[:open]))
	return strings.HasSuffix(head, "VALUES") || strings.HasSuffix(head, " IN")
}
