package rules

import "github.com/migrate-lint/migrate-lint/lint"

// ModelDrift is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation. It is opt-in: the sandbox
// compares the models only when asked (--models, [sandbox] models = true,
// or --select ML608).
var ModelDrift = &lint.Rule{
	ID: lint.ModelDriftID, Name: "model-drift", Severity: lint.SeverityError, Since: "0.1.0", OptIn: true,
	Title: "after upgrading to the heads, the database differs from the models",
	Doc: lint.Doc{
		Problem: "The sandbox upgraded a throwaway database to the heads and compared it with env.py's " +
			"target_metadata the way `alembic check` and autogenerate do (types and server defaults compared, " +
			"env.py's include_object and include_name hooks applied). They differ: the models were changed " +
			"without a revision (\"models define users.phone, but no revision creates it\"), or a revision " +
			"was written without changing the models (\"revision 3c4d creates orders.note, but no model has " +
			"it\"). The next `alembic revision --autogenerate` then writes the difference into an unrelated " +
			"revision, or drops what production needs. The finding is on the model class (or its column) " +
			"when an ORM class maps the table, else on env.py.",
		Solution: "Write the missing revision (autogenerate drafts it) or change the model, until the two agree. " +
			"A table the models deliberately leave out belongs in env.py's include_object hook.",
		Example: `
# env.py
def include_object(object, name, type_, reflected, compare_to):
    # tables owned by another service are not in our models
    return not (type_ == "table" and name.startswith("legacy_"))

context.configure(connection=connection, target_metadata=target_metadata, include_object=include_object)
`,
	},
}
