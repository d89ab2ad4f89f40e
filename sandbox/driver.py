"""migrate-lint sandbox driver.

Runs Alembic steps for migrate-lint in ONE Python process: one Config, one
load of the script directory, and (when env.py builds its engine with
engine_from_config, as Alembic's templates do) one database connection.
Commands arrive as JSON lines on stdin; each gets one JSON line on stdout.

    {"cmd": "upgrade", "target": "1a2b3c4d5e6f", "measure": true}
    {"cmd": "downgrade", "target": "1a2b3c4d5e6f"}
    {"cmd": "offline", "target": "1a2b3c4d5e6f", "parents": ["0f1e2d3c4b5a"]}
    {"cmd": "compare"}
    {"cmd": "seed", "path": "/abs/seed.py"}
    {"cmd": "quit"}

"upgrade" goes to the target as `alembic upgrade` does. "downgrade" undoes
exactly the target revision: Alembic's relative targets cannot (a merge's
"-1" is ambiguous, a second base's "-1" undoes everything, and downgrading to
a parent also undoes sibling branches already applied).

"offline" renders the target's upgrade as `alembic upgrade PARENT:TARGET
--sql` does, into a buffer: a revision that reads from the database breaks
it. "compare" compares the database with env.py's target_metadata as
`alembic check` does, with types and server defaults compared and env.py's
include_object / include_name hooks applied. "seed" calls `seed(connection)`
from the project's seed hook.

On PostgreSQL, with "measure", the driver records after every statement
which existing tables the transaction holds ACCESS EXCLUSIVE and which were
rewritten (their relfilenode changed), with the statement responsible.
Works with Alembic 1.8+ and SQLAlchemy 1.4 and 2.x.
"""
import io
import json
import os
import re
import sys
import time
import traceback

# stdout is the protocol channel: anything env.py prints goes to stderr.
PROTOCOL = sys.stdout
sys.stdout = sys.stderr
DRIVER = os.path.abspath(__file__)


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
# With an alembic.ini, Alembic reads script_location and version_locations
# itself, exactly as its command line does; they are only given here when
# nothing else would name them.
if SETTINGS.get("script_location"):
    CONFIG.set_main_option("script_location", SETTINGS["script_location"])
if SETTINGS.get("version_locations"):
    CONFIG.set_main_option("version_path_separator", "os")
    CONFIG.set_main_option("version_locations", os.pathsep.join(SETTINGS["version_locations"]))
CONFIG.set_main_option("sqlalchemy.url", URL.replace("%", "%%"))


def startup_error(exc):
    err = describe_error(exc, [])
    reply({"ready": False, "error": err})
    sys.exit(3)


POSTGRES = URL.startswith("postgres")

# --- where an error comes from ---------------------------------------------
LIBRARY_MARKERS = (os.sep + "site-packages" + os.sep, os.sep + "dist-packages" + os.sep)
STDLIB = [os.path.abspath(p) for p in {sys.base_prefix, sys.prefix, getattr(sys, "base_exec_prefix", sys.prefix)}]


def is_library(path):
    if path.startswith("<") or path == DRIVER:
        return True
    if any(m in path for m in LIBRARY_MARKERS):
        return True
    return any(path.startswith(os.path.join(p, "lib") + os.sep) for p in STDLIB)


def origin_of(path, locations, env_py):
    if any(path.startswith(loc + os.sep) for loc in locations):
        return "revision"
    if env_py and path == env_py:
        return "env"
    if is_library(path):
        return ""
    return "module"


def describe_error(exc, locations, env_py=None):
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
    frames = [(os.path.abspath(f.filename), f.lineno, (f.line or "").strip())
              for f in traceback.extract_tb(exc.__traceback__)]
    # A file that does not compile is the culprit, wherever it was imported.
    if isinstance(exc, SyntaxError) and exc.filename:
        err["message"] = "%s (line %s)" % (exc.msg, exc.lineno)
        frames.append((os.path.abspath(exc.filename), exc.lineno or 1, (exc.text or "").strip()))
    # The innermost frame inside a version location is the revision's line;
    # without one, the innermost frame of the project's own code (env.py or
    # a module it imports) is where the error is.
    chosen = None
    for frame in reversed(frames):
        if origin_of(frame[0], locations, env_py) == "revision":
            chosen = frame
            break
    if chosen is None:
        for frame in reversed(frames):
            if origin_of(frame[0], locations, env_py):
                chosen = frame
                break
    if chosen is not None:
        err["file"], err["line"], err["code"] = chosen
        err["origin"] = origin_of(chosen[0], locations, env_py)
        # Raised inside Alembic while env.py's context.run_migrations()
        # ran the revisions (a revision it cannot locate): not env.py's.
        if err["origin"] == "env" and "run_migrations(" in chosen[2]:
            err["origin"] = ""
        # The env.py line that led there (an import of the models).
        for path, line, code in frames:
            if env_py and path == env_py and (path, line) != chosen[:2]:
                err["env_line"] = line
                err["env_code"] = code
    err["traceback"] = traceback.format_exception_only(type(exc), exc)[-1].strip()[:500]
    return err


