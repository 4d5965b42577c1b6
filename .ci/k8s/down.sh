#!/usr/bin/env bash
# Stops and deletes the CI cluster and checks that none of its processes is left behind.
# Safe to run when no cluster exists. The binaries and Go caches are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

export KWOK_WORKDIR=$TALLER_CACHE/k8s/kwok
cluster_dir=$KWOK_WORKDIR/clusters/$CLUSTER_NAME
mkdir -p "$TALLER_CACHE/k8s"

# up.sh calls us while holding the lock.
if [[ -z ${TALLER_K8S_LOCKED:-} ]]; then
  exec 9>"$TALLER_CACHE/k8s/.lock"
  flock 9
fi

# The cluster's processes, from kwokctl's pid files; a pid is taken as ours only if that
# process runs in the cluster's directory (pids get reused).
pids=()
for f in "$cluster_dir"/pids/*.pid; do
  [[ -f $f ]] || continue
  p=$(cat "$f")
  [[ $(readlink "/proc/$p/cwd" 2>/dev/null) == "$cluster_dir" ]] && pids+=("$p")
done
# Alive = exists and is not a zombie (PID 1 reaps those; killed daemons linger as such briefly).
alive() { local s; s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1; [[ ${s%% *} != [ZX] ]]; }

if [[ -d $cluster_dir && -x $K8S_BIN/kwokctl ]]; then
  # Point --kubeconfig at our own file (removed below), never at ~/.kube/config.
  "$K8S_BIN/kwokctl" delete cluster --name "$CLUSTER_NAME" --kubeconfig "$TALLER_CACHE/k8s/kubeconfig" >&2 9>&- ||
    echo "[down] kwokctl delete failed; stopping the processes directly" >&2
fi

alive_pids() { local p; for p in "${pids[@]}"; do if alive "$p"; then echo "$p"; fi; done; }
gone() { local _; for _ in {1..50}; do [[ -z $(alive_pids) ]] && return 0; sleep 0.2; done; return 1; }
# kwokctl sends SIGKILL; wait up to 10 s, then signal whatever survived (or kwokctl missed).
for sig in TERM KILL; do
  gone && break
  echo "[down] SIG$sig $(alive_pids | xargs)" >&2
  kill "-$sig" $(alive_pids) 2>/dev/null || true
done

rm -rf "$cluster_dir" "$KWOK_WORKDIR/$CLUSTER_NAME.yaml" "$TALLER_CACHE/k8s/kubeconfig"

# Verify: no process of this cluster is running (matched by its binaries' path, not by name).
# kwokctl starts every component through the symlinks in $cluster_dir/bin.
if ! gone || pgrep -a -f "^$cluster_dir/bin/" >&2; then
  echo "[down] processes of $CLUSTER_NAME are still running" >&2
  exit 1
fi
# Killed daemons stay zombies until PID 1 reaps them (slow on some VMs); wait briefly so that
# `pgrep kube-apiserver` right after down.sh is clean too. Zombies hold no resources.
for _ in {1..25}; do
  z=0; for p in "${pids[@]}"; do [[ -e /proc/$p ]] && z=1; done
  (( z )) || break
  sleep 0.2
done
echo "[down] cluster $CLUSTER_NAME deleted, no processes left" >&2
