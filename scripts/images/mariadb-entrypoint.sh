#!/bin/bash
# Entrypoint for the test MariaDB image, following the official image's
# contract: MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD),
# MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_DATABASE (or MYSQL_DATABASE),
# MARIADB_USER / MARIADB_PASSWORD, extra server options as arguments, and
# the log line "ready for connections." printed by the initialisation
# server (port 0) and again by the final one.
set -euo pipefail
datadir=/var/lib/mysql
root_password=${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}
database=${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}
user=${MARIADB_USER:-${MYSQL_USER:-}}
password=${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}
if [ "${1:-}" = mariadbd ] || [ "${1:-}" = mysqld ]; then shift; fi
if [ -z "$root_password" ] && [ -z "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:-${MYSQL_ALLOW_EMPTY_PASSWORD:-}}" ]; then
  echo "error: database is uninitialized and password option is not specified" >&2
  echo "  You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD" >&2
  exit 1
fi
mkdir -p "$datadir" /run/mysqld
chown -R mysql:mysql "$datadir" /run/mysqld
if [ ! -d "$datadir/mysql" ]; then
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal --skip-test-db >/dev/null
  mariadbd --user=mysql --datadir="$datadir" --skip-networking --socket=/run/mysqld/mysqld.sock &
  pid=$!
  for _ in $(seq 60); do
    mariadb --protocol=socket -uroot -S /run/mysqld/mysqld.sock -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  {
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '${root_password}';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${root_password}';"
    [ -n "$database" ] && echo "CREATE DATABASE IF NOT EXISTS \`${database}\`;"
    if [ -n "$user" ]; then
      echo "CREATE USER '${user}'@'%' IDENTIFIED BY '${password}';"
      [ -n "$database" ] && echo "GRANT ALL ON \`${database}\`.* TO '${user}'@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket -uroot -S /run/mysqld/mysqld.sock
  kill "$pid"
  wait "$pid" || true
  echo "MariaDB init process done. Ready for start up."
fi
exec mariadbd --user=mysql --datadir="$datadir" --bind-address=0.0.0.0 --port=3306 "$@"