try:
    SCRIPT = ScriptDirectory.from_config(CONFIG)
except Exception as e:  # noqa: BLE001  a configuration Alembic itself rejects
    startup_error(e)
LOCATIONS = [os.path.abspath(p) for p in SCRIPT._version_locations]
ENV_PY = os.path.abspath(os.path.join(SCRIPT.dir, "env.py"))

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


def dispose_engines():
    for engine in ENGINES.values():
        engine.dispose()
    ENGINES.clear()


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
    return {}


def run_offline(target, parents):
    """`alembic upgrade PARENTS:TARGET --sql` for exactly one revision."""
    def step(rev, context):
        return [MigrationStep.upgrade_from_script(SCRIPT.revision_map, SCRIPT.get_revision(target))]

    buffer = io.StringIO()
    saved = CONFIG.output_buffer
    CONFIG.output_buffer = buffer
    try:
        with EnvironmentContext(CONFIG, SCRIPT, fn=step, as_sql=True, starting_rev=tuple(parents) or None,
                                destination_rev=target, tag=None):
            SCRIPT.run_env()
    finally:
        CONFIG.output_buffer = saved
    return {"sql_bytes": len(buffer.getvalue())}


# --- models drift -----------------------------------------------------------
def mapped_classes():
    """Every ORM class by its table, to point a finding at the model."""
    out = {}
    try:
        from sqlalchemy.orm import mapperlib
        registries = list(getattr(mapperlib, "_mapper_registries", {}))
    except Exception:  # noqa: BLE001
        return out
    for registry in registries:
        for mapper in list(getattr(registry, "mappers", [])):
            table = getattr(mapper, "local_table", None)
            if table is not None and getattr(table, "name", None):
                out.setdefault(table_key(table.schema, table.name), mapper)
    return out


def table_key(schema, name):
    return "%s.%s" % (schema, name) if schema else name


def class_location(mapper, column=None):
    import inspect
    cls = mapper.class_
    try:
        path = os.path.abspath(inspect.getsourcefile(cls))
        lines, start = inspect.getsourcelines(cls)
    except (TypeError, OSError):
        return None
    line = start
    if column is not None:
        key = column
        try:
            prop = mapper.get_property_by_column(mapper.local_table.c[column])
            key = prop.key
        except Exception:  # noqa: BLE001
            pass
        pattern = re.compile(r"^\s*%s\s*[:=]" % re.escape(key))
        for i, text in enumerate(lines):
            if pattern.match(text):
                line = start + i
                break
    return {"file": path, "line": line}


def render_type(t):
    try:
        return str(t)
    except Exception:  # noqa: BLE001  a type that cannot compile without a dialect
        return repr(t)


def render_default(d):
    if d is None:
        return "no server default"
    arg = getattr(d, "arg", d)
    text = getattr(arg, "text", arg)
    return "server default %r" % str(text)


