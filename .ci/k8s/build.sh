#!/usr/bin/env bash
# Builds the CI cluster's binaries from the Go module proxy: no container registry, dl.k8s.io
# or GitHub release is reachable on the CI machines. Binaries go to a per-version cache outside
# the repo and are only built when missing, so a warm run takes seconds.
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (k8s.io/kubernetes)
#   etcd                                                              (go.etcd.io/etcd/server/v3)
#   kwok, kwokctl                                                     (sigs.k8s.io/kwok)
# Progress goes to stderr; stdout stays empty.
set -euo pipefail
source "$(dirname "$0")/common.sh"
exec 1>&2

mkdir -p "$K8S_BIN"
export CGO_ENABLED=0 GOTOOLCHAIN=local
# -mod=mod lets `go build` write the wrapper's go.sum; GOCACHE/GOMODCACHE stay at their
# defaults so that the (large) caches are shared with every later build on the machine.
export GOFLAGS="-mod=mod -buildvcs=false"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"   # never inside some other Go module

start_all=$SECONDS
have() { [[ -x $K8S_BIN/$1 ]]; }
# Every build writes NAME.tmp and renames it, so an interrupted build is never mistaken for a
# finished one by the skip check.
build() {
  local name=$1; shift
  if have "$name"; then echo "[build] $name: cached"; return; fi
  local t0=$SECONDS
  echo "[build] $name: building..."
  "$@"
  mv "$K8S_BIN/$name.tmp" "$K8S_BIN/$name"
  echo "[build] $name: done in $((SECONDS - t0)) s"
}

# --- KWOK -------------------------------------------------------------------------------------
# No replaces upstream, so plain `go install`. consts.KubeVersion is kwokctl's default cluster
# version (it picks component flags by it); stamp ours instead of kwok's 1.36 default.
kwok_ldflags="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
for b in kwok kwokctl; do
  build "$b" bash -c 'mkdir -p "$1/$2" && GOBIN="$1/$2" GOFLAGS=-buildvcs=false go install -trimpath \
    -ldflags "$3" "sigs.k8s.io/kwok/cmd/$2@$4" && mv "$1/$2/$2" "$5"' _ \
    "$work/gobin" "$b" "$kwok_ldflags" "$KWOK_VERSION" "$K8S_BIN/$b.tmp"
done

# --- etcd -------------------------------------------------------------------------------------
# The etcd release kubeadm pairs with this Kubernetes version (cmd/kubeadm constants), unless
# ETCD_VERSION is set. etcd's server module also replaces its siblings with ../ paths, so it
# gets the same wrapper (a dependency's replaces are ignored; its requires are published tags).
if ! have etcd; then
  if [[ -z ${ETCD_VERSION:-} ]]; then
    k8s_dir=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
    ETCD_VERSION=v$(sed -n 's/^\s*DefaultEtcdVersion = "\([0-9.]*\)-[0-9]*"/\1/p' \
      "$k8s_dir/cmd/kubeadm/app/constants/constants.go")
  fi
  [[ $ETCD_VERSION =~ ^v3\.[0-9]+\.[0-9]+$ ]] || { echo "bad etcd version '$ETCD_VERSION'"; exit 1; }
  etcd_mod=$(go mod download -json "go.etcd.io/etcd/server/v3@$ETCD_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  mkdir -p "$work/etcd"
  {
    echo "module taller.local/etcd-build"
    grep -E '^(go|godebug) ' "$etcd_mod"
    echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  } > "$work/etcd/go.mod"
  echo "[build] etcd $ETCD_VERSION"
  build etcd bash -c 'cd "$1" && go build -trimpath -ldflags "-s -w" -o "$2" go.etcd.io/etcd/server/v3' _ \
    "$work/etcd" "$K8S_BIN/etcd.tmp"
fi

# --- Kubernetes -------------------------------------------------------------------------------
# `go install k8s.io/kubernetes/cmd/...@v1.x` is refused: the module's go.mod replaces its
# staging modules (k8s.io/api, client-go, ...) with ./staging paths. A wrapper module that
# requires k8s.io/kubernetes and replaces each staging module with its published v0.x tag builds
# the exact same sources. The replace list is generated from the real go.mod.
k8s_bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
k8s_missing=0
for b in "${k8s_bins[@]}"; do have "$b" || k8s_missing=1; done
if (( k8s_missing )); then
  k8s_mod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  [[ -f $k8s_mod ]] || { echo "go mod download k8s.io/kubernetes@$K8S_VERSION failed"; exit 1; }
  staging_version=v0.${K8S_VERSION#v1.}
  mkdir -p "$work/k8s"
  {
    echo "module taller.local/k8s-build"
    # Same language version and GODEBUG defaults as upstream.
    grep -E '^(go|godebug) ' "$k8s_mod"
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo "replace ("
    sed -n 's#^\s*\(k8s\.io/[^ ]*\) => \./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$k8s_mod"
    echo ")"
  } > "$work/k8s/go.mod"
  n=$(grep -c '=> k8s.io/' "$work/k8s/go.mod")
  (( n > 20 )) || { echo "only $n staging replaces generated; go.mod format changed?"; exit 1; }
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
  for b in "${k8s_bins[@]}"; do
    # Tags as in upstream release builds (hack/lib/golang.sh).
    build "$b" bash -c 'cd "$1" && go build -trimpath -tags selinux,notest,grpcnotrace \
      -ldflags "$2" -o "$3" "k8s.io/kubernetes/cmd/$4"' _ \
      "$work/k8s" "$ldflags" "$K8S_BIN/$b.tmp" "$b"
  done
fi

echo "[build] all binaries in $K8S_BIN ($((SECONDS - start_all)) s)"
