#!/usr/bin/env bash
# CI STAND-IN ONLY: builds `redis:7.0-bookworm` (exercise 13's Redis) from the upstream Redis
# 7.0.15 source that Debian bookworm distributes (redis.Dockerfile), on the local
# `python:3.12-slim` stand-in (.ci/docker/setup.sh makes it), then checks it behaves like the
# official image (check.sh redis). Learners pull the real image; nothing in the exercises depends
# on this one. Idempotent: a stand-in built from the same recipe is kept, a real image is never
# replaced. Run it before .ci/node/up.sh, which imports Docker's copy into the real node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/standin.sh"
IMAGE=redis:7.0-bookworm
BASE=python:3.12-slim
say() { printf '[images] %s\n' "$*"; }

if ! docker info >/dev/null 2>&1; then say "no Docker engine: $IMAGE not built"; exit 1; fi
docker image inspect "$BASE" >/dev/null 2>&1 || { say "no $BASE (run .ci/docker/setup.sh first)"; exit 1; }
standin_build "$IMAGE" "$here/redis.Dockerfile" "$here/redis-entrypoint.sh"
"$here/check.sh" redis
