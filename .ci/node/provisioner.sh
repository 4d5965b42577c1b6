#!/usr/bin/env bash
# A CI stand-in for kind's local-path provisioner: the CI cluster has no dynamic volume
# provisioner and no StorageClass, while kind (local-path) and minikube (hostpath) ship both.
#
#   provisioner.sh start   the default StorageClass `standard` and the provisioning loop
#   provisioner.sh stop    stops the loop, deletes released volumes and the StorageClass
#   provisioner.sh status  exits 0 when the loop runs
#
# The class is default, WaitForFirstConsumer, reclaim Delete, like kind's. For each claim of the
# class that the scheduler has placed (annotation volume.kubernetes.io/selected-node) and that
# has no volume yet, the loop creates a hostPath PersistentVolume, pre-bound to the claim and
# pinned to that node, on a directory of this machine under $NODE_DIR/volumes (mode 0777, so a
# non-root uid such as the workshop image's 10001 can write, as local-path's directories allow).
# The control plane's PV controller then binds it. Released volumes are deleted with their
# directories. Like local-path, only ReadWriteOnce and ReadWriteOncePod are served.
#
# Idempotent; logs to $NODE_DIR/logs/provisioner.log; `stop` leaves no process behind (the loop
# runs in its own process group with its kubectl watchers). Nothing in the exercises depends on
# it: their claims name no class and get the cluster's default one, whatever provides it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../k8s/common.sh"
source "$here/common.sh"

CLASS=standard
PROVISIONER=taller.ci/hostpath
VOLUMES_DIR=$NODE_DIR/volumes
LOG=$NODE_DIR/logs/provisioner.log
PID_FILE=$NODE_DIR/provisioner.pid
MANAGED=app.kubernetes.io/managed-by=taller-provisioner

log() { echo "[provisioner $(date -u +%H:%M:%S)] $*"; }
say() { log "$@" | tee -a "$LOG" >&2; }   # start/stop: to the caller and to the log
kc() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" --request-timeout=10s "$@"; }

# --- the loop (runs detached, in its own process group) ---------------------------------------

# One line per claim / volume, fields separated by "|" (never in names; tabs would collapse).
CLAIMS='{range .items[*]}{.metadata.namespace}|{.metadata.name}|{.metadata.uid}|{.spec.storageClassName}|{.spec.volumeName}|{.metadata.annotations.volume\.kubernetes\.io/selected-node}|{.spec.resources.requests.storage}|{.spec.accessModes[*]}|{.spec.volumeMode}|{.metadata.deletionTimestamp}{"\n"}{end}'
VOLUMES='{range .items[*]}{.metadata.name}|{.metadata.annotations.pv\.kubernetes\.io/provisioned-by}|{.status.phase}|{.spec.hostPath.path}{"\n"}{end}'

declare -A refused=()   # claims already told why they get no volume

provision() { # NAMESPACE NAME UID NODE SIZE MODES
  local ns=$1 name=$2 uid=$3 node=$4 size=$5 modes=$6 pv=pvc-$3 dir mode list=''
  dir=$VOLUMES_DIR/$pv
  mkdir -p "$dir"
  chmod 0777 "$dir"
  for mode in $modes; do list+="${list:+, }$mode"; done
  if kc create -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolume
metadata:
  name: $pv
  labels: {app.kubernetes.io/managed-by: taller-provisioner}
  annotations: {pv.kubernetes.io/provisioned-by: $PROVISIONER}
spec:
  storageClassName: $CLASS
  capacity: {storage: $size}
  accessModes: [$list]
  persistentVolumeReclaimPolicy: Delete
  volumeMode: Filesystem
  claimRef: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: $ns, name: $name, uid: $uid}
  hostPath: {path: $dir, type: Directory}
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [$node]}]
EOF
  then
    log "provisioned $pv ($size, $list) for $ns/$name on $node at $dir"
  else
    log "could not create $pv for $ns/$name (retried at the next event)"
  fi
}

refuse() { # NAMESPACE NAME UID REASON: a Warning event on the claim, as a provisioner reports
  local key="$1/$2/$3"
  [[ -n ${refused[$key]:-} ]] && return 0
  refused[$key]=1
  log "refused $1/$2: $4"
  kc create -f - >/dev/null 2>&1 <<EOF || true
apiVersion: v1
kind: Event
metadata: {name: $2.taller-provisioner-$3, namespace: $1}
involvedObject: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: $1, name: $2, uid: $3}
reason: ProvisioningFailed
message: "$4"
type: Warning
source: {component: $PROVISIONER}
count: 1
firstTimestamp: $(date -u +%Y-%m-%dT%H:%M:%SZ)
lastTimestamp: $(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
}

