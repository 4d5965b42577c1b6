#!/usr/bin/env bash
# CI STAND-IN ONLY (see postgres.Dockerfile): the official postgres image's entrypoint contract.
#   - leading options (`-c max_connections=50`) become the arguments of `postgres`;
#   - started as root with `postgres`, it prepares PGDATA and the socket directory for the user
#     `postgres` and runs again as that user (setpriv instead of gosu);
#   - on an empty PGDATA: initdb with POSTGRES_USER (default postgres) and POSTGRES_PASSWORD
#     (required unless POSTGRES_HOST_AUTH_METHOD=trust) plus POSTGRES_INITDB_ARGS; local and
#     loopback connections trusted (initdb's default), others by POSTGRES_HOST_AUTH_METHOD
#     (default scram-sha-256); database POSTGRES_DB (default: the user's name); then the
#     /docker-entrypoint-initdb.d scripts (*.sh, *.sql, *.sql.gz) on a server reachable only
#     through its socket;
#   - then the command as given, so `postgres -c …` and any other command run unchanged.
set -Eeuo pipefail
if [[ ${1:0:1} == - ]]; then set -- postgres "$@"; fi
[[ $1 == postgres ]] || exec "$@"
for a; do case $a in -'?' | --help | --describe-config | -V | --version) exec "$@" ;; esac; done

if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
  chmod 00700 "$PGDATA"
  chown postgres /var/run/postgresql && chmod 03775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [[ -z ${POSTGRES_PASSWORD:-} && $auth != trust ]]; then
    echo 'Error: Database is uninitialized and superuser password is not specified.' >&2
    echo '       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without one).' >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as upstream splits it
  if [[ -n ${POSTGRES_PASSWORD:-} ]]; then
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") ${POSTGRES_INITDB_ARGS:-} >/dev/null
  else
    initdb --username="$POSTGRES_USER" ${POSTGRES_INITDB_ARGS:-} >/dev/null
  fi
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -p ${PGPORT:-5432}" start >/dev/null
  sql() { psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc -U "$POSTGRES_USER" "$@"; }
  if [[ $POSTGRES_DB != postgres ]]; then
    sql -d postgres -q --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        # shellcheck disable=SC1090 # the learner's own scripts
        if [[ -x $f ]]; then "$f"; else . "$f"; fi ;;
      *.sql) sql -d "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) gunzip -c "$f" | sql -d "$POSTGRES_DB" ;;
      *) [[ -e $f ]] && echo "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo 'PostgreSQL init process complete; ready for start up.'
fi
exec "$@"
