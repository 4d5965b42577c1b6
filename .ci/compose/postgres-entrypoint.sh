#!/usr/bin/env bash
# CI STAND-IN ONLY for the official postgres image's entrypoint: POSTGRES_USER, POSTGRES_PASSWORD
# and POSTGRES_DB on first start, password authentication from other containers.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
data=/var/lib/postgresql/data
mkdir -p "$data" /var/run/postgresql
chown -R postgres:postgres "$data" /var/run/postgresql
if [[ ! -s $data/PG_VERSION ]]; then
  printf '%s' "${POSTGRES_PASSWORD:?}" >/tmp/pw && chown postgres /tmp/pw
  runuser -u postgres -- "$bin/initdb" -D "$data" --username="${POSTGRES_USER:-postgres}" --pwfile=/tmp/pw --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f /tmp/pw
  echo 'host all all all scram-sha-256' >>"$data/pg_hba.conf"
  db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}}
  if [[ $db != postgres ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -w -o "-c listen_addresses=''" start >/dev/null
    runuser -u postgres -- "$bin/createdb" -U "${POSTGRES_USER:-postgres}" "$db"
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -w stop >/dev/null
  fi
fi
exec runuser -u postgres -- "$bin/postgres" -D "$data" -c listen_addresses='*'
