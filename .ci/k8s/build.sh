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
go_build_env   # common.sh: static, local toolchain, shared Go caches

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"   # never inside some other Go module

start_all=$SECONDS
# have, build: see common.sh.

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
    k8s_dir=$(k8s_module_dir)
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
# Through a wrapper module that replaces the staging modules by their tags (common.sh).
k8s_build "$work/k8s" kube-apiserver kube-controller-manager kube-scheduler kubectl

echo "[build] all binaries in $K8S_BIN ($((SECONDS - start_all)) s)"
