# Shared settings for the real node's build.sh, up.sh and down.sh (sourced after
# ../k8s/common.sh, not run). One node per machine: it owns host-wide things (a bridge, port
# 10250, iptables chains), so the names below are fixed.
NODE_NAME=taller-node
NODE_LABEL=taller/nodo-real=true
# The node's pod range: inside the cluster's 10.244.0.0/16, away from the KWOK nodes' .1 and .2.
POD_CIDR=10.244.9.0/24
CLUSTER_CIDR=10.244.0.0/16
SERVICE_CIDR=10.96.0.0/16   # as given to the API server by ../k8s/up.sh
# The bridge's address is also the node's InternalIP: the kubelet (10250) and CoreDNS (53)
# listen there, reachable from this machine and its pods but from no other machine, as the
# control plane (127.0.0.1) is. A kubelet refuses a loopback node IP.
NODE_IP=10.244.9.1
BRIDGE=taller0
CLUSTER_DNS=10.96.0.10
CLUSTER_DOMAIN=cluster.local
CRICTL_VERSION=${CRICTL_VERSION:-v1.34.0}
# metrics-server (the resource metrics API behind `kubectl top` and the HPA) serves here; the
# binary's name carries its version, so changing the version builds it again.
METRICS_SERVER_VERSION=${METRICS_SERVER_VERSION:-v0.8.0}
METRICS_SERVER_BIN=$K8S_BIN/metrics-server-$METRICS_SERVER_VERSION
METRICS_PORT=4443

NODE_DIR=$TALLER_CACHE/node             # configs, logs, kubelet root, containerd root (images)
RUN_DIR=/run/taller-node                # containerd state and socket, pid files, IPAM, netns
NODE_IMAGES=$TALLER_CACHE/k8s/$K8S_VERSION/images
PAUSE_TAR=$NODE_IMAGES/pause.tar        # build.sh; the image's name is in pause.ref
PAUSE_REF=$NODE_IMAGES/pause.ref
CONTAINERD_SOCK=$RUN_DIR/containerd/containerd.sock
KUBECONFIG_ADMIN=$TALLER_CACHE/k8s/kubeconfig   # written by ../k8s/up.sh
CONTROL_PLANE_PKI=$TALLER_CACHE/k8s/kwok/clusters/$CLUSTER_NAME/pki
