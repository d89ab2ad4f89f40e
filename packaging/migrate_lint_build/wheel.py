"""Writes a wheel by hand: a zip with the package, the binary as a script,
and dist-info METADATA, WHEEL and RECORD (PEP 427, PEP 491). No setuptools,
no network. Entries are sorted and dated SOURCE_DATE_EPOCH (default
1980-01-01), so the same inputs give the same bytes.
"""
import base64
import hashlib
import os
import re
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGING = os.path.dirname(HERE)
ROOT = os.path.dirname(PACKAGING)
NAME = "migrate-lint"
DIST = "migrate_lint"

SUMMARY = "Lint Alembic migrations: revision graph, risky schema changes, up/down/up on a real database"
DESCRIPTION = """\
# migrate-lint

migrate-lint keeps Alembic migrations safe. It reads revision files without
running them, checks the revision graph, and flags risky schema changes with a
concrete fix. This package carries the prebuilt `migrate-lint` binary (a Go
program) and puts it on PATH:

    pip install migrate-lint        # or: pipx install migrate-lint / uv tool install migrate-lint
    migrate-lint alembic.ini

Documentation: https://github.com/migrate-lint/migrate-lint
"""


def project_version():
    """The version in pyproject.toml's [project] table."""
    text = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    project = re.search(r"(?ms)^\[project\]\s*$(.*?)(?=^\[|\Z)", text)
    match = project and re.search(r'(?m)^version\s*=\s*"([^"]+)"\s*$', project.group(1))
    if not match:
        raise RuntimeError("pyproject.toml: no version in [project]")
    return match.group(1)


def metadata(version):
    return (
        "Metadata-Version: 2.1\n"
        "Name: %s\n"
        "Version: %s\n"
        "Summary: %s\n"
        "Home-page: https://github.com/migrate-lint/migrate-lint\n"
        "Project-URL: Source, https://github.com/migrate-lint/migrate-lint\n"
        "Keywords: alembic,migrations,lint,sqlalchemy,postgresql,mysql\n"
        "Classifier: Environment :: Console\n"
        "Classifier: Topic :: Database\n"
        "Classifier: Topic :: Software Development :: Quality Assurance\n"
        "Requires-Python: >=3.8\n"
        "Description-Content-Type: text/markdown\n"
        "\n%s" % (NAME, version, SUMMARY, DESCRIPTION)
    )


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _date_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    epoch = max(epoch, 315532800)  # zip cannot date before 1980
    return time.gmtime(epoch)[:6]


def write_wheel(out_dir, version, binary=None, tag=None, compress=True):
    """Write the wheel and return its file name.

    With binary (a path), it is installed as the `migrate-lint` script and the
    wheel is tagged py3-none-TAG (from the binary when tag is None). Without
    binary, the pure fallback: py3-none-any, whose `migrate-lint` entry point
    says how to get a binary. Without compress the entries are stored: the
    build backend's wheel is installed at once on the same machine, and
    deflating the binary would take seconds.
    """
    if binary is not None and tag is None:
        from .binaryinfo import platform_tag

        tag = platform_tag(binary)
    platform = tag if binary is not None else "any"
    wheel_name = "%s-%s-py3-none-%s.whl" % (DIST, version, platform)
    info = "%s-%s.dist-info" % (DIST, version)
    files = []  # (archive name, bytes, executable)
    pkg = os.path.join(PACKAGING, "migrate_lint")
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") and name != "_build.py":
            with open(os.path.join(pkg, name), "rb") as f:
                files.append(("migrate_lint/" + name, f.read(), False))
    build = "BUNDLED = %s\nVERSION = %r\n" % (binary is not None, version)
    files.append(("migrate_lint/_build.py", build.encode(), False))
    files.sort()
    if binary is not None:
        with open(binary, "rb") as f:
            exe = "migrate-lint.exe" if tag.startswith("win") else "migrate-lint"
            files.append(("%s-%s.data/scripts/%s" % (DIST, version, exe), f.read(), True))
    files.append((info + "/METADATA", metadata(version).encode(), False))
    wheel = "Wheel-Version: 1.0\nGenerator: migrate-lint packaging/migrate_lint_build\nRoot-Is-Purelib: %s\n" % (
        "true" if binary is None else "false")
    for t in platform.split("."):
        wheel += "Tag: py3-none-%s\n" % t
    files.append((info + "/WHEEL", wheel.encode(), False))
    if binary is None:
        files.append((info + "/entry_points.txt",
                      b"[console_scripts]\nmigrate-lint = migrate_lint.__main__:main\n", False))
    record = "".join("%s,%s,%d\n" % (n, _record_hash(d), len(d)) for n, d, _ in files)
    record += info + "/RECORD,,\n"
    files.append((info + "/RECORD", record.encode(), False))

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, wheel_name)
    tmp = path + ".tmp"
    when = _date_time()
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, data, executable in files:
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            zi.create_system = 3
            zi.external_attr = (0o100755 if executable else 0o100644) << 16
            zf.writestr(zi, data)
    os.replace(tmp, path)
    return wheel_name
