#!/usr/bin/env bash
# CI STAND-IN ONLY: runs each offline stand-in the ways a learner may run the official image
# (default command, `command`/`args` overrides, a configuration file, another user, the
# environment variables its documentation names) and asserts what the official image does, so that
# a submission that works with the real image never fails here only because of the stand-in.
#   check.sh [redis] [postgres] [airflow]      (default: every stand-in Docker has)
# Called by redis.sh and ../compose/setup.sh after building; an image that passed, with the same
# image ID and this same script, is not checked again ($TALLER_CACHE/images/checked/).
# Exit status: the number of failed assertions (0 = all behave as the official images).
# The check_* functions are called by name (check_$name).
# shellcheck disable=SC2317
set -euo pipefail
REDIS=${REDIS_IMAGE:-redis:7.0-bookworm}   # the *_IMAGE variables check another build
POSTGRES=${POSTGRES_IMAGE:-postgres:15-bookworm}
AIRFLOW=${AIRFLOW_IMAGE:-apache/airflow:3.3.2}
STAMPS=${TALLER_CACHE:-$HOME/.cache/taller}/images/checked
self=$(sha256sum "$0" | cut -c1-12)
run_id=taller-check-$$
failed=0

say() { printf '[check] %s\n' "$*"; }
ok() { say "ok    $1"; }
no() { say "FAIL  $1"; failed=$((failed + 1)); }
# expect DESCRIPTION WANT GOT: GOT must contain WANT.
expect() { if [[ $3 == *"$2"* ]]; then ok "$1"; else no "$1: expected '$2', got '${3:0:300}'"; fi; }
cleanup() { docker ps -aq --filter "label=$run_id" | xargs -r docker rm -f >/dev/null 2>&1 || true; rm -rf "${tmp:-}"; }
trap cleanup EXIT
tmp=$(mktemp -d)
chmod 755 "$tmp"
# start NAME DOCKER-RUN-ARGS...: a detached container, removed on exit; prints nothing.
start() { local n=$1; shift; docker run -d --name "$run_id-$n" --label "$run_id" "$@" >/dev/null; }
# ip NAME: the container's address; if it has none (it exited), its last log lines on stderr.
ip() {
  local a
  a=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$run_id-$1")
  if [[ -n $a ]]; then echo "$a"; return 0; fi
  say "$1 is not running; its last log lines:" >&2
  docker logs --tail 5 "$run_id-$1" 2>&1 | sed 's/^/[check]   /' >&2
  return 1
}
# until_ok SECONDS COMMAND...: retries COMMAND until it succeeds; prints its last output.
until_ok() {
  local end=$((SECONDS + $1)) out; shift
  while :; do
    if out=$("$@" 2>&1); then printf '%s' "$out"; return 0; fi
    if ((SECONDS >= end)); then printf '%s' "$out"; return 1; fi
    sleep 0.5
  done
}
pid1_user() { docker exec "$run_id-$1" stat -c %u:%g /proc/1; }
# The version a tag promises: redis:7.0-bookworm → 7.0, postgres:15-bookworm → 15, …:3.3.2 → 3.3.2.
tag_version() { local t=${1##*:}; echo "${t%%-*}"; }

check_redis() {
  local I=$REDIS lead conf c
  start client --entrypoint sleep "$I" 600
  cli() { docker exec "$run_id-client" redis-cli "$@"; }
  # Default command, as a Pod with neither command nor args: redis user, /data, and protected mode
  # off, so another container connects without a password.
  start plain "$I"
  expect "redis: default CMD answers a non-loopback client without password" PONG "$(until_ok 20 cli -h "$(ip plain)" ping)"
  expect "redis: default CMD runs as redis (999:999)" "999:999" "$(pid1_user plain)"
  expect "redis: working directory /data" /data "$(docker image inspect -f '{{.Config.WorkingDir}}' "$I")"
  expect "redis: protected mode is off by default" no "$(cli -h "$(ip plain)" config get protected-mode | tail -n 1)"
  # `command: ["redis-server"]` in a Pod replaces the entrypoint.
  start cmd --entrypoint redis-server "$I"
  expect "redis: command [redis-server] (entrypoint bypassed) answers a non-loopback client" PONG "$(until_ok 20 cli -h "$(ip cmd)" ping)"
  # Followers: args only, and command + args.
  lead=$(ip plain)
  start args "$I" --replicaof "$lead" 6379
  start cmdargs --entrypoint redis-server "$I" --replicaof "$lead" 6379
  for c in args cmdargs; do
    expect "redis: follower ($c: --replicaof) is linked to its leader" master_link_status:up \
      "$(until_ok 30 sh -c "docker exec $run_id-client redis-cli -h $(ip "$c") info replication | tr -d '\r' | grep -x master_link_status:up")"
  done
  expect "redis: args-only follower runs as redis" "999:999" "$(pid1_user args)"
  # A configuration file, as `redis-server /path/conf` and as the only argument.
  conf=$tmp/redis.conf
  printf 'port 6390\n' >"$conf"
  chmod 644 "$conf"
  start conf -v "$conf:/usr/local/etc/redis/redis.conf:ro" "$I" redis-server /usr/local/etc/redis/redis.conf
  start confonly -v "$conf:/usr/local/etc/redis/redis.conf:ro" "$I" /usr/local/etc/redis/redis.conf
  for c in conf confonly; do
    expect "redis: configuration file honoured ($c)" PONG "$(until_ok 20 cli -h "$(ip "$c")" -p 6390 ping)"
  done
  # Another user (runAsUser / --user).
  start user --user 1000:1000 "$I"
  expect "redis: --user 1000:1000 starts and answers" PONG "$(until_ok 20 cli -h "$(ip user)" ping)"
  expect "redis: --user 1000:1000 keeps that user" "1000:1000" "$(pid1_user user)"
  # Paths and version.
  expect "redis: binaries in /usr/local/bin" "/usr/local/bin/redis-server /usr/local/bin/redis-cli /usr/local/bin/redis-sentinel" \
    "$(docker run --rm --entrypoint sh "$I" -c 'for c in redis-server redis-cli redis-sentinel; do command -v $c; done' | xargs)"
  expect "redis: version matches the tag ($(tag_version "$I"))" "v=$(tag_version "$I")." "$(docker run --rm "$I" redis-server --version)"
  expect "redis: other commands run as given" "redis-cli $(tag_version "$I")" "$(docker run --rm "$I" redis-cli --version)"
}

check_postgres() {
  local I=$POSTGRES c
  start pgclient --entrypoint sleep "$I" 600
  # sql CONTAINER USER PASSWORD DB QUERY: over the network, as another container would.
  sql() { docker exec -e PGPASSWORD="$3" "$run_id-pgclient" psql -h "$(ip "$1")" -U "$2" -d "$4" -tAc "$5"; }
  mkdir -p "$tmp/initdb"
  printf 'CREATE TABLE desde_initdb (x int);\n' >"$tmp/initdb/01.sql"
  chmod -R a+rX "$tmp/initdb"
  start pgdefault -e POSTGRES_PASSWORD=secreto "$I"
  start pgenv -e POSTGRES_USER=airflow -e POSTGRES_PASSWORD=airflow -e POSTGRES_DB=airflow -v "$tmp/initdb:/docker-entrypoint-initdb.d:ro" "$I"
  start pgcmd -e POSTGRES_PASSWORD=secreto "$I" postgres -c max_connections=42
  start pgopts -e POSTGRES_PASSWORD=secreto "$I" -c max_connections=43
  start pguser --user postgres -e POSTGRES_PASSWORD=secreto "$I"
  expect "postgres: defaults (user and database postgres), password over the network" postgres \
    "$(until_ok 60 sql pgdefault postgres secreto postgres 'select current_user')"
  expect "postgres: a wrong password is refused" "password authentication failed" "$(sql pgdefault postgres mal postgres 'select 1' 2>&1 || true)"
  expect "postgres: runs as postgres (999:999)" "999:999" "$(pid1_user pgdefault)"
  expect "postgres: loopback connections need no password (initdb's trust)" 1 \
    "$(docker exec "$run_id-pgdefault" psql -h 127.0.0.1 -U postgres -tAc 'select 1')"
  expect "postgres: version matches the tag ($(tag_version "$I"))" "$(tag_version "$I")." \
    "$(sql pgdefault postgres secreto postgres 'show server_version')"
  expect "postgres: UTF8 with the en_US.utf8 locale" "UTF8 en_US.utf8" \
    "$(sql pgdefault postgres secreto postgres "select pg_encoding_to_char(encoding), datcollate from pg_database where datname = 'postgres'" | tr '|' ' ')"
  expect "postgres: POSTGRES_USER/PASSWORD/DB" "airflow airflow" \
    "$(until_ok 60 sql pgenv airflow airflow airflow 'select current_user, current_database()' | tr '|' ' ')"
  expect "postgres: /docker-entrypoint-initdb.d scripts run in POSTGRES_DB" desde_initdb \
    "$(sql pgenv airflow airflow airflow "select tablename from pg_tables where tablename = 'desde_initdb'")"
  expect "postgres: health check pg_isready -U \$POSTGRES_USER -d \$POSTGRES_DB" "accepting connections" \
    "$(docker exec "$run_id-pgenv" sh -c 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"')"
  expect "postgres: command postgres -c … honoured" 42 "$(until_ok 60 sql pgcmd postgres secreto postgres 'show max_connections')"
  expect "postgres: options-only command honoured" 43 "$(until_ok 60 sql pgopts postgres secreto postgres 'show max_connections')"
  expect "postgres: --user postgres starts" postgres "$(until_ok 60 sql pguser postgres secreto postgres 'select current_user')"
  c=$(timeout 60 docker run --rm "$I" 2>&1; echo "exit=$?")
  expect "postgres: refuses to start without POSTGRES_PASSWORD" "superuser password is not specified" "$c"
  [[ $c != *exit=0 ]] || no "postgres: without POSTGRES_PASSWORD it must exit non-zero"
  expect "postgres: server binaries on PATH" "/usr/lib/postgresql/$(tag_version "$I")/bin/postgres" \
    "$(docker run --rm --entrypoint sh "$I" -c 'command -v postgres')"
}

check_airflow() {
  local I=$AIRFLOW v
  v=$(tag_version "$I")
  expect "airflow: default user airflow (50000, group 0), AIRFLOW_HOME, curl" "50000 0 /opt/airflow /usr/bin/curl" \
    "$(docker run --rm "$I" bash -c 'echo $(id -u) $(id -g) $AIRFLOW_HOME $(command -v curl)')"
  expect "airflow: a bare subcommand runs as \`airflow …\`" "$v" "$(docker run --rm "$I" version)"
  expect "airflow: another uid with group 0 (AIRFLOW_UID) runs airflow" "$v" "$(docker run --rm --user 4242:0 "$I" airflow version)"
  expect "airflow: entrypoint /bin/bash, then /entrypoint airflow …" "$v" \
    "$(docker run --rm --user 0:0 --entrypoint /bin/bash "$I" -c 'exec /entrypoint airflow version')"
  expect "airflow: python runs as given" "$v" "$(docker run --rm "$I" python -c 'import airflow; print(airflow.__version__)')"
}

wanted=("$@")
((${#wanted[@]})) || wanted=(redis postgres airflow)
mkdir -p "$STAMPS"
for name in "${wanted[@]}"; do
  case $name in redis) image=$REDIS ;; postgres) image=$POSTGRES ;; airflow) image=$AIRFLOW ;; *) say "unknown stand-in $name"; exit 2 ;; esac
  if ! id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null); then
    if (($#)); then no "$image: not built"; else say "skip  $image: not built"; fi
    continue
  fi
  id=${id#sha256:}
  stamp=$STAMPS/$name-${id:0:12}-$self
  if [[ -f $stamp ]]; then say "$image: already checked (same image, same checks)"; continue; fi
  before=$failed
  t0=$SECONDS
  "check_$name"
  cleanup
  if ((failed == before)); then
    touch "$stamp"
    say "$image behaves as the official image in every case checked ($((SECONDS - t0)) s)"
  fi
done
exit "$failed"
