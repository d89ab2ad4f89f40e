"""Load an Alembic revision tree the way Alembic does, for scripts/bench.

    bench-alembic.py VERSIONS_DIR [VERSIONS_DIR...]

Alembic's ScriptDirectory imports every revision file and builds the
revision map (what every alembic command does first). Real projects'
revisions import their own application packages, which are not here: an
import that nothing on sys.path satisfies gets a stand-in module whose
attributes are stand-ins too (strings named after the attribute, so that
constants used as branch labels stay distinct), so that every file loads.
Prints the number of revisions and heads.
"""
import importlib.abc
import importlib.machinery
import os
import sys
import types


class _StubMeta(type):
    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name == "metadata":
            # A declarative base of a newer SQLAlchemy than the one here.
            import sqlalchemy
            cls.metadata = sqlalchemy.MetaData()
            return cls.metadata
        return _Stub(name)


class _StubBase(metaclass=_StubMeta):
    def __init__(self, *a, **k): pass


class _Stub(str):
    """A stand-in value: a string (its name, so that constants used as
    branch labels stay distinct) that can also be called, indexed, iterated
    and subclassed."""
    def __call__(self, *a, **k): return _Stub(self)
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Stub(name)
    def __getitem__(self, key): return _Stub(self)
    def __iter__(self): return iter(())
    def __mro_entries__(self, bases): return (_StubBase,)


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Stub(name)
    def __call__(self, *a, **k): return _Stub(self.__name__)
    def __mro_entries__(self, bases): return (_StubBase,)


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec):
        m = _StubModule(spec.name)
        m.__path__ = []
        return m
    def exec_module(self, module): pass


sys.meta_path.append(_StubFinder())

from alembic.script import ScriptDirectory  # noqa: E402

dirs = [os.path.abspath(d) for d in sys.argv[1:]]
script = ScriptDirectory(os.path.dirname(dirs[0]), version_locations=dirs)
heads = script.get_heads()
print(len(list(script.walk_revisions(base="base", head="heads"))), "revisions,", len(heads), "heads")