reconcile() {
  local claims volumes ns name uid class volume node size modes vmode deleting pv prov phase path
  claims=$(kc get pvc -A -o jsonpath="$CLAIMS") || { log "cannot list claims"; return 0; }
  volumes=$(kc get pv -o jsonpath="$VOLUMES") || { log "cannot list volumes"; return 0; }
  while IFS='|' read -r ns name uid class volume node size modes vmode deleting; do
    [[ -n $name && $class == "$CLASS" && -z $volume && -n $node && -z $deleting ]] || continue
    grep -q "^pvc-$uid|" <<<"$volumes" && continue   # created, the PV controller binds it next
    if [[ $vmode == Block ]]; then refuse "$ns" "$name" "$uid" "$PROVISIONER solo crea volúmenes Filesystem"; continue; fi
    if [[ " $modes " == *" ReadWriteMany "* || " $modes " == *" ReadOnlyMany "* ]]; then
      refuse "$ns" "$name" "$uid" "$PROVISIONER, como local-path de kind, solo admite ReadWriteOnce y ReadWriteOncePod"
      continue
    fi
    provision "$ns" "$name" "$uid" "$node" "${size:-1Gi}" "${modes:-ReadWriteOnce}"
  done <<<"$claims"
  # Released (the claim is gone) or failed volumes of ours go, with their directories.
  while IFS='|' read -r pv prov phase path; do
    [[ $prov == "$PROVISIONER" ]] || continue
    [[ $phase == Released || $phase == Failed ]] || continue
    if kc delete pv "$pv" --wait=false >/dev/null 2>&1; then
      log "deleted $pv ($phase)"
      [[ $path == "$VOLUMES_DIR"/pvc-* ]] && rm -rf --one-file-system "$path"
    fi
  done <<<"$volumes"
  # Directories whose volume no longer exists (a deleted PV, or a previous cluster's), from a
  # fresh list and only when older than a minute: never one this pass has just made.
  volumes=$(kc get pv -o jsonpath="$VOLUMES") || return 0
  while IFS= read -r path; do
    grep -q "^${path##*/}|" <<<"$volumes" || { log "removing orphan $path"; rm -rf --one-file-system "$path"; }
  done < <(find "$VOLUMES_DIR" -mindepth 1 -maxdepth 1 -type d -name 'pvc-*' -mmin +1)
}

watch_events() { # a line for every change of a claim or a volume; ends when either watch ends
  "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" get pvc -A --watch-only -o name &
  "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" get pv --watch-only -o name &
  wait -n || true
  jobs -p | xargs -r kill 2>/dev/null || true
  wait || true
}

run_loop() {
  trap 'trap - TERM INT; kill -- -$$ 2>/dev/null; exit 0' TERM INT
  echo $$ >"$PID_FILE"
  log "loop started (pid $$), class $CLASS, provisioner $PROVISIONER, volumes in $VOLUMES_DIR"
  local n
  while :; do
    exec 3< <(watch_events)
    reconcile || log "pass failed"
    # Events trigger a pass (a burst of them, one pass); every 10 s a pass anyway.
    while :; do
      if read -r -t 10 -u 3 _; then
        for ((n = 0; n < 50; n++)); do read -r -t 0.2 -u 3 _ || break; done
        reconcile || log "pass failed"
      elif (($? > 128)); then
        reconcile || log "pass failed"
      else
        break   # the watches ended (API server restarted, watch expired): start them again
      fi
    done
    exec 3<&-
    sleep 1
  done
}

# --- commands ---------------------------------------------------------------------------------

# Alive = exists and is not a zombie (PID 1 reaps the detached loop, slowly on some machines).
alive() { local s; s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1; [[ ${s%% *} != [ZX] ]]; }

running_pid() { # the loop's pid, if it runs
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "provisioner.sh __loop" && echo "$pid"
}

start() {
  mkdir -p "$VOLUMES_DIR" "$(dirname "$LOG")"
  kc apply -f - >/dev/null <<EOF
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $CLASS
  labels: {app.kubernetes.io/managed-by: taller-provisioner}
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: $PROVISIONER
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
EOF
  if pid=$(running_pid); then
    say "already running (pid $pid)"
    return 0
  fi
  rm -f "$PID_FILE"
  # Its own session and process group (the loop writes its pid file), so stop can end it and
  # its kubectl watchers at once.
  setsid "$BASH" "$here/provisioner.sh" __loop </dev/null >>"$LOG" 2>&1 &
  for _ in {1..50}; do pid=$(running_pid) && break; sleep 0.1; done
  [[ -n ${pid:-} ]] || { say "the loop did not start; see $LOG"; tail -n 5 "$LOG" >&2; return 1; }
  say "started (pid $pid, StorageClass $CLASS is the default; log $LOG)"
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in {1..50}; do alive "$pid" || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "stopped (pid $pid)"
  fi
  rm -f "$PID_FILE"
  # The loop's process group is gone; so is anything else that ran this loop.
  if pgrep -f "provisioner.sh __loop" >/dev/null; then
    say "ERROR: a provisioning loop is still running: $(pgrep -af 'provisioner.sh __loop')"
    return 1
  fi
  if [[ -f $KUBECONFIG_ADMIN ]] && kc get --raw /readyz >/dev/null 2>&1; then
    reconcile >>"$LOG" 2>&1   # released volumes and orphan directories
    kc delete storageclass -l "$MANAGED" --ignore-not-found >/dev/null
    local bound
    bound=$(kc get pv -l "$MANAGED" -o name 2>/dev/null | wc -l)
    ((bound == 0)) || say "$bound volume(s) still bound to claims stay (deleted with their namespaces)"
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) running_pid >/dev/null ;;
  __loop) run_loop ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
