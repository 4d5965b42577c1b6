#!/usr/bin/env bash
# Exercise 03's live tier on this project's CI machines (root, Debian, Go, no container registry).
# Idempotent; prints how long each step took. Needs .ci/docker/setup.sh first (dockerd and the
# stand-in python:3.12-slim).
#   1. Docker Compose v5.6.0 built from the Go module proxy (a wrapper module: compose's go.mod has
#      `exclude` directives, so `go install …@version` refuses it), as the `docker compose` plugin;
#   2. stand-ins for `apache/airflow:3.3.2` (from PyPI) and `postgres:15-bookworm` (Debian
#      bookworm's PostgreSQL 15), checked against the official images' behaviour (../images/check.sh).
# Learners use Docker Desktop or docker-compose-plugin and pull the real images; none of this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CACHE=${TALLER_CACHE:-$HOME/.cache/taller}
COMPOSE_VERSION=v5.6.0
AIRFLOW_IMAGE=apache/airflow:3.3.2
POSTGRES_IMAGE=postgres:15-bookworm
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
say() { printf '[compose] %s\n' "$*"; }
timed() {
  local name=$1 start=$EPOCHREALTIME
  shift
  "$@"
  say "$name: $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
}

build_compose() {
  local dir=$CACHE/compose-wrapper bin=$CACHE/bin/docker-compose-$COMPOSE_VERSION
  mkdir -p "$dir" "$CACHE/bin"
  cat >"$dir/go.mod" <<MOD
module taller.local/compose-wrapper

go 1.26

require github.com/docker/compose/v5 $COMPOSE_VERSION

exclude (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2
)
MOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/docker/compose/v5/cmd"\n' >"$dir/tools.go"
  (cd "$dir" && GOFLAGS=-buildvcs=false go mod tidy >/dev/null 2>&1 &&
    GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION" -o "$bin" github.com/docker/compose/v5/cmd)
}
if [[ "$(docker compose version --short 2>/dev/null || true)" != "${COMPOSE_VERSION#v}" ]]; then
  if [[ ! -x $CACHE/bin/docker-compose-$COMPOSE_VERSION ]]; then
    command -v go >/dev/null || { say "no Go: Docker Compose cannot be built; exercise 03's live lines will skip"; exit 1; }
    timed "go build docker compose $COMPOSE_VERSION" build_compose
  fi
  mkdir -p "$PLUGIN_DIR"
  install -m 0755 "$CACHE/bin/docker-compose-$COMPOSE_VERSION" "$PLUGIN_DIR/docker-compose"
fi
say "docker compose $(docker compose version --short)"

source "$here/../images/standin.sh"
standin_build "$POSTGRES_IMAGE" "$here/postgres.Dockerfile" "$here/postgres-entrypoint.sh"
# pip inside the build trusts what this machine trusts.
standin_build "$AIRFLOW_IMAGE" "$here/airflow.Dockerfile" "$here/airflow-entrypoint.sh" /etc/ssl/certs/ca-certificates.crt
"$here/../images/check.sh" postgres airflow
