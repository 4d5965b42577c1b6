#!/usr/bin/env bash
# Adds one real node, taller-node, to the CI cluster (../k8s/up.sh, which this starts or reuses):
# a containerd of its own, kubelet, kube-proxy (iptables), CoreDNS and metrics-server, all host
# processes, so Pods scheduled on it really run and report their CPU and memory. It sits next to the KWOK nodes and carries the label
# taller/nodo-real=true (and no kwok.x-k8s.io/node annotation, which is how the grader tells it
# is real). Nothing is pulled: the pause image comes from build.sh and the workload images from
# the local Docker engine (`docker save | ctr import`, as `kind load docker-image` does).
# Idempotent: a healthy node is reused (only new or changed images are imported); anything else
# is cleaned with down.sh and started again. Progress goes to stderr; stdout stays empty.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../k8s/common.sh"
source "$here/common.sh"
exec 1>&2
export LC_ALL=C

t_start=$EPOCHREALTIME
log() { echo "[node $(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s] $*"; }
die() { echo "[node] ERROR: $*"; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root: this starts containerd and the kubelet and changes iptables"

# --- control plane and binaries ---------------------------------------------------------------
"$here/../k8s/up.sh" >/dev/null   # starts or reuses it; prints only the kubeconfig path
"$here/build.sh"
PAUSE_IMAGE=$(cat "$PAUSE_REF")

mkdir -p "$NODE_DIR/logs" "$RUN_DIR"
exec 8>"$NODE_DIR/.lock"
flock 8
export TALLER_NODE_LOCKED=1   # down.sh, called below, must not wait for our own lock

kc() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
ctr_() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }
# Which control plane the node was started for: a recreated cluster has a new CA.
cluster_id=$(cat "$CONTROL_PLANE_PKI/ca.crt" "$KUBECONFIG_ADMIN" | sha256sum | cut -c1-16)

