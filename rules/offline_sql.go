package rules

import "github.com/migrate-lint/migrate-lint/lint"

// OfflineSQL is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation. The sandbox renders
// offline SQL when --offline-sql or [sandbox] offline-sql asks, or when the
// project shows that it uses offline mode (a revision checks
// context.is_offline_mode(), or alembic.ini sets output_encoding).
var OfflineSQL = &lint.Rule{
	ID: lint.OfflineSQLID, Name: "offline-sql-fails", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "the revision cannot be rendered as offline SQL (alembic upgrade --sql)",
	Doc: lint.Doc{
		Problem: "`alembic upgrade --sql` renders the SQL of the revisions without a database, for a DBA to " +
			"review and run. The sandbox rendered this revision that way (from its parents to it) and it " +
			"failed: it reads from the database (`op.get_bind().execute(...).scalar()`, `sa.inspect(bind)`), " +
			"and offline there is no connection, so nothing comes back. Teams that deploy with offline SQL " +
			"cannot ship it.",
		Solution: "Write the change as SQL that needs no results, or run the reading code only online and say " +
			"what offline mode does instead.",
		Example: `
from alembic import context


def upgrade():
    op.add_column("items", sa.Column("slug", sa.String(80)))
    if context.is_offline_mode():
        op.execute("UPDATE items SET slug = lower(name)")
    else:
        bind = op.get_bind()
        for id_, name in bind.execute(sa.text("SELECT id, name FROM items")):
            bind.execute(sa.text("UPDATE items SET slug = :s WHERE id = :i"), {"s": name.lower(), "i": id_})
`,
	},
}
