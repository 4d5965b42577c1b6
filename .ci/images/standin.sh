# shellcheck shell=bash
# CI STAND-IN ONLY: builds an offline stand-in for an upstream image (sourced by redis.sh and
# ../compose/setup.sh, not run). These machines reach no container registry, so images the
# exercises name are made here from Debian's packages or PyPI, under the upstream name.
# standin_build IMAGE DOCKERFILE FILE...: builds IMAGE from DOCKERFILE with FILE... as its context,
# unless IMAGE is already a stand-in built from the same recipe (the files' hash, kept as a label)
# or a real image (one without our label), which is never replaced. Prints what it did on stderr.
standin_build() {
  local image=$1 dockerfile=$2 recipe ctx log start rc=0
  shift 2
  recipe=$(cat "$dockerfile" "$@" | sha256sum | cut -c1-16)
  if docker image inspect "$image" >/dev/null 2>&1; then
    local labels
    labels=$(docker image inspect --format '{{ index .Config.Labels "taller.standin" }} {{ index .Config.Labels "taller.standin.receta" }} {{ index .Config.Labels "org.opencontainers.image.description" }}' "$image")
    if [[ $labels == "1 $recipe "* ]]; then
      printf '[standin] %s: stand-in already built from this recipe\n' "$image" >&2
      return 0
    fi
    if [[ $labels != 1\ * && $labels != *stand-in* ]]; then
      printf '[standin] %s: a real image is present; kept\n' "$image" >&2
      return 0
    fi
  fi
  start=$EPOCHREALTIME
  ctx=$(mktemp -d)
  log=$ctx.log
  cp "$dockerfile" "$@" "$ctx/"
  docker build --force-rm -f "$ctx/${dockerfile##*/}" -t "$image" \
    --label taller.standin=1 --label "taller.standin.receta=$recipe" \
    --label "org.opencontainers.image.description=offline stand-in for $image, built from ${dockerfile##*/} by the kit's .ci scripts" \
    "$ctx" >"$log" 2>&1 || rc=$?
  if ((rc)); then
    tail -n 25 "$log" >&2
    printf '[standin] ERROR: building the stand-in %s failed\n' "$image" >&2
  else
    printf '[standin] stand-in %s built: %s s\n' "$image" \
      "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')" >&2
  fi
  rm -rf "$ctx" "$log"
  return "$rc"
}