# --- Debian packages --------------------------------------------------------------------------
# containerd 1.6 and runc from Debian; CNI plugins at /usr/lib/cni; conntrack for kube-proxy.
# No socat: containerd 1.6 forwards ports in Go.
pkgs=(containerd runc containernetworking-plugins iptables conntrack)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- processes --------------------------------------------------------------------------------
# Daemons are ours when their pid file names a live process whose command line mentions our
# config (pids get reused; Docker runs another containerd from the same binary).
running() { # running NAME
  local pid state
  pid=$(cat "$RUN_DIR/$1.pid" 2>/dev/null) || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != [ZX]* ]] || return 1   # a zombie is dead
  { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$NODE_DIR/"
}
# start NAME CMD...: detached (setsid, outlives this script), log in $NODE_DIR/logs/NAME.log.
# The daemon inherits every open descriptor above 2, so close them first: otherwise a caller
# reading our output never sees EOF, and the lock (fd 8) stays held.
start() {
  local name=$1; shift
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    exec setsid "$@" >>"$NODE_DIR/logs/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$RUN_DIR/$name.pid"
}
wait_for() { # wait_for SECONDS DESCRIPTION LOG COMMAND...
  local limit=$1 what=$2 logf=$3; shift 3
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      log "timed out after ${limit}s waiting for $what; last lines of $logf:"
      tail -n 25 "$logf" 2>/dev/null | cut -c1-400
      exit 1
    fi
    sleep 0.5
  done
  log "$what"
}
node_ready() {
  [[ $(kc get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' \
    --request-timeout=5s 2>/dev/null) == True ]]
}
dns_ready() { curl -fsS -m 2 http://127.0.0.1:18181/ready >/dev/null 2>&1; }
metrics_available() {
  [[ $(kc get apiservice v1beta1.metrics.k8s.io --request-timeout=5s \
    -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null) == True ]]
}
healthy() {
  [[ $(cat "$RUN_DIR/cluster.id" 2>/dev/null) == "$cluster_id" ]] || return 1
  local c
  for c in containerd kubelet kube-proxy coredns; do running "$c" || return 1; done
  node_ready && dns_ready
}

# --- images -----------------------------------------------------------------------------------
# Manifests name images as Docker does; the CRI looks them up fully qualified.
normalize() {
  local n=$1
  [[ $n == */* ]] || n=library/$n
  [[ ${n%%/*} == *[.:]* || ${n%%/*} == localhost ]] || n=docker.io/$n
  echo "$n"
}
# import_images: the pause image, then each workload image Docker has, unless the node already
# holds that exact image (same Docker image ID as last time).
on_node() { ctr_ images ls -q | grep -xF "$1" >/dev/null; }   # not -q: no SIGPIPE for ctr
import_images() {
  local stamps=$NODE_DIR/images-imported img ref id f
  mkdir -p "$stamps"
  if ! on_node "$PAUSE_IMAGE"; then
    ctr_ images import "$PAUSE_TAR" >/dev/null
    log "imported $PAUSE_IMAGE"
  fi
  if ! docker info >/dev/null 2>&1; then
    log "WARNING: Docker is not running: no workload image imported (run .ci/docker/setup.sh)"
    return 0
  fi
  for img in ${NODE_LOAD_IMAGES:-taller/app-datos:1.0 python:3.12-slim redis:7.0-bookworm}; do
    if ! docker image inspect "$img" >/dev/null 2>&1; then
      log "WARNING: Docker has no $img: not on the node, so Pods using it get ErrImagePull"
      continue
    fi
    ref=$(normalize "$img")
    id=$(docker image inspect -f '{{.Id}}' "$img")
    f=$stamps/${ref//[\/:]/_}
    if [[ $(cat "$f" 2>/dev/null) == "$id" ]] && on_node "$ref"; then continue; fi
    docker save "$img" | ctr_ images import - >/dev/null
    echo "$id" >"$f"
    log "imported $img as $ref"
  done
}

# --- metrics-server ---------------------------------------------------------------------------
# The resource metrics API (metrics.k8s.io) behind `kubectl top` and the HorizontalPodAutoscaler,
# as a host process like the rest. It scrapes this node's kubelet (/metrics/resource on
# $NODE_IP:10250, the port the Node reports) with the admin credentials; the KWOK nodes have no
# kubelet, so the node selector leaves them out. The kubelet's serving certificate is
# self-signed, hence --kubelet-insecure-tls (as kwokctl does; the traffic never leaves this
# machine). It serves on $NODE_IP:$METRICS_PORT with a self-signed certificate of its own; the
# API server reaches it through the Service below (ClusterIP, kube-proxy) as an aggregated API
# and names the user with its front-proxy certificate (../k8s/up.sh: --requestheader-*), which
# metrics-server checks against kube-system/extension-apiserver-authentication.
# A node without it still runs Pods: on failure, say so, and leave no APIService behind (an
# aggregated API without its server keeps namespaces from being deleted).
start_metrics_server() {
  mkdir -p "$NODE_DIR/metrics-server"
  start metrics-server "$METRICS_SERVER_BIN" --bind-address="$NODE_IP" --secure-port="$METRICS_PORT" \
    --cert-dir="$NODE_DIR/metrics-server" --kubeconfig="$KUBECONFIG_ADMIN" \
    --authentication-kubeconfig="$KUBECONFIG_ADMIN" --authorization-kubeconfig="$KUBECONFIG_ADMIN" \
    --node-selector="$NODE_LABEL" --kubelet-preferred-address-types=InternalIP \
    --kubelet-use-node-status-port --kubelet-insecure-tls --metric-resolution=15s
  wait_for 60 "metrics-server running on $NODE_IP:$METRICS_PORT" "$NODE_DIR/logs/metrics-server.log" \
    curl -ksS -m 2 -o /dev/null "https://$NODE_IP:$METRICS_PORT/livez"
  kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata:
  name: metrics-server
  namespace: kube-system
  labels: {k8s-app: metrics-server, app.kubernetes.io/managed-by: taller-node}
spec:
  ports:
  - {name: https, port: 443, protocol: TCP, targetPort: $METRICS_PORT}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: metrics-server-$NODE_NAME
  namespace: kube-system
  labels: {kubernetes.io/service-name: metrics-server, endpointslice.kubernetes.io/managed-by: taller-node}
addressType: IPv4
endpoints:
- addresses: [$NODE_IP]
  conditions: {ready: true}
  nodeName: $NODE_NAME
ports:
- {name: https, port: $METRICS_PORT, protocol: TCP}
EOF
  # The APIService only once kube-proxy routes the ClusterIP to it.
  local ip
  ip=$(kc -n kube-system get service metrics-server -o jsonpath='{.spec.clusterIP}')
  wait_for 30 "Service metrics-server ($ip) routed by kube-proxy" "$NODE_DIR/logs/kube-proxy.log" \
    curl -ksS -m 2 -o /dev/null "https://$ip/livez"
  kc apply -f - >/dev/null <<EOF
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
  labels: {k8s-app: metrics-server, app.kubernetes.io/managed-by: taller-node}
spec:
  group: metrics.k8s.io
  version: v1beta1
  service: {name: metrics-server, namespace: kube-system, port: 443}
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
EOF
  wait_for 60 "metrics API available (APIService v1beta1.metrics.k8s.io)" "$NODE_DIR/logs/metrics-server.log" metrics_available
}
metrics_up() { running metrics-server && metrics_available; }
# The same guard as CNI-ADMIN's, for this machine's own processes (the API server dials the
# metrics-server Service, and so does the wait above): a ClusterIP kube-proxy has not DNATed yet
# would leave by the default route, off the machine, and a keep-alive connection made then stays
# there. filter/OUTPUT sees addresses after DNAT, so only untranslated traffic matches. Idempotent;
# down.sh sweeps the chain with kube-proxy's.
host_guard() {
  local rule=(-d "$SERVICE_CIDR" -m comment --comment "taller-node: host traffic to a ClusterIP kube-proxy did not DNAT"
    -j REJECT --reject-with icmp-port-unreachable)
  iptables -N KUBE-TALLER-HOST 2>/dev/null || true
  iptables -C KUBE-TALLER-HOST "${rule[@]}" 2>/dev/null || iptables -A KUBE-TALLER-HOST "${rule[@]}"
  iptables -C OUTPUT -j KUBE-TALLER-HOST 2>/dev/null || iptables -I OUTPUT 1 -j KUBE-TALLER-HOST
}
ensure_metrics() {
  host_guard
  metrics_up && return 0
  if running metrics-server; then kill "$(cat "$RUN_DIR/metrics-server.pid")"; sleep 1; fi
  if (start_metrics_server); then return 0; fi
  log "WARNING: metrics-server did not start (log: $NODE_DIR/logs/metrics-server.log): no metrics API, so \`kubectl top\` fails and HorizontalPodAutoscalers do not scale"
  if running metrics-server; then kill "$(cat "$RUN_DIR/metrics-server.pid")"; fi
  kc delete apiservice v1beta1.metrics.k8s.io --ignore-not-found --wait=false >/dev/null 2>&1 || true
}

if healthy; then
  log "reusing the running node $NODE_NAME"
  import_images
  ensure_metrics
  log "node $NODE_NAME ready"
  exit 0
fi

# --- clean start ------------------------------------------------------------------------------
log "starting node $NODE_NAME (kubelet $K8S_VERSION, $(containerd --version | cut -d' ' -f3), runc $(runc --version | sed -n 's/^runc version //p'))"
"$here/down.sh"
# Each start logs afresh; the previous start's logs stay in logs.prev.
rm -rf "$NODE_DIR/logs.prev"
mv "$NODE_DIR/logs" "$NODE_DIR/logs.prev"
mkdir -p "$NODE_DIR/logs" "$RUN_DIR" "$NODE_DIR/cni" "$NODE_DIR/pki"
echo "$cluster_id" >"$RUN_DIR/cluster.id"

# The kubelet sets these kernel settings to its own values (it refuses to start instead if
# protectKernelDefaults is true and they differ); down.sh puts the machine's values back.
if [[ ! -f $NODE_DIR/sysctl.saved ]]; then
  for k in vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops \
    kernel.keys.root_maxkeys kernel.keys.root_maxbytes; do
    echo "$k=$(sysctl -n "$k")"
  done >"$NODE_DIR/sysctl.saved.tmp"
  mv "$NODE_DIR/sysctl.saved.tmp" "$NODE_DIR/sysctl.saved"
fi

# Volumes the kubelet mounts must propagate into the containers runc creates.
mount --make-rshared /

# The bridge exists before any Pod so that the node IP (its address) is there for the kubelet,
# kube-proxy and CoreDNS; the CNI bridge plugin adopts it (same name and gateway address).
ip link add "$BRIDGE" type bridge
ip addr add "$NODE_IP/${POD_CIDR#*/}" dev "$BRIDGE"
ip link set "$BRIDGE" up

# --- CNI --------------------------------------------------------------------------------------
# bridge + host-local on the node's pod range; portmap for hostPort; firewall because Docker
# sets the FORWARD policy to DROP (it accepts traffic to and from each Pod's address). No
# ipMasq: nothing leaves this machine.
cat >"$NODE_DIR/cni/10-taller.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "taller",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "0.0.0.0/0"}],
        "dataDir": "$RUN_DIR/ipam"
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "firewall"}
  ]
}
EOF

# The firewall plugin accepts everything a Pod sends, before kube-proxy's filter rules run (it
# inserts its jump first in FORWARD). So a packet for a ClusterIP that kube-proxy did not DNAT
# (a Service without endpoints, or one whose endpoints are not programmed yet) would leave by the
# default route and vanish, and the connection would hang instead of being refused; its
# conntrack entry then keeps even the retransmissions from being DNATed later. CNI-ADMIN, the
# plugin's chain for administrators' rules, runs first: refuse such packets there, as
# kube-proxy's own REJECT would.
iptables -N CNI-ADMIN
iptables -A CNI-ADMIN -s "$POD_CIDR" -d "$SERVICE_CIDR" -m comment \
  --comment "taller-node: ClusterIP traffic kube-proxy did not DNAT" -j REJECT --reject-with icmp-port-unreachable

# --- containerd -------------------------------------------------------------------------------
# Separate from Docker's containerd: own root (images, kept across restarts), state, socket and
# runc root. cgroupfs (no systemd here), CNI from Debian's /usr/lib/cni. Every registry is
# behind a proxy that does not exist, so a missing image fails at once instead of hanging on an
# unreachable registry: images come only from import_images.
# restrict_oom_score_adj: root here lacks CAP_SYS_RESOURCE, so no process may lower its
# oom_score_adj below 0, and runc fails every Pod sandbox (pause asks for -998) with "can't get
# final child's PID from pipe". containerd then raises such values to its own (0).
cat >"$NODE_DIR/containerd.toml" <<EOF
version = 2
root = "$NODE_DIR/containerd"
state = "$RUN_DIR/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE_DIR/containerd-opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  netns_mounts_under_state_dir = true
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN_DIR/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_DIR/cni"
EOF
start containerd env HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
  containerd --config "$NODE_DIR/containerd.toml"
wait_for 30 "containerd running ($CONTAINERD_SOCK)" "$NODE_DIR/logs/containerd.log" ctr_ version
import_images

# --- kubelet ----------------------------------------------------------------------------------
# Its own identity (system:node:taller-node, signed by the control plane's CA), so the Node
# authorizer limits it as in a real cluster. It serves with a self-signed certificate (the API
# server does not verify kubelets here) and accepts only clients signed by the same CA, which
# is how the API server's logs/exec requests authenticate (../k8s/up.sh gives it the admin
# certificate as kubelet client certificate).
pki=$NODE_DIR/pki
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/kubelet.key" \
  -subj "/O=system:nodes/CN=system:node:$NODE_NAME" -out "$pki/kubelet.csr" 2>/dev/null
openssl x509 -req -in "$pki/kubelet.csr" -CA "$CONTROL_PLANE_PKI/ca.crt" -CAkey "$CONTROL_PLANE_PKI/ca.key" \
  -CAcreateserial -CAserial "$pki/ca.srl" -days 3650 -out "$pki/kubelet.crt" \
  -extfile <(printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n') 2>/dev/null
server=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}')
KUBECONFIG="$pki/kubelet.kubeconfig" "$K8S_BIN/kubectl" config set-cluster cluster --server="$server" \
  --certificate-authority="$CONTROL_PLANE_PKI/ca.crt" --embed-certs >/dev/null
KUBECONFIG="$pki/kubelet.kubeconfig" "$K8S_BIN/kubectl" config set-credentials kubelet --embed-certs \
  --client-certificate="$pki/kubelet.crt" --client-key="$pki/kubelet.key" >/dev/null
KUBECONFIG="$pki/kubelet.kubeconfig" "$K8S_BIN/kubectl" config set-context node --cluster=cluster --user=kubelet >/dev/null
KUBECONFIG="$pki/kubelet.kubeconfig" "$K8S_BIN/kubectl" config use-context node >/dev/null

# The Node object first, with its pod range (nothing allocates node CIDRs in this control plane)
# and label; the kubelet adopts it. New Nodes get the not-ready taint until the kubelet reports.
kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $NODE_NAME
  labels:
    ${NODE_LABEL%%=*}: "${NODE_LABEL#*=}"
spec:
  podCIDR: $POD_CIDR
  podCIDRs: [$POD_CIDR]
EOF

# cgroupfs: no systemd, and containerd 1.6 cannot tell the kubelet its driver. failCgroupV1:
# this machine has cgroup v1 (1.34 only warns; 1.35+ refuses without it). resolvConf "": Pods
# get only the cluster DNS, never this machine's resolvers. Images cannot be pulled again, so
# image garbage collection is off (100 %) and disk evictions need a nearly full disk.
# oomScoreAdj 0: without CAP_SYS_RESOURCE its default -999 only logs an error.
cat >"$NODE_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $CONTROL_PLANE_PKI/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
clusterDNS: [$CLUSTER_DNS]
clusterDomain: $CLUSTER_DOMAIN
resolvConf: ""
podLogsDir: $NODE_DIR/pod-logs
rotateCertificates: false
serverTLSBootstrap: false
oomScoreAdj: 0
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 2%
  imagefs.available: 2%
  nodefs.inodesFree: 2%
EOF
start kubelet "$K8S_BIN/kubelet" --config="$NODE_DIR/kubelet.yaml" --kubeconfig="$pki/kubelet.kubeconfig" \
  --root-dir="$NODE_DIR/kubelet" --cert-dir="$pki/kubelet-serving" \
  --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
  --node-labels="$NODE_LABEL" --v=2
wait_for 120 "kubelet: node $NODE_NAME Ready" "$NODE_DIR/logs/kubelet.log" node_ready

# --- kube-proxy -------------------------------------------------------------------------------
# iptables mode, admin credentials. NodePorts only on the node IP (not on this machine's other
# addresses), no conntrack sysctl changes, oom_score_adj left alone (see the kubelet's).
# minSyncPeriod 100ms (0 means the default, 1 s): a Pod's endpoint reaches iptables about as soon
# as it turns Ready, so a client started right after finds it (with 1 s it often did not).
cat >"$NODE_DIR/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $KUBECONFIG_ADMIN}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $CLUSTER_CIDR
detectLocalMode: ClusterCIDR
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: [primary]
iptables: {localhostNodePorts: false, minSyncPeriod: 100ms, syncPeriod: 30s}
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
oomScoreAdj: 0
EOF
start kube-proxy "$K8S_BIN/kube-proxy" --config="$NODE_DIR/kube-proxy.yaml" --v=2
wait_for 60 "kube-proxy running" "$NODE_DIR/logs/kube-proxy.log" \
  curl -fsS -m 2 http://127.0.0.1:10256/healthz

# --- CoreDNS ----------------------------------------------------------------------------------
# A host process on the node IP, answering cluster.local (and reverse lookups) from the API.
# Every other name gets NXDOMAIN at once: nothing is forwarded off this machine. No cache and
# TTL 0 (kubeadm has 30 s of each): tests delete and recreate Services by the same name within
# seconds, and a cached answer would send clients to the previous ClusterIP (or NXDOMAIN).
cat >"$NODE_DIR/Corefile" <<EOF
$CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
    bind $NODE_IP
    errors
    ready 127.0.0.1:18181
    kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_ADMIN
        pods insecure
        ttl 0
    }
}
. {
    bind $NODE_IP
    template ANY ANY {
        rcode NXDOMAIN
    }
}
EOF
start coredns "$K8S_BIN/coredns" -conf "$NODE_DIR/Corefile"
wait_for 60 "CoreDNS ready on $NODE_IP:53" "$NODE_DIR/logs/coredns.log" dns_ready
# The kube-dns Service every Pod's resolv.conf points at, with the host process as endpoint.
kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS, app.kubernetes.io/managed-by: taller-node}
spec:
  clusterIP: $CLUSTER_DNS
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-$NODE_NAME
  namespace: kube-system
  labels: {kubernetes.io/service-name: kube-dns, endpointslice.kubernetes.io/managed-by: taller-node}
addressType: IPv4
endpoints:
- addresses: [$NODE_IP]
  conditions: {ready: true}
  nodeName: $NODE_NAME
ports:
- {name: dns, port: 53, protocol: UDP}
- {name: dns-tcp, port: 53, protocol: TCP}
EOF


wait_for 30 "node $NODE_NAME Ready with kube-proxy and DNS" "$NODE_DIR/logs/kubelet.log" healthy
ensure_metrics
