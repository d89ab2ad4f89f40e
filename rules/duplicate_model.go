package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DuplicateModel reports two models mapping the same table on one
// MetaData, and two model classes of one name on one base whose name a
// relationship() string uses.
var DuplicateModel = &lint.Rule{
	ID: "ML709", Name: "duplicate-model", Severity: lint.SeverityError, Since: "0.2.0", Project: true,
	Title: "two models declare the same table, or two model classes share a name that relationship() strings use",
	Doc: lint.Doc{
		Problem: "Two models with the same `__tablename__` on one MetaData make SQLAlchemy raise \"Table 'x' is " +
			"already defined for this MetaData instance\" when the second module is imported: env.py, the application " +
			"and autogenerate all fail. Two classes with the same name on one declarative base (often a copy left in " +
			"an old module) make every `relationship(\"Name\")` fail with \"Multiple classes found for path\".",
		Solution: "Delete or rename one of the two. Where the second definition is meant to extend the first table, say so with `__table_args__ = {\"extend_existing\": True}`; where two classes must share a name, refer to them by their module path in relationship().",
		Example: `
# myapp/models/order.py
class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.Integer, primary_key=True)
    customer = relationship("Customer")

# myapp/models/customer.py: the only class called Customer
class Customer(Base):
    __tablename__ = "customers"
    id = sa.Column(sa.Integer, primary_key=True)
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Models == nil {
			return
		}
		tables := map[string]lint.Model{}
		for _, b := range cfg.Models.Bases {
			classes := map[string]lint.Model{}
			for _, m := range b.Models {
				if m.OwnTable && m.Table != "" && !m.ExtendExisting {
					key := b.Metadata + "\x00" + m.Table
					if first, dup := tables[key]; dup {
						p.ReportFile(m.File, "", m.Span,
							fmt.Sprintf("%s declares table %q, which %s.%s (%s) already declares on the same MetaData: importing both fails with \"Table '%s' is already defined for this MetaData instance\"", m.Class, m.Table, first.Module, first.Class, p.Project.Rel(first.File), m.Table),
							"delete or rename one of the two models, or add __table_args__ = {\"extend_existing\": True} if this one is meant to extend the other")
					} else if !dup {
						tables[key] = m
					}
				}
				if first, dup := classes[m.Class]; dup && first.Module != m.Module && (m.NamedInStrings || first.NamedInStrings) {
					p.ReportFile(m.File, "", m.Span,
						fmt.Sprintf("model class %s is also defined in %s on the same base: relationship(%q) fails with \"Multiple classes found for path %q\"", m.Class, first.Module, m.Class, m.Class),
						fmt.Sprintf("rename or delete one of the two classes, or write the module path in relationship(\"%s.%s\")", m.Module, m.Class))
				} else if !dup {
					classes[m.Class] = m
				}
			}
		}
	},
}
