#!/usr/bin/env bash
# Starts the CI cluster: a real control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler) as host processes on 127.0.0.1, plus KWOK simulating two nodes. Pods get
# scheduled, turn Running/Ready and Jobs complete, but no container ever runs ("no data plane").
# stdout is only the kubeconfig path, so that `KUBECONFIG=$(.ci/k8s/up.sh)` works; everything
# else goes to stderr. Running it again reuses a healthy cluster or recreates a broken one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
exec 3>&1 1>&2

t0=$SECONDS
log() { echo "[up $((SECONDS - t0))s] $*"; }

# Binaries (seconds when cached, a long build when not).
"$here/build.sh"

export KWOK_WORKDIR=$TALLER_CACHE/k8s/kwok   # kwokctl's state, instead of ~/.kwok
cluster_dir=$KWOK_WORKDIR/clusters/$CLUSTER_NAME
kubeconfig=$TALLER_CACHE/k8s/kubeconfig
context=kwok-$CLUSTER_NAME                    # kwokctl's naming; the kit treats it as local
kwokctl=$K8S_BIN/kwokctl
mkdir -p "$KWOK_WORKDIR"

# One up/down at a time (parallel graders may all ask for the cluster).
exec 9>"$TALLER_CACHE/k8s/.lock"
flock 9
export TALLER_K8S_LOCKED=1   # down.sh, called below, must not wait for our own lock

# --- configuration ----------------------------------------------------------------------------
# Every binary is a local path, so kwokctl downloads nothing (it symlinks them). Service and
# pod ranges follow kind's defaults and do not overlap; the fake nodes carry 127.0.0.1 instead
# of KWOK's default 192.0.2.1 (this machine's real gateway).
config=$(cat <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  kubeVersion: $K8S_VERSION
  bindAddress: 127.0.0.1
  securePort: true
  kubeAuthorization: true   # RBAC + Node authorizers, so access reviews are real
  kubeAdmission: true       # default admission plugins: PodSecurity, ServiceAccount, ...
  quietPull: true
  kubeApiserverBinary: $K8S_BIN/kube-apiserver
  kubeControllerManagerBinary: $K8S_BIN/kube-controller-manager
  kubeSchedulerBinary: $K8S_BIN/kube-scheduler
  kubectlBinary: $K8S_BIN/kubectl
  etcdBinary: $K8S_BIN/etcd
  kwokControllerBinary: $K8S_BIN/kwok
componentsPatches:
- name: kube-apiserver
  extraArgs:
  - key: service-cluster-ip-range
    value: 10.96.0.0/16
  # For a real node (.ci/node): logs, exec and port-forward go to its kubelet by InternalIP
  # (its Hostname resolves nowhere), authenticated with the admin certificate, which the
  # kubelet trusts through the cluster CA.
  - key: kubelet-preferred-address-types
    value: InternalIP,ExternalIP,Hostname
  - key: kubelet-client-certificate
    value: $cluster_dir/pki/admin.crt
  - key: kubelet-client-key
    value: $cluster_dir/pki/admin.key
  # The aggregation layer, for metrics-server (../node/up.sh). kwokctl already passes the
  # admin certificate as --proxy-client-cert-file; these publish how an aggregated API server
  # tells that certificate (signed by the cluster CA, CN kwok-admin) and the user it names.
  - key: requestheader-client-ca-file
    value: $cluster_dir/pki/ca.crt
  - key: requestheader-allowed-names
    value: kwok-admin
  - key: requestheader-username-headers
    value: X-Remote-User
  - key: requestheader-group-headers
    value: X-Remote-Group
  - key: requestheader-extra-headers-prefix
    value: X-Remote-Extra-
- name: kube-controller-manager
  extraArgs:
  - key: service-cluster-ip-range
    value: 10.96.0.0/16
# KWOK plays the kubelet only for the nodes annotated as fake (kwokctl's binary runtime
# otherwise passes --manage-all-nodes=true, and KWOK would take over a real node too).
- name: kwok-controller
  extraArgs:
  - key: manage-all-nodes
    value: "false"
  - key: manage-nodes-with-annotation-selector
    value: kwok.x-k8s.io/node=fake
---
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options:
  cidr: 10.244.0.0/16
  nodeIP: 127.0.0.1
  # kwok v0.8.0 does not default these when a KwokConfiguration is given (the controller
  # exits with "node leases parallelism must be greater than 0"); values are kwok's defaults.
  podPlayStageParallelism: 4
  nodePlayStageParallelism: 4
  nodeLeaseParallelism: 4
  podsOnNodeSyncParallelism: 1
EOF
)

