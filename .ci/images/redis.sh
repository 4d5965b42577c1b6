#!/usr/bin/env bash
# CI STAND-IN ONLY: builds `redis:7.2-bookworm` (exercise 13's Redis) from Debian's redis-server
# on the local `python:3.12-slim` stand-in (.ci/docker/setup.sh makes it), as .ci/compose/setup.sh
# does for postgres:16. Learners pull the real image; nothing in the exercises depends on this one.
# Idempotent: a stand-in built from the same recipe is kept, a real `redis:7.2-bookworm` is never
# replaced. Run it before .ci/node/up.sh, which imports Docker's copy into the real node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=redis:7.2-bookworm
BASE=python:3.12-slim
say() { printf '[images] %s\n' "$*"; }

if ! docker info >/dev/null 2>&1; then say "no Docker engine: $IMAGE not built"; exit 1; fi
recipe=$(cat "$here/redis.Dockerfile" "$here/redis-entrypoint.sh" | sha256sum | cut -c1-16)
label() { docker image inspect --format "{{ index .Config.Labels \"$1\" }}" "$IMAGE" 2>/dev/null || true; }

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  if [[ $(label taller.standin.receta) == "$recipe" ]]; then
    say "$IMAGE: stand-in already built from this recipe"
    exit 0
  fi
  # Earlier stand-ins (.ci/node/up.sh made one) say so in their description; anything else is real.
  if [[ $(label taller.standin) != 1 && $(label org.opencontainers.image.description) != *stand-in* ]]; then
    say "$IMAGE: a real image is present; kept"
    exit 0
  fi
fi
docker image inspect "$BASE" >/dev/null 2>&1 || { say "no $BASE (run .ci/docker/setup.sh first)"; exit 1; }

start=$EPOCHREALTIME
log=$(mktemp)
ctx=$(mktemp -d)
trap 'rm -rf "$ctx" "$log"' EXIT
cp "$here/redis.Dockerfile" "$here/redis-entrypoint.sh" "$ctx/"
if ! docker build --force-rm -f "$ctx/redis.Dockerfile" -t "$IMAGE" \
  --label taller.standin=1 --label "taller.standin.receta=$recipe" \
  --label "org.opencontainers.image.description=offline stand-in for $IMAGE (Debian bookworm redis-server), made by .ci/images/redis.sh" \
  "$ctx" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  say "ERROR: building the stand-in $IMAGE failed"
  exit 1
fi
# A smoke test of the entrypoint contract: options become redis-server's, and it answers PING.
name=taller-redis-standin-$$
docker run -d --rm --name "$name" "$IMAGE" --save '' >/dev/null
ok=
for _ in $(seq 1 20); do
  if [[ $(docker exec "$name" redis-cli ping 2>/dev/null) == PONG ]]; then ok=1; break; fi
  sleep 0.5
done
user=$(docker exec "$name" stat -c %U /proc/1 2>/dev/null || true)
docker rm -f "$name" >/dev/null 2>&1 || true
[[ -n $ok ]] || { say "ERROR: the stand-in $IMAGE does not answer PING"; exit 1; }
version=$(docker run --rm "$IMAGE" redis-server --version)
say "stand-in $IMAGE built (${version%% sha=*}, runs as ${user:-?}): $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
