#!/usr/bin/env bash
# Builds what the real CI node needs and no registry can give us here, into the same per-version
# cache as the control plane (../k8s/build.sh), skipping whatever is there already:
#   kubelet, kube-proxy  k8s.io/kubernetes, through the control plane's wrapper module
#   coredns              github.com/coredns/coredns, the release kubeadm pairs with this version
#                        (v1.12.1 for 1.34) unless COREDNS_VERSION is set
#   crictl               sigs.k8s.io/cri-tools (down.sh removes pod sandboxes through the CRI)
#   metrics-server       sigs.k8s.io/metrics-server at METRICS_SERVER_VERSION (v0.8.0)
#   pause image          build/pause/linux/pause.c of the same k8s.io/kubernetes module, gcc
#                        -static, packed by hand as a `docker save` archive for `ctr import`,
#                        tagged with kubeadm's pause version (registry.k8s.io/pause:3.10.1)
# Progress goes to stderr; stdout stays empty.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../k8s/common.sh"
source "$here/common.sh"
exec 1>&2

mkdir -p "$K8S_BIN" "$NODE_IMAGES"
go_build_env

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"   # never inside some other Go module
start_all=$SECONDS

# --- kubelet, kube-proxy ----------------------------------------------------------------------
k8s_build "$work/k8s" kubelet kube-proxy

# --- CoreDNS, crictl, metrics-server -------------------------------------------------------
# None replaces modules, so plain `go install`. CoreDNS registers its plugins at build time;
# the default set has every one up.sh uses (bind, errors, ready, kubernetes, template).
gobin_install() { # gobin_install NAME PACKAGE@VERSION [LDFLAGS]
  build "$1" bash -c 'mkdir -p "$1" && GOBIN="$1" go install -trimpath -ldflags "-s -w $4" "$2" &&
    mv "$1/$3" "$5"' _ "$work/gobin" "$2" "$(basename "${2%@*}")" "${3:-}" "$K8S_BIN/$1.tmp"
}
# kubeadm's constants name the CoreDNS and pause releases that go with this Kubernetes version.
kubeadm_const() { sed -n 's/^\s*'"$1"' = "\(v\?[0-9.]*\)"/\1/p' "$(k8s_module_dir)/cmd/kubeadm/app/constants/constants.go"; }
if ! have coredns; then
  COREDNS_VERSION=${COREDNS_VERSION:-$(kubeadm_const CoreDNSVersion)}
  [[ $COREDNS_VERSION =~ ^v1\.[0-9]+\.[0-9]+$ ]] || { echo "bad CoreDNS version '$COREDNS_VERSION'"; exit 1; }
  gobin_install coredns "github.com/coredns/coredns@$COREDNS_VERSION"
else
  echo "[build] coredns: cached"
fi
gobin_install crictl "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION" \
  "-X sigs.k8s.io/cri-tools/pkg/version.Version=${CRICTL_VERSION#v}"
# The version stamp its Makefile sets, so that `--version` does not say v0.0.0.
gobin_install "${METRICS_SERVER_BIN##*/}" "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION" \
  "-X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION"

# --- pause image ------------------------------------------------------------------------------
# The sandbox ("infra") container of every Pod. containerd's sandbox_image names it and the
# kubelet never pulls it, so it only has to exist under that exact name. Built as upstream does
# (build/pause/Makefile: CFLAGS -Os -Wall -Werror -static, USER 65535, ENTRYPOINT /pause), but
# packed as a `docker save` archive by hand: no Docker and no base image needed.
if [[ ! -s $PAUSE_TAR || ! -s $PAUSE_REF ]]; then
  t0=$SECONDS
  k8s_dir=$(k8s_module_dir)
  PAUSE_VERSION=${PAUSE_VERSION:-$(kubeadm_const PauseVersion)}
  [[ $PAUSE_VERSION =~ ^[0-9]+\.[0-9.]+$ ]] || { echo "bad pause version '$PAUSE_VERSION'"; exit 1; }
  PAUSE_IMAGE=registry.k8s.io/pause:$PAUSE_VERSION
  mkdir -p "$work/pause/rootfs" "$work/pause/image"
  gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION-taller" \
    -o "$work/pause/rootfs/pause" "$k8s_dir/build/pause/linux/pause.c"
  strip "$work/pause/rootfs/pause"
  cp "$work/pause/rootfs/pause" "$K8S_BIN/pause"
  # Fixed owner and times, so the same source gives the same image digest.
  tar_det() { tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 "$@"; }
  tar_det -C "$work/pause/rootfs" -cf "$work/pause/layer.tar" pause
  layer=$(sha256sum "$work/pause/layer.tar" | cut -d' ' -f1)
  arch=$(go env GOARCH)
  printf '{"architecture":"%s","os":"linux","config":{"User":"65535:65535","Entrypoint":["/pause"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"gcc -static build/pause/linux/pause.c from k8s.io/kubernetes@%s (.ci/node/build.sh)"}]}' \
    "$arch" "$layer" "$K8S_VERSION" > "$work/pause/config.json"
  config=$(sha256sum "$work/pause/config.json" | cut -d' ' -f1)
  mkdir -p "$work/pause/image/$layer"
  mv "$work/pause/layer.tar" "$work/pause/image/$layer/layer.tar"
  mv "$work/pause/config.json" "$work/pause/image/$config.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' \
    "$config" "$PAUSE_IMAGE" "$layer" > "$work/pause/image/manifest.json"
  tar_det -C "$work/pause/image" -cf "$PAUSE_TAR.tmp" manifest.json "$config.json" "$layer"
  mv "$PAUSE_TAR.tmp" "$PAUSE_TAR"
  echo "$PAUSE_IMAGE" > "$PAUSE_REF"
  echo "[build] pause image $PAUSE_IMAGE: done in $((SECONDS - t0)) s ($(stat -c %s "$PAUSE_TAR") bytes)"
else
  echo "[build] pause image $(cat "$PAUSE_REF"): cached"
fi

echo "[build] node binaries in $K8S_BIN, images in $NODE_IMAGES ($((SECONDS - start_all)) s)"
