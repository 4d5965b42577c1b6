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
