"""Builds the wheels of a release from its archives (scripts/build-wheels).

    python3 -m migrate_lint_build.from_archives DIST OUTDIR

For every DIST/migrate-lint_<os>_<arch>.tar.gz, checked against
DIST/SHA256SUMS or its own .sha256 file: a wheel tagged for the platform the
binary needs (read from the binary), plus one py3-none-any wheel without a
binary whose `migrate-lint` says how to get one.
"""
import glob
import hashlib
import io
import os
import sys
import tarfile
import tempfile

from . import wheel


def _expected(dist, archive):
    name = os.path.basename(archive)
    for sums in (os.path.join(dist, "SHA256SUMS"), archive + ".sha256"):
        if os.path.exists(sums):
            for line in open(sums, encoding="utf-8"):
                parts = line.split()
                if len(parts) == 2 and parts[1].lstrip("*") == name:
                    return parts[0].lower()
    raise SystemExit("build-wheels: no checksum for %s in SHA256SUMS or %s.sha256" % (name, name))


def main(argv):
    if len(argv) != 2:
        raise SystemExit("usage: python3 -m migrate_lint_build.from_archives DIST OUTDIR")
    dist, out = argv
    version = wheel.project_version()
    archives = sorted(glob.glob(os.path.join(dist, "migrate-lint_*_*.tar.gz")))
    if not archives:
        raise SystemExit("build-wheels: no migrate-lint_<os>_<arch>.tar.gz in %s" % dist)
    with tempfile.TemporaryDirectory() as work:
        for archive in archives:
            data = open(archive, "rb").read()
            if hashlib.sha256(data).hexdigest() != _expected(dist, archive):
                raise SystemExit("build-wheels: checksum mismatch for %s" % archive)
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
                binary = tar.extractfile(tar.getmember("migrate-lint")).read()
            path = os.path.join(work, "migrate-lint")
            with open(path, "wb") as f:
                f.write(binary)
            os.chmod(path, 0o755)
            print(wheel.write_wheel(out, version, path))
    print(wheel.write_wheel(out, version))


if __name__ == "__main__":
    main(sys.argv[1:])
