#!/usr/bin/env bash
# Stops the real node (kubelet, kube-proxy, CoreDNS, metrics-server, its containerd) and removes
# what it left on the machine: Pod sandboxes and containers, mounts, the bridge, the iptables
# chains of kube-proxy, the kubelet and the CNI plugins (KUBE-*, CNI-*), cgroups, and the Node,
# kube-dns and metrics-server objects in the API (an aggregated API left without its server
# would keep namespaces from being deleted). Restores the kernel settings the kubelet changed. Then checks
# and prints whatever is left, and fails if anything is. Safe to run when nothing is running.
# Kept: binaries, logs ($NODE_DIR/logs) and containerd's image store (faster next start).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../k8s/common.sh"
source "$here/common.sh"
exec 1>&2

log() { echo "[node-down] $*"; }
[[ $(id -u) -eq 0 ]] || { log "ERROR: run as root"; exit 1; }
mkdir -p "$NODE_DIR"
if [[ -z ${TALLER_NODE_LOCKED:-} ]]; then   # up.sh calls us while holding the lock
  exec 8>"$NODE_DIR/.lock"
  flock 8
fi

# --- processes --------------------------------------------------------------------------------
# Found by what they run (binary and our config paths), not by pid files alone: a crashed
# up.sh may not have written them.
our_pids() {
  case $1 in
    # Any version's binaries: a node started before the pinned version changed is ours too.
    kubelet | kube-proxy | coredns) pgrep -f "^$TALLER_CACHE/k8s/v[0-9.]*/bin/$1 .*$NODE_DIR/" ;;
    metrics-server) pgrep -f "^$TALLER_CACHE/k8s/v[0-9.]*/bin/metrics-server-v[0-9.]* .*$NODE_DIR/" ;;
    containerd) pgrep -f "^containerd --config $NODE_DIR/containerd.toml" ;;
    shims) pgrep -f -- "-address $CONTAINERD_SOCK( |$)" ;;
    # Pod processes: everything in the kubelet's cgroups.
    pods) find /sys/fs/cgroup/*/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u ;;
  esac || true
}
# Alive = exists and is not a zombie (PID 1 reaps those, slowly on some machines).
alive() { local s; s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1; [[ ${s%% *} != [ZX] ]]; }
stop() { # stop NAME: SIGTERM, up to 10 s, then SIGKILL
  local pids p left=()
  mapfile -t pids < <(our_pids "$1")
  ((${#pids[@]})) || return 0
  log "stopping $1 (${pids[*]})"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in {1..50}; do
    left=(); for p in "${pids[@]}"; do if alive "$p"; then left+=("$p"); fi; done
    ((${#left[@]})) || return 0
    sleep 0.2
  done
  log "SIGKILL $1: ${left[*]}"
  kill -KILL "${left[@]}" 2>/dev/null || true
}

# The kubelet first: it would restart the Pods removed below, and re-register the Node.
stop kubelet
stop kube-proxy
stop coredns
stop metrics-server

# Pod sandboxes through the CRI, so that the CNI plugins release each Pod's address and delete
# its veth and iptables rules; then whatever the CRI left (tasks, containers).
if [[ -n $(our_pids containerd) ]] && [[ -S $CONTAINERD_SOCK ]]; then
  n=$("$K8S_BIN/crictl" --config /dev/null --runtime-endpoint "unix://$CONTAINERD_SOCK" --timeout 60s pods -q 2>/dev/null | wc -l) || n=0
  if (( n > 0 )); then
    log "removing $n pod sandboxes"
    "$K8S_BIN/crictl" --config /dev/null --runtime-endpoint "unix://$CONTAINERD_SOCK" --timeout 60s rmp --all --force >/dev/null ||
      log "crictl rmp failed; killing the tasks directly"
  fi
  ctr_() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }
  for t in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$t" 2>/dev/null || true; done
  for c in $(ctr_ containers ls -q 2>/dev/null); do ctr_ tasks delete -f "$c" >/dev/null 2>&1 || true; ctr_ containers delete "$c" 2>/dev/null || true; done
fi
stop containerd
# A shim outlives its containerd by design, and a container its shim: kill both if any is left.
for kind in shims pods; do
  mapfile -t pids < <(our_pids "$kind")
  if ((${#pids[@]})); then log "SIGKILL leftover $kind: ${pids[*]}"; kill -KILL "${pids[@]}" 2>/dev/null || true; fi
done
for _ in {1..50}; do
  waiting=0; for p in $(our_pids shims) $(our_pids pods); do if alive "$p"; then waiting=1; fi; done
  ((waiting)) || break
  sleep 0.2
done

# --- API objects ------------------------------------------------------------------------------
# Without the Node the grader sees no real node, and the control plane garbage-collects the
# Pods that were bound to it. Skipped when the control plane is down (it is then gone anyway).
kc() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" --request-timeout=5s "$@"; }
if [[ -f $KUBECONFIG_ADMIN ]] && kc get --raw /readyz >/dev/null 2>&1; then
  kc delete apiservice v1beta1.metrics.k8s.io --ignore-not-found --wait=false >/dev/null
  kc -n kube-system delete service metrics-server --ignore-not-found --wait=false >/dev/null
  kc -n kube-system delete endpointslice "metrics-server-$NODE_NAME" --ignore-not-found --wait=false >/dev/null
  kc delete node "$NODE_NAME" --ignore-not-found --wait=false >/dev/null
  kc -n kube-system delete service kube-dns --ignore-not-found --wait=false >/dev/null
  kc -n kube-system delete endpointslice "kube-dns-$NODE_NAME" --ignore-not-found --wait=false >/dev/null
fi

# --- mounts -----------------------------------------------------------------------------------
# Volumes (kubelet), rootfs overlays, shm and network namespaces (containerd): deepest first.
our_mounts() {
  awk -v a="$NODE_DIR/" -v b="$RUN_DIR/" '{ m = $5 "/"; if (index(m, a) == 1 || index(m, b) == 1) print $5 }' \
    /proc/self/mountinfo | sort -r -u
}
for m in $(our_mounts); do
  umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
done

# --- network ----------------------------------------------------------------------------------
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link delete "$BRIDGE"
fi
# kube-proxy removes its own rules and chains (iptables and ip6tables); then any KUBE-* or CNI-*
# chain left by the kubelet (KUBE-FIREWALL, canaries) or the plugins (firewall, portmap): the
# rules that jump to them from other chains, then the chains themselves. Docker's stay.
if [[ -x $K8S_BIN/kube-proxy ]]; then
  "$K8S_BIN/kube-proxy" --cleanup >"$NODE_DIR/kube-proxy-cleanup.log" 2>&1 ||
    log "kube-proxy --cleanup reported errors (see $NODE_DIR/kube-proxy-cleanup.log); sweeping"
fi
sweep() { # sweep iptables|ip6tables
  local ipt=$1 t rule chains c
  for t in filter nat mangle raw; do
    "$ipt" -t "$t" -S >/dev/null 2>&1 || continue
    while IFS= read -r rule; do
      eval "\"$ipt\" -t $t -D ${rule#-A }" || true
    done < <("$ipt" -t "$t" -S | grep -E -- '-j (KUBE|CNI)-' | grep -vE '^-A (KUBE|CNI)-')
    chains=$("$ipt" -t "$t" -S | sed -n -E 's/^-N ((KUBE|CNI)-[^ ]+)$/\1/p')
    for c in $chains; do "$ipt" -t "$t" -F "$c"; done
    for c in $chains; do "$ipt" -t "$t" -X "$c"; done
  done
}
sweep iptables
sweep ip6tables

# --- kernel settings, cgroups, files ----------------------------------------------------------
if [[ -f $NODE_DIR/sysctl.saved ]]; then
  while IFS='=' read -r k v; do sysctl -qw "$k=$v" || true; done <"$NODE_DIR/sysctl.saved"
  rm -f "$NODE_DIR/sysctl.saved"
fi
find /sys/fs/cgroup/*/kubepods -depth -type d -exec rmdir {} + 2>/dev/null || true
# Only with nothing mounted underneath: rm -rf through a leftover bind mount would delete the
# mount's source.
if [[ -z $(our_mounts) ]]; then
  rm -rf --one-file-system "$RUN_DIR" "$NODE_DIR/kubelet" "$NODE_DIR/pod-logs" "$NODE_DIR/containerd-opt"