def describe_diff(d, classes):
    """One difference as a JSON object: what, where in the models."""
    kind = d[0]
    out = {"kind": kind}
    if kind in ("add_table", "remove_table"):
        t = d[1]
        out["table"] = table_key(t.schema, t.name)
    elif kind in ("add_column", "remove_column"):
        out["table"] = table_key(d[1], d[2])
        out["column"] = d[3].name
    elif kind in ("add_index", "remove_index"):
        ix = d[1]
        out["table"] = table_key(ix.table.schema, ix.table.name)
        out["name"] = ix.name or ""
        out["columns"] = [c.name for c in ix.columns]
        out["unique"] = bool(ix.unique)
    elif kind in ("add_constraint", "remove_constraint", "add_fk", "remove_fk"):
        c = d[1]
        out["table"] = table_key(c.table.schema, c.table.name)
        out["name"] = c.name or ""
        out["columns"] = [col.name for col in c.columns]
        out["constraint"] = type(c).__name__
    elif kind in ("modify_type", "modify_nullable", "modify_default", "modify_comment"):
        out["table"] = table_key(d[1], d[2])
        out["column"] = d[3]
        existing, new = d[5], d[6]
        if kind == "modify_type":
            out["database"], out["models"] = render_type(existing), render_type(new)
        elif kind == "modify_nullable":
            out["database"] = "nullable" if existing else "NOT NULL"
            out["models"] = "nullable" if new else "NOT NULL"
        elif kind == "modify_default":
            out["database"], out["models"] = render_default(existing), render_default(new)
        else:
            out["database"], out["models"] = repr(existing), repr(new)
    elif kind in ("add_table_comment", "remove_table_comment"):
        t = d[1]
        out["table"] = table_key(t.schema, t.name)
    else:
        out["detail"] = repr(d)[:300]
    mapper = classes.get(out.get("table", ""))
    if mapper is not None:
        column = out.get("column") if kind in ("add_column", "modify_type", "modify_nullable", "modify_default", "modify_comment") else None
        loc = class_location(mapper, column)
        if loc:
            out["file"], out["line"] = loc["file"], loc["line"]
    return out


def flatten(diffs):
    for d in diffs:
        if isinstance(d, list):  # modify_* come grouped per column
            for x in d:
                yield x
        else:
            yield d


def run_compare():
    from alembic.autogenerate import compare_metadata
    result = {"diffs": [], "no_metadata": False}

    def step(rev, context):
        metadata = context.opts.get("target_metadata")
        if metadata is None or (isinstance(metadata, (list, tuple)) and not metadata):
            result["no_metadata"] = True
            return []
        # As `alembic check` with compare_type and compare_server_default
        # on; a callable of env.py's own is kept.
        if not callable(getattr(context, "_user_compare_type", None)):
            context._user_compare_type = True
        if not callable(getattr(context, "_user_compare_server_default", None)):
            context._user_compare_server_default = True
        classes = mapped_classes()
        for d in flatten(compare_metadata(context, metadata)):
            result["diffs"].append(describe_diff(d, classes))
        return []

    with EnvironmentContext(CONFIG, SCRIPT, fn=step, as_sql=False, starting_rev=None,
                            destination_rev=None, tag=None):
        SCRIPT.run_env()
    return result


def run_seed(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("migrate_lint_seed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "seed", None)):
        raise RuntimeError("%s defines no seed(connection) function" % path)
    engine = sqlalchemy.create_engine(URL, poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.begin() as connection:
            module.seed(connection)
    finally:
        engine.dispose()
    return {}


def main():
    reply({"ready": True, "alembic": __import__("alembic").__version__, "sqlalchemy": sqlalchemy.__version__,
           "prepend_sys_path": CONFIG.get_main_option("prepend_sys_path") or "", "cwd": os.getcwd(),
           "env_py": ENV_PY})
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            break
        MEASURE.update(on=bool(cmd.get("measure")) and POSTGRES, baseline=None, locks=[], rewrites=[], seen=set())
        start = time.perf_counter()
        try:
            if cmd["cmd"] in ("upgrade", "downgrade"):
                extra = run_step(cmd["cmd"], cmd["target"])
            elif cmd["cmd"] == "offline":
                extra = run_offline(cmd["target"], cmd.get("parents") or [])
            elif cmd["cmd"] == "compare":
                extra = run_compare()
            elif cmd["cmd"] == "seed":
                extra = run_seed(cmd["path"])
            else:
                raise ValueError("unknown command %r" % cmd["cmd"])
            out = {"ok": True, "ms": (time.perf_counter() - start) * 1000,
                   "locks": MEASURE["locks"], "rewrites": MEASURE["rewrites"]}
            out.update(extra)
            reply(out)
        except BaseException as exc:  # noqa: BLE001  every failure is reported, then the next command
            dispose_engines()
            reply({"ok": False, "ms": (time.perf_counter() - start) * 1000,
                   "error": describe_error(exc, LOCATIONS, ENV_PY)})
        finally:
            MEASURE["on"] = False
    dispose_engines()


main()
