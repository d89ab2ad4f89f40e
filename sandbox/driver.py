"""migrate-lint sandbox driver.

Runs Alembic steps for migrate-lint in ONE Python process: one Config, one
load of the script directory, and (when env.py builds its engine with
engine_from_config, as Alembic's templates do) one database connection.
Commands arrive as JSON lines on stdin; each gets one JSON line on stdout.

    {"cmd": "upgrade", "target": "1a2b3c4d5e6f", "measure": true}
    {"cmd": "downgrade", "target": "1a2b3c4d5e6f"}
    {"cmd": "quit"}

"upgrade" goes to the target as `alembic upgrade` does. "downgrade" undoes
exactly the target revision: Alembic's relative targets cannot (a merge's
"-1" is ambiguous, a second base's "-1" undoes everything, and downgrading to
a parent also undoes sibling branches already applied).

On PostgreSQL, with "measure", the driver records after every statement
which existing tables the transaction holds ACCESS EXCLUSIVE and which were
rewritten (their relfilenode changed), with the statement responsible.
Works with Alembic 1.8+ and SQLAlchemy 1.4 and 2.x.
"""
import json
import os
import sys
import time
import traceback

# stdout is the protocol channel: anything env.py prints goes to stderr.
PROTOCOL = sys.stdout
sys.stdout = sys.stderr


def reply(obj):
    PROTOCOL.write(json.dumps(obj) + "\n")
    PROTOCOL.flush()


try:
    import sqlalchemy
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationStep
    from alembic.script import ScriptDirectory
except Exception as e:  # noqa: BLE001
    reply({"ready": False, "error": {"message": "cannot import Alembic and SQLAlchemy: %s" % e}})
    sys.exit(3)

SETTINGS = json.loads(os.environ["MIGRATE_LINT_SANDBOX"])
URL = SETTINGS["url"]
for name in SETTINGS.get("url_env", ["DATABASE_URL"]):
    os.environ[name] = URL

if SETTINGS.get("config_file"):
    CONFIG = Config(SETTINGS["config_file"], ini_section=SETTINGS.get("ini_section", "alembic"))
else:
    CONFIG = Config()
if SETTINGS.get("toml_file"):
    CONFIG.toml_file_name = SETTINGS["toml_file"]  # Alembic 1.16+ reads [tool.alembic]
if SETTINGS.get("script_location"):
    CONFIG.set_main_option("script_location", SETTINGS["script_location"])
if SETTINGS.get("version_locations"):
    CONFIG.set_main_option("version_locations", " ".join(SETTINGS["version_locations"]))
CONFIG.set_main_option("sqlalchemy.url", URL.replace("%", "%%"))
SCRIPT = ScriptDirectory.from_config(CONFIG)
POSTGRES = URL.startswith("postgres")

# --- one engine and one connection for every step -------------------------
ENGINES = {}
MEASURE = {"on": False, "baseline": None, "locks": [], "rewrites": [], "busy": False, "seen": set()}


def shared_engine_from_config(configuration, prefix="sqlalchemy.", **kwargs):
    """engine_from_config that returns one engine with one pooled connection.

    env.py asks for a NullPool engine on every run; reusing a single
    connection saves a connect per step and lets the lock probe attach once.
    """
    key = (prefix, tuple(sorted((k, str(v)) for k, v in configuration.items() if k.startswith(prefix))))
    if key not in ENGINES:
        kwargs["poolclass"] = sqlalchemy.pool.StaticPool
        engine = ORIGINAL_ENGINE_FROM_CONFIG(configuration, prefix=prefix, **kwargs)
        if POSTGRES:
            sqlalchemy.event.listen(engine, "before_cursor_execute", before_statement)
            sqlalchemy.event.listen(engine, "after_cursor_execute", after_statement)
        ENGINES[key] = engine
    return ENGINES[key]


ORIGINAL_ENGINE_FROM_CONFIG = sqlalchemy.engine_from_config
sqlalchemy.engine_from_config = shared_engine_from_config

TABLES_SQL = """
SELECT c.oid, n.nspname || '.' || c.relname, c.relfilenode
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%' AND c.relname <> 'alembic_version'
"""
LOCKS_SQL = """
SELECT l.relation, l.mode FROM pg_locks l
WHERE l.pid = pg_backend_pid() AND l.granted AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
"""


