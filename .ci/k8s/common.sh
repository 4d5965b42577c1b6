# Shared settings for build.sh, up.sh and down.sh (sourced, not run).
# The Kubernetes version comes from the grader's pin so the CI cluster, the static schemas and
# the kind node image never drift apart.
_k8s_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_k8s_repo=$(cd "$_k8s_here/../.." && pwd)
K8S_VERSION=${K8S_VERSION:-$(sed -n "s/.*KUBERNETES_VERSION = '\(v[0-9][0-9.]*\)'.*/\1/p" \
  "$_k8s_repo/packages/grader/src/schema/version.ts")}
[[ $K8S_VERSION =~ ^v1\.[0-9]+\.[0-9]+$ ]] || { echo "cannot read KUBERNETES_VERSION" >&2; exit 1; }
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
TALLER_CACHE=${TALLER_CACHE:-$HOME/.cache/taller}
K8S_BIN=$TALLER_CACHE/k8s/$K8S_VERSION/bin
CLUSTER_NAME=taller-ci

# --- build helpers (for build.sh here and ../node/build.sh) -----------------------------------
# Static binaries with the installed toolchain. -mod=mod lets `go build` write a wrapper's go.sum;
# GOCACHE/GOMODCACHE stay at their defaults so that the (large) caches are shared with every
# later build on the machine.
go_build_env() { export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false"; }

have() { [[ -x $K8S_BIN/$1 ]]; }
# build NAME CMD...: runs CMD, which must write $K8S_BIN/NAME.tmp, unless NAME is built already.
# The rename afterwards means an interrupted build is never mistaken for a finished one.
build() {
  local name=$1; shift
  if have "$name"; then echo "[build] $name: cached"; return; fi
  local t0=$SECONDS
  echo "[build] $name: building..."
  "$@"
  mv "$K8S_BIN/$name.tmp" "$K8S_BIN/$name"
  echo "[build] $name: done in $((SECONDS - t0)) s"
}

# k8s_module_dir: where the Go module cache holds k8s.io/kubernetes@$K8S_VERSION (downloads it).
k8s_module_dir() {
  go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p'
}

# k8s_build WORKDIR COMMAND...: builds the missing k8s.io/kubernetes/cmd/COMMANDs into $K8S_BIN.
# `go install k8s.io/kubernetes/cmd/...@v1.x` is refused: the module's go.mod replaces its
# staging modules (k8s.io/api, client-go, ...) with ./staging paths. A wrapper module in WORKDIR
# that requires k8s.io/kubernetes and replaces each staging module with its published v0.x tag
# builds the exact same sources. The replace list is generated from the real go.mod.
k8s_build() {
  local dir=$1 b missing=0; shift
  for b; do have "$b" || missing=1; done
  if (( ! missing )); then for b; do echo "[build] $b: cached"; done; return 0; fi
  local k8s_mod staging_version n major minor build_date ldflags pkg
  k8s_mod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  [[ -f $k8s_mod ]] || { echo "go mod download k8s.io/kubernetes@$K8S_VERSION failed"; return 1; }
  staging_version=v0.${K8S_VERSION#v1.}
  mkdir -p "$dir"
  {
    echo "module taller.local/k8s-build"
    # Same language version and GODEBUG defaults as upstream.
    grep -E '^(go|godebug) ' "$k8s_mod"
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo "replace ("
    sed -n 's#^\s*\(k8s\.io/[^ ]*\) => \./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$k8s_mod"
    echo ")"
  } > "$dir/go.mod"
  n=$(grep -c '=> k8s.io/' "$dir/go.mod")
  (( n > 20 )) || { echo "only $n staging replaces generated; go.mod format changed?"; return 1; }
  echo "[build] wrapper module: k8s.io/kubernetes $K8S_VERSION, $n staging modules at $staging_version"

  # What hack/lib/version.sh stamps, for both version packages, so `kubectl version` and
  # /version report the real release instead of v0.0.0.
  major=${K8S_VERSION#v}; major=${major%%.*}
  minor=${K8S_VERSION#v*.}; minor=${minor%%.*}
  build_date=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "${k8s_mod%.mod}.info")
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=${build_date:-1970-01-01T00:00:00Z}"
  done
  for b; do
    # Tags as in upstream release builds (hack/lib/golang.sh).
    build "$b" bash -c 'cd "$1" && go build -trimpath -tags selinux,notest,grpcnotrace \
      -ldflags "$2" -o "$3" "k8s.io/kubernetes/cmd/$4"' _ \
      "$dir" "$ldflags" "$K8S_BIN/$b.tmp" "$b"
  done
}
