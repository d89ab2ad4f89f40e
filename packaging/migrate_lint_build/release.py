"""Fetches this machine's release binary and checks it against the release's
SHA256SUMS, like scripts/install-release, for the build backend."""
import hashlib
import io
import os
import platform
import tarfile
import urllib.error
import urllib.request

DEFAULT_BASE = "https://github.com/migrate-lint/migrate-lint/releases/download"


class NoRelease(Exception):
    """No release binary for this version and platform (HTTP 404)."""


def asset_name():
    system = {"Linux": "linux", "Darwin": "darwin"}.get(platform.system())
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower())
    if not system or not arch:
        raise NoRelease("no release binary for %s %s" % (platform.system(), platform.machine()))
    return "migrate-lint_%s_%s.tar.gz" % (system, arch)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        if err.code == 404:
            raise NoRelease("%s: not found" % url) from None
        raise RuntimeError("%s: HTTP %d" % (url, err.code)) from None
    except (urllib.error.URLError, OSError) as err:
        raise RuntimeError("download %s: %s (set MIGRATE_LINT_BINARY to use a binary you have)" % (url, err)) from None


def fetch_binary(version, dest, log):
    """Download, verify and write the binary of v<version> to dest.

    Raises NoRelease when the release or this platform's archive does not
    exist, RuntimeError on anything else, a checksum mismatch first of all.
    """
    base = os.environ.get("MIGRATE_LINT_RELEASE_URL", DEFAULT_BASE).rstrip("/")
    asset = asset_name()
    prefix = "%s/v%s/" % (base, version)
    sums = _get(prefix + "SHA256SUMS").decode("utf-8", "replace")
    log("downloading %s%s" % (prefix, asset))
    archive = _get(prefix + asset)
    want = None
    for line in sums.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("*") == asset:
            want = parts[0].lower()
    got = hashlib.sha256(archive).hexdigest()
    if want is None:
        raise RuntimeError("SHA256SUMS of v%s has no line for %s: refusing to use it" % (version, asset))
    if want != got:
        raise RuntimeError("checksum mismatch for %s of v%s: SHA256SUMS says %s, the download is %s: refusing to use it"
                           % (asset, version, want, got))
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        member = tar.getmember("migrate-lint")
        data = tar.extractfile(member).read()
    with open(dest, "wb") as f:
        f.write(data)
    os.chmod(dest, 0o755)
    log("verified %s (sha256 %s)" % (asset, got))