def probe(dbapi_connection, sql):
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def before_statement(conn, cursor, statement, parameters, context, executemany):
    if not MEASURE["on"] or MEASURE["busy"] or MEASURE["baseline"] is not None:
        return
    MEASURE["busy"] = True
    try:
        MEASURE["baseline"] = {oid: (name, node) for oid, name, node in probe(cursor.connection, TABLES_SQL)}
    except Exception:  # noqa: BLE001  the probe must never break a migration
        MEASURE["baseline"] = {}
    finally:
        MEASURE["busy"] = False


def after_statement(conn, cursor, statement, parameters, context, executemany):
    if not MEASURE["on"] or MEASURE["busy"] or not MEASURE["baseline"]:
        return
    MEASURE["busy"] = True
    try:
        base = MEASURE["baseline"]
        text = " ".join(statement.split())[:300]
        for oid, mode in probe(cursor.connection, LOCKS_SQL):
            if oid in base and ("lock", oid) not in MEASURE["seen"]:
                MEASURE["seen"].add(("lock", oid))
                MEASURE["locks"].append({"table": base[oid][0], "mode": mode, "statement": text})
        for oid, name, node in probe(cursor.connection, TABLES_SQL):
            if oid in base and base[oid][1] != node and ("rewrite", oid) not in MEASURE["seen"]:
                MEASURE["seen"].add(("rewrite", oid))
                MEASURE["rewrites"].append({"table": name, "statement": text})
    except Exception:  # noqa: BLE001
        pass
    finally:
        MEASURE["busy"] = False


# --- running one step -------------------------------------------------------
def run_step(direction, target):
    def step(rev, context):
        if direction == "upgrade":
            return SCRIPT._upgrade_revs(target, rev)
        return [MigrationStep.downgrade_from_script(SCRIPT.revision_map, SCRIPT.get_revision(target))]

    with EnvironmentContext(CONFIG, SCRIPT, fn=step, as_sql=False, starting_rev=None,
                            destination_rev=target, tag=None):
        SCRIPT.run_env()


def describe_error(exc):
    err = {"message": str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
           "type": type(exc).__name__}
    orig = getattr(exc, "orig", None)
    if orig is not None:
        code = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None)
        if code:
            err["sqlstate"] = code
        args = getattr(orig, "args", ())
        if args and isinstance(args[0], int):
            err["errno"] = args[0]
            if len(args) > 1:
                err["message"] = str(args[1])
        elif getattr(getattr(orig, "diag", None), "message_primary", None):
            err["message"] = orig.diag.message_primary
        elif getattr(orig, "pgerror", None):
            err["message"] = orig.pgerror.strip().splitlines()[0].replace("ERROR:", "").strip()
    statement = getattr(exc, "statement", None)
    if statement:
        err["statement"] = " ".join(statement.split())[:500]
    # The innermost frame inside a version location is the revision's line.
    locations = [os.path.abspath(p) for p in SCRIPT._version_locations]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = os.path.abspath(frame.filename)
        if any(path.startswith(loc + os.sep) for loc in locations):
            err["file"], err["line"] = path, frame.lineno
            err["code"] = (frame.line or "").strip()
            break
    err["traceback"] = traceback.format_exception_only(type(exc), exc)[-1].strip()[:500]
    return err


def main():
    reply({"ready": True, "alembic": __import__("alembic").__version__, "sqlalchemy": sqlalchemy.__version__})
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            break
        MEASURE.update(on=bool(cmd.get("measure")) and POSTGRES, baseline=None, locks=[], rewrites=[], seen=set())
        start = time.perf_counter()
        try:
            run_step(cmd["cmd"], cmd["target"])
            reply({"ok": True, "ms": (time.perf_counter() - start) * 1000,
                   "locks": MEASURE["locks"], "rewrites": MEASURE["rewrites"]})
        except BaseException as exc:  # noqa: BLE001  every failure is reported, then the next command
            for engine in ENGINES.values():
                engine.dispose()
            ENGINES.clear()
            reply({"ok": False, "ms": (time.perf_counter() - start) * 1000, "error": describe_error(exc)})
        finally:
            MEASURE["on"] = False
    for engine in ENGINES.values():
        engine.dispose()


main()
