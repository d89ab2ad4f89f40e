"""In-tree PEP 517 build backend for the migrate-lint wheel.

`pip install .` in a checkout of this repository, which is what pre-commit
does for the `language: python` hook, builds a wheel that carries the
migrate-lint binary for this machine. The binary comes from, in order:

1. MIGRATE_LINT_BINARY: a path to a binary already built (tests, packagers);
2. the release of this version (pyproject.toml [project] version) for this
   OS and architecture, checked against its SHA256SUMS; the download base is
   MIGRATE_LINT_RELEASE_URL (default: the GitHub releases of the project);
3. only when there is no such release (HTTP 404: an unreleased commit, an
   unsupported platform): `go build` of the checkout, when Go is on PATH
   (minutes: cgo). Otherwise the build fails and says how to get a binary.

A checksum mismatch or any other download failure fails the build: no
fallback. It needs nothing but the standard library (`requires = []`).
"""
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

from . import release, wheel


def _log(message):
    sys.stderr.write("migrate-lint build: %s\n" % message)
    sys.stderr.flush()


def _binary(work, version):
    given = os.environ.get("MIGRATE_LINT_BINARY")
    if given:
        _log("using MIGRATE_LINT_BINARY=%s" % given)
        return given
    dest = os.path.join(work, "migrate-lint")
    try:
        release.fetch_binary(version, dest, _log)
        return dest
    except release.NoRelease as err:
        reason = str(err)
    go = shutil.which("go")
    if go is None or not os.path.isdir(os.path.join(wheel.ROOT, "cmd", "migrate-lint")):
        raise RuntimeError(
            "no prebuilt migrate-lint %s for this machine (%s) and no Go toolchain to build one. "
            "Install Go 1.26 and a C compiler, use the Docker image or the `migrate-lint-go` hook, "
            "or set MIGRATE_LINT_BINARY to a binary you built." % (version, reason))
    _log("%s: building from source with %s (minutes: cgo compiles pg_query and tree-sitter)" % (reason, go))
    subprocess.run(
        [go, "build", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w -X main.version=" + version,
         "-o", dest, "./cmd/migrate-lint"],
        cwd=wheel.ROOT, check=True, env=dict(os.environ, CGO_ENABLED="1"))
    return dest


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = wheel.project_version()
    work = tempfile.mkdtemp(prefix="migrate-lint-wheel-")
    try:
        return wheel.write_wheel(wheel_directory, version, _binary(work, version), compress=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_sdist(sdist_directory, config_settings=None):
    """The packaging files only: a wheel built from it downloads the release."""
    version = wheel.project_version()
    base = "%s-%s" % (wheel.DIST, version)
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in ["pyproject.toml"] + sorted(
                os.path.relpath(os.path.join(d, f), wheel.ROOT)
                for d, _, fs in os.walk(wheel.PACKAGING) for f in fs
                if f.endswith(".py") and "__pycache__" not in d):
            tar.add(os.path.join(wheel.ROOT, rel), arcname=base + "/" + rel)
        pkg_info = wheel.metadata(version).encode()
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(pkg_info)
        tar.addfile(info, io.BytesIO(pkg_info))
    return name
