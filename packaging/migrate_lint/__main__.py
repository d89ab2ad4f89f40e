"""``python -m migrate_lint``: run the bundled binary, or say how to get one."""
import os
import subprocess
import sys

from . import __version__, find_binary

HOW_TO_GET_ONE = """\
migrate-lint {version}: this installation carries no migrate-lint binary.
pip chose the platform-independent wheel because there is no prebuilt binary
for this platform ({platform}). Prebuilt: Linux x86_64/aarch64 (glibc), macOS
arm64/x86_64. Get the binary another way:
  - a release archive: https://github.com/migrate-lint/migrate-lint/releases
  - from source (Go 1.26 and a C compiler; minutes: cgo):
      go install github.com/migrate-lint/migrate-lint/cmd/migrate-lint@v{version}
  - the Docker image: ghcr.io/migrate-lint/migrate-lint:{version}
"""


def main():
    binary = find_binary()
    if binary is None:
        import platform

        sys.stderr.write(HOW_TO_GET_ONE.format(
            version=__version__, platform=platform.system() + " " + platform.machine()))
        return 2
    args = [binary] + sys.argv[1:]
    if sys.platform == "win32":
        return subprocess.call(args)
    os.execv(binary, args)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
