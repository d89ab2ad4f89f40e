package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// asyncDrivers maps an asyncio DBAPI driver to the synchronous driver of
// the same database.
var asyncDrivers = map[string]string{
	"asyncpg":          "postgresql+psycopg2 (or postgresql+psycopg)",
	"aiomysql":         "mysql+pymysql",
	"asyncmy":          "mysql+pymysql",
	"aiosqlite":        "sqlite",
	"psycopg_async":    "postgresql+psycopg",
	"aioodbc":          "mssql+pyodbc",
	"oracledb_async":   "oracle+oracledb",
	"pg8000_async":     "postgresql+pg8000",
	"mariadbconnector": "",
}

// AsyncDriverSyncEnv reports an asyncio driver in the URL while env.py is
// the synchronous template.
var AsyncDriverSyncEnv = &lint.Rule{
	ID: "ML702", Name: "async-driver-sync-env", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "sqlalchemy.url names an async driver but env.py runs the synchronous template",
	Doc: lint.Doc{
		Problem: "The URL Alembic uses (in alembic.ini, or the one env.py sets from settings or the environment, whose " +
			"literal default counts too) names an asyncio driver (asyncpg, aiomysql, asyncmy, aiosqlite) while env.py calls " +
			"`engine_from_config` and `connection.execute` synchronously. Every Alembic command fails with " +
			"`sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called`.",
		Solution: "Either use the synchronous driver of the same database in the URL Alembic uses, or switch env.py " +
			"to the async template (`alembic init -t async`), which runs migrations through `connection.run_sync`.",
		Example: "# env.py from `alembic init -t async`\nimport asyncio\nfrom sqlalchemy.ext.asyncio import async_engine_from_config\n\nasync def run_async_migrations():\n    connectable = async_engine_from_config(config.get_section(config.config_ini_section, {}), prefix=\"sqlalchemy.\")\n    async with connectable.connect() as connection:\n        await connection.run_sync(do_run_migrations)\n    await connectable.dispose()\n\nasyncio.run(run_async_migrations())\n",
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Env == nil || cfg.Env.Async {
			return
		}
		for _, u := range databaseURLSources(cfg) {
			dialect, driver := driverOf(u.Raw)
			sync, isAsync := asyncDrivers[driver]
			if !isAsync || driver == "mariadbconnector" {
				continue
			}
			p.ReportFile(u.File, "", u.Span,
				fmt.Sprintf("%s uses the async driver %q (%s+%s) but %s runs the synchronous template: every command fails with MissingGreenlet", u.describe(p.Project), driver, dialect, driver, p.Project.Rel(cfg.Env.File)),
				fmt.Sprintf("use %s in the URL Alembic uses, or regenerate env.py from the async template (alembic init -t async)", sync))
		}
	},
}
