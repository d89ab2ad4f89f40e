#!/bin/bash
# Entrypoint for the test PostgreSQL image, following the official image's
# contract: POSTGRES_PASSWORD, POSTGRES_USER (default postgres), POSTGRES_DB
# (default the user), POSTGRES_HOST_AUTH_METHOD, extra server options as
# arguments (e.g. -c fsync=off), and the log line "database system is ready
# to accept connections" printed twice: once by the initialisation server,
# once by the final one.
set -euo pipefail
export PGDATA=${PGDATA:-/var/lib/postgresql/data}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
if [ "${1:-}" = postgres ]; then shift; fi
if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
  echo "Error: Database is uninitialized and superuser password is not specified." >&2
  echo "       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser." >&2
  exit 1
fi
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  chown postgres "$pwfile"
  as_postgres "$bindir/initdb" -D "$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust >/dev/null
  rm -f "$pwfile"
  echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"
  as_postgres "$bindir/pg_ctl" -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" -w start
  if [ "$db" != postgres ]; then
    as_postgres "$bindir/psql" -h /var/run/postgresql -U "$user" -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\"" >/dev/null
  fi
  as_postgres "$bindir/pg_ctl" -D "$PGDATA" -m fast -w stop
  echo "PostgreSQL init process complete; ready for start up."
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups "$bindir/postgres" -D "$PGDATA" \
  -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