kc() { "$K8S_BIN/kubectl" --kubeconfig "$kubeconfig" --context "$context" "$@"; }

# Reusable = same config, all five component processes (etcd, apiserver, controller manager,
# scheduler, kwok-controller) still running, API server ready.
healthy() {
  [[ -f $kubeconfig && -f $cluster_dir/taller-config.yaml ]] || return 1
  [[ $(cat "$cluster_dir/taller-config.yaml") == "$config" ]] || return 1
  local f n=0
  for f in "$cluster_dir"/pids/*.pid; do
    [[ -f $f && $(readlink "/proc/$(cat "$f")/cwd" 2>/dev/null) == "$cluster_dir" ]] || return 1
    n=$((n + 1))
  done
  (( n == 5 )) && kc get --raw /readyz --request-timeout=5s >/dev/null 2>&1
}

# --- create or reuse --------------------------------------------------------------------------
if healthy; then
  log "reusing running cluster $CLUSTER_NAME"
else
  if [[ -d $cluster_dir ]]; then
    # Stale, stopped or built from another config: start from scratch rather than repair.
    log "removing old cluster state"
    "$here/down.sh"
  fi
  log "creating cluster $CLUSTER_NAME (Kubernetes $K8S_VERSION, runtime binary)"
  printf '%s\n' "$config" > "$KWOK_WORKDIR/$CLUSTER_NAME.yaml"
  # --kubeconfig '' keeps kwokctl away from ~/.kube/config; we write our own file below.
  # The daemons it starts inherit every open descriptor above 2, so close them all first:
  # otherwise `$(up.sh)` (fd 3) or a caller reading a pipe never sees EOF, and the lock (fd 9)
  # stays held until down.sh.
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$kwokctl" create cluster --name "$CLUSTER_NAME" --config "$KWOK_WORKDIR/$CLUSTER_NAME.yaml" \
      --kubeconfig '' --timeout 2m
  )
  printf '%s\n' "$config" > "$cluster_dir/taller-config.yaml"
  # A self-contained kubeconfig (certificates embedded), whose only context is ours.
  tmp=$(mktemp "$TALLER_CACHE/k8s/kubeconfig.XXXXXX")
  "$K8S_BIN/kubectl" --kubeconfig "$cluster_dir/kubeconfig.yaml" config view --raw --minify --flatten \
    --context "$context" > "$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$kubeconfig"
fi

# --- wait for the control plane ---------------------------------------------------------------
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      log "timed out waiting for $what; component logs are in $cluster_dir/logs"
      exit 1
    fi
    sleep 1
  done
  log "$what"
}
wait_for 120 "API server ready (/readyz)" kc get --raw /readyz
# Leader leases show that the scheduler and the controller manager are running.
wait_for 120 "kube-scheduler running" kc -n kube-system get lease kube-scheduler
wait_for 120 "kube-controller-manager running" kc -n kube-system get lease kube-controller-manager

# --- fake nodes -------------------------------------------------------------------------------
# KWOK (--manage-all-nodes) keeps these Ready with a lease heartbeat and plays the kubelet for
# the Pods bound to them. Status is accepted on create, so capacity and address are ours.
nodes=(kwok-node-1 kwok-node-2)
node_manifest() { # node_manifest INDEX NAME
  cat <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $2
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: $2
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
spec:
  podCIDR: 10.244.$1.0/24
  podCIDRs: [10.244.$1.0/24]
status:
  addresses:
  - {type: InternalIP, address: 127.0.0.1}
  - {type: Hostname, address: $2}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: $K8S_VERSION
EOF
}
# Create only the missing ones: KWOK owns node status afterwards.
for i in "${!nodes[@]}"; do
  kc get node "${nodes[$i]}" >/dev/null 2>&1 || node_manifest $((i + 1)) "${nodes[$i]}" | kc create -f -
done

wait_for 120 "default ServiceAccount in default" kc -n default get serviceaccount default
wait_for 120 "nodes Ready: ${nodes[*]}" \
  kc wait --for=condition=Ready --timeout=5s "${nodes[@]/#/node/}"

log "cluster $CLUSTER_NAME ready; context $context"
echo "$kubeconfig" >&3
