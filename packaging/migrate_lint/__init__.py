"""migrate-lint: lint Alembic migrations.

The wheel carries the Go binary as a script (pip puts it on PATH as
``migrate-lint``); this package only finds it, for ``python -m migrate_lint``.
"""
import os
import sys
import sysconfig

from ._build import BUNDLED, VERSION

__version__ = VERSION


def find_binary():
    """Return the path of the bundled migrate-lint binary, or None."""
    if not BUNDLED:
        return None
    exe = "migrate-lint" + (".exe" if sys.platform == "win32" else "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), exe)]
    user = sysconfig.get_path("scripts", scheme=_user_scheme())
    if user:
        candidates.append(os.path.join(user, exe))
    candidates.append(os.path.join(os.path.dirname(sys.executable), exe))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _user_scheme():
    if sys.platform == "win32":
        return "nt_user"
    if sys.platform == "darwin" and sys._framework:  # type: ignore[attr-defined]
        return "osx_framework_user"
    return "posix_user"
