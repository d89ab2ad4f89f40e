# migrate-lint with Python, Alembic, SQLAlchemy, psycopg2, PyMySQL and git,
# for self-contained runs and CI systems other than GitHub Actions. Build it
# with scripts/build-image (ghcr.io/migrate-lint/migrate-lint:<version>) and
# run it as yourself on your checkout:
#
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/src" -w /src \
#     ghcr.io/migrate-lint/migrate-lint:0.1.0 check alembic.ini
#
# Any uid works (HOME is /tmp, git trusts every directory: the checkout is
# mounted and owned by someone else), and files written with --output belong
# to that user. Without --user it runs as uid 10001.
#
# The base images are build arguments, so the image can be built where no
# registry is reachable from images made locally (scripts/build-image does
# that from Debian's packages) and elsewhere from the public ones.
ARG BUILDER_IMAGE=golang:1.26-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILDER_IMAGE} AS binary
WORKDIR /src
# The parsers are cgo: the builder needs a C compiler (the golang images
# have one; a plain Debian base gets it here).
RUN command -v gcc >/dev/null || (apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*)
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# The same flags as scripts/build-release.
RUN CGO_ENABLED=1 go build -trimpath -buildvcs=false -ldflags "-s -w -buildid= -X main.version=${VERSION}" \
      -o /out/migrate-lint ./cmd/migrate-lint

# Everything the sandbox and --base need, and nothing else: Debian's Python
# and Alembic stack and git, without recommended packages, apt's lists and
# caches, documentation, manual pages or translations. Perl goes too (git
# depends on it only for commands migrate-lint never runs: send-email, svn,
# the interactive add of old versions), so dpkg would call git's dependencies
# broken: `apt-get install -f` restores them in an image built on this one.
FROM ${RUNTIME_IMAGE} AS runtime
RUN printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' \
      'path-exclude /usr/share/locale/*' 'path-exclude /usr/share/lintian/*' >/etc/dpkg/dpkg.cfg.d/migrate-lint-slim && \
    (/usr/bin/python3 -c 'import alembic, sqlalchemy, psycopg2, pymysql' 2>/dev/null && command -v git >/dev/null || \
     (apt-get update && apt-get install -y --no-install-recommends \
        python3 python3-alembic python3-sqlalchemy python3-psycopg2 python3-pymysql git ca-certificates)) && \
    dpkg --purge --force-depends $(dpkg-query -W -f '${Package}\n' perl 'perl-modules-*' 'libperl5*' liberror-perl git-man 2>/dev/null) && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log \
      /usr/share/doc /usr/share/man /usr/share/info /usr/share/locale /usr/share/lintian \
      /usr/lib/python3/dist-packages/sqlalchemy/testing /usr/lib/python3.*/test /usr/lib/python3.*/idlelib \
      /usr/lib/python3.*/tkinter /usr/lib/python3.*/ensurepip /usr/lib/python3.*/lib2to3 && \
    git config --system --add safe.directory '*' && \
    useradd --create-home --uid 10001 --shell /usr/sbin/nologin migrate-lint
COPY --from=binary /out/migrate-lint /usr/local/bin/migrate-lint

# One layer of exactly those files: what the steps above removed does not
# linger in the base image's layers.
FROM scratch
COPY --from=runtime / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    HOME=/tmp PYTHONDONTWRITEBYTECODE=1
USER 10001
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/migrate-lint"]
CMD ["check"]