fi
# Fixed paths outside our directories: libcni's result cache, the kubelet's device-plugin
# socket (not configurable), containerd 1.6's shim socket directory and the runc root a shim
# falls back to when cleaning up after a failed start. Directories are removed only when
# empty, so nobody else's (Docker's shims use /run/containerd/s too) go.
rm -f /var/lib/cni/results/taller-* /var/lib/kubelet/device-plugins/kubelet.sock
rmdir /var/lib/cni/results /var/lib/cni /var/lib/kubelet/device-plugins /var/lib/kubelet \
  /run/containerd/runc/k8s.io /run/containerd/runc /run/containerd/s /run/containerd 2>/dev/null || true

# --- verify -----------------------------------------------------------------------------------
left=()
for kind in kubelet kube-proxy coredns metrics-server containerd shims pods; do
  for p in $(our_pids "$kind"); do
    if alive "$p"; then left+=("process ($kind): $(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-150)"); fi
  done
done
while read -r m; do [[ -n $m ]] && left+=("mount: $m"); done < <(our_mounts)
ip link show "$BRIDGE" >/dev/null 2>&1 && left+=("interface: $BRIDGE")
for ipt in iptables ip6tables; do
  for t in filter nat mangle raw; do
    while read -r r; do [[ -n $r ]] && left+=("$ipt -t $t: $r"); done < <("$ipt" -t "$t" -S 2>/dev/null | grep -E -- '(KUBE|CNI)-' || true)
  done
done
for d in /sys/fs/cgroup/*/kubepods; do [[ -d $d ]] && left+=("cgroup: $d"); done
if ((${#left[@]})); then
  log "LEFT BEHIND (${#left[@]}):"
  printf '  %s\n' "${left[@]}"
  exit 1
fi
log "node $NODE_NAME stopped; no processes, mounts, interfaces, iptables chains or cgroups left"
