# migrate-lint with Python, Alembic, SQLAlchemy, psycopg2 and PyMySQL, for
# self-contained runs and CI systems other than GitHub Actions:
#
#   docker build -t migrate-lint .
#   docker run --rm -v "$PWD:/src" -w /src migrate-lint check alembic.ini
#
# The base images are build arguments, so the image can be built where no
# registry is reachable from images made locally (scripts/build-image does
# that from Debian's packages) and elsewhere from the public ones.
ARG BUILDER_IMAGE=golang:1.26-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
# The parsers are cgo: the builder needs a C compiler (the golang images
# have one; a plain Debian base gets it here).
RUN command -v gcc >/dev/null || (apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*)
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-X main.version=${VERSION}" -o /out/migrate-lint ./cmd/migrate-lint

FROM ${RUNTIME_IMAGE}
# Debian's Alembic stack; skipped when the runtime base already has it.
RUN /usr/bin/python3 -c 'import alembic, sqlalchemy, psycopg2, pymysql' 2>/dev/null || \
    (apt-get update && apt-get install -y --no-install-recommends \
        python3 python3-alembic python3-sqlalchemy python3-psycopg2 python3-pymysql git ca-certificates \
     && rm -rf /var/lib/apt/lists/*)
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin migrate-lint
COPY --from=build /out/migrate-lint /usr/local/bin/migrate-lint
USER 10001
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/migrate-lint"]
CMD ["check"]
