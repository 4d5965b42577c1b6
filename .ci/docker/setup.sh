#!/usr/bin/env bash
# Docker for this project's CI machines (Debian 12, root, no container registry). Idempotent:
# each step runs only when what it makes is missing, so a second run takes a few seconds.
#   1. docker.io and debootstrap from Debian, when missing;
#   2. dockerd in the background, when `docker info` fails (log: $TALLER_CACHE/docker/dockerd.log);
#   3. a stand-in `python:3.12-slim`, when absent (see make_python_standin);
#   4. the workshop image taller/app-datos:1.0 from packages/app-datos.
# Prints how long each step took. Exits non-zero with the reason when a step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LC_ALL=C  # decimal points in the timings

CACHE=${TALLER_CACHE:-$HOME/.cache/taller}/docker
BASE_IMAGE=python:3.12-slim
APP_IMAGE=taller/app-datos:1.0
DOCKERD_LOG=$CACHE/dockerd.log
mkdir -p "$CACHE"

say() { printf '[docker] %s\n' "$*"; }
die() { printf '[docker] ERROR: %s\n' "$*" >&2; exit 1; }
# `timed NAME cmd...` runs cmd and prints NAME and its wall time.
timed() {
  local name=$1 start=$EPOCHREALTIME rc=0
  shift
  "$@" || rc=$?
  if ((rc == 0)); then say "$name: $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"; fi
  return "$rc"
}

[[ $(id -u) -eq 0 ]] || die "this script installs packages and starts dockerd: run it as root"

# ---------------------------------------------------------------------------------- packages
install_packages() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
}
# Debian's docker.io puts its CLI in /usr/bin; a machine may have another `docker` CLI earlier in
# PATH, which is fine: the client negotiates the API version with the daemon.
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  timed "apt-get install docker.io debootstrap" install_packages
else
  say "docker.io and debootstrap already installed"
fi

# ---------------------------------------------------------------------------------- dockerd
start_dockerd() {
  # No systemd here: start it ourselves, detached from this shell so it outlives the script.
  # It starts and supervises its own containerd (under /var/run/docker/containerd), separate
  # from any other containerd on the machine.
  # A dockerd killed without warning (the end of a session, SIGKILL) leaves its pid file, and
  # the next dockerd refuses to start while it exists: remove it when no dockerd owns it.
  local pidfile=/var/run/docker.pid old
  if [[ -f $pidfile ]]; then
    old=$(cat "$pidfile" 2>/dev/null || true)
    if [[ -z $old || "$(cat "/proc/$old/comm" 2>/dev/null)" != dockerd ]]; then rm -f "$pidfile"; fi
  fi
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  local pid=$!
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || pgrep -x dockerd >/dev/null || break  # it exited: stop waiting
    sleep 1
  done
  printf '[docker] last lines of %s:\n' "$DOCKERD_LOG" >&2
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not answer \`docker info\` within 60 s, or exited (log: $DOCKERD_LOG)"
}
if docker info >/dev/null 2>&1; then
  say "dockerd already running"
else
  timed "start dockerd" start_dockerd
fi

# ---------------------------------------------------------------------------------- base image
# STAND-INS EXIST ONLY FOR THESE OFFLINE MACHINES. There is no container registry here, so
# `FROM python:3.12-slim` cannot be pulled; we make an image with that name from Debian's own
# packages. Learners and GitHub Actions pull the real image from Docker Hub and never run this.
# Differences a reader must know: the stand-in runs Debian's Python 3.11 (not 3.12), has pip
# from Debian (with Debian's "externally managed" marker removed, as in the real image), and
# its size differs from the real image's (~120 MB), so size checks are only indicative here.
debootstrap_python() {
  debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates \
    bookworm "$1" http://deb.debian.org/debian >"$CACHE/debootstrap.log" 2>&1 || {
    tail -n 20 "$CACHE/debootstrap.log" >&2
    echo "[docker] ERROR: debootstrap failed (log: $CACHE/debootstrap.log)" >&2
    return 1
  }
}
import_standin() {
  docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' \
    -c 'CMD ["python3"]' \
    -m "offline stand-in for $BASE_IMAGE (Debian bookworm python3), made by .ci/docker/setup.sh" \
    - "$BASE_IMAGE" <"$1" >/dev/null
}
make_python_standin() {
  # The root file system is cached as a tarball outside the repository: debootstrap takes
  # minutes, the import seconds.
  local tarball=$CACHE/bookworm-python-minbase.tar root
  if [[ ! -s $tarball ]]; then
    root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    if ! timed "debootstrap bookworm (minbase + python3, pip)" debootstrap_python "$root"; then
      rm -rf "$root"  # never leave a half-made root file system behind
      exit 1
    fi
    # What python:3.12-slim offers that Debian's packages do not: `python` and `pip` on PATH,
    # and pip allowed to install into the system (the real image has no EXTERNALLY-MANAGED).
    ln -sf python3 "$root/usr/bin/python"
    [[ -e $root/usr/bin/pip ]] || ln -sf pip3 "$root/usr/bin/pip"
    rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
    # Trim what an image does not need (the real slim image drops these too).
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
      "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  else
    say "using the cached root file system $tarball"
  fi
  timed "docker import $BASE_IMAGE" import_standin "$tarball"
}
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  say "$BASE_IMAGE present"
else
  make_python_standin
fi

# ---------------------------------------------------------------------------------- workshop image
# The kit builds without attestations (--provenance=false --sbom=false) so the image loads into
# kind from Docker's containerd image store. Those flags belong to BuildKit's buildx front end;
# Debian's docker.io 20.10 (and any CLI without buildx) uses the legacy builder, which has no
# attestations to turn off and rejects the flags: pass them only when `docker build` knows them.
build_flags=()
if docker build --help 2>/dev/null | grep -q -- '--provenance'; then
  build_flags=(--provenance=false --sbom=false)
fi
build_app() {
  docker build --force-rm "${build_flags[@]}" -t "$APP_IMAGE" packages/app-datos >"$CACHE/app-datos-build.log" 2>&1 \
    || { tail -n 20 "$CACHE/app-datos-build.log" >&2; die "building $APP_IMAGE failed (log: $CACHE/app-datos-build.log)"; }
}
timed "docker build $APP_IMAGE${build_flags:+ (${build_flags[*]})}" build_app

for image in "$BASE_IMAGE" "$APP_IMAGE"; do
  say "$image: $(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1e6}')"
done
say "ready: $(docker version --format 'client {{.Client.Version}}, server {{.Server.Version}}')"
