#!/usr/bin/env bash
# NetworkPolicy on the CI node: kube-router's network policy controller (iptables + ipset), built
# from the Go module proxy and run on this machine next to the kubelet, with its pod networking
# and service proxy turned off (the node's bridge CNI and kube-proxy keep those jobs).
#
#   netpol.sh start   build (cached), start; idempotent
#   netpol.sh stop    stop it and remove every iptables chain and ipset it made
#
# Why kube-router v2.1.0: kind's own enforcer (kube-network-policies, what kindnet embeds) needs
# the nftables `queue` expression, which this kernel lacks (`nft add rule … queue num 98` fails
# with ENOENT); kube-router needs only iptables and ipset. v2.1.0 is the one version the Go proxy
# here serves; advisories exist against it, so it runs only inside CI, on a throwaway cluster
# reachable from this machine alone, with its BGP router and service proxy disabled.
# Exercise 12's canary decides at each run whether policies hold.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../k8s/common.sh"
source "$here/common.sh"

VERSION=v2.1.0
BIN=$TALLER_CACHE/bin/kube-router-$VERSION
LOG=$NODE_DIR/logs/netpol.log
PID_FILE=$RUN_DIR/netpol.pid

say() { echo "[netpol $(date -u +%H:%M:%S)] $*" >&2; }
running() { [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

build() {
  [[ -x $BIN ]] && return 0
  command -v go >/dev/null || { say "no Go: kube-router cannot be built"; return 1; }
  local t0=$SECONDS gobin
  gobin=$(mktemp -d)
  GOBIN=$gobin GOFLAGS=-buildvcs=false CGO_ENABLED=0 go install "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$VERSION"
  mkdir -p "$(dirname "$BIN")"
  mv "$gobin/kube-router" "$BIN"
  rm -rf "$gobin"
  say "built kube-router $VERSION in $((SECONDS - t0)) s"
}

tools() { # ipset (Debian's) is what kube-router drives; iptables comes with the node
  command -v ipset >/dev/null && return 0
  command -v apt-get >/dev/null || { say "no ipset and no apt-get"; return 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ipset >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ipset >/dev/null; }
}

start() {
  if running; then say "already running (pid $(cat "$PID_FILE"))"; return 0; fi
  tools
  build
  mkdir -p "$(dirname "$LOG")" "$RUN_DIR"
  setsid "$BIN" --kubeconfig="$KUBECONFIG_ADMIN" --hostname-override="$NODE_NAME" \
    --run-firewall=true --run-router=false --run-service-proxy=false \
    --enable-cni=false --enable-pod-egress=false --health-port=0 --metrics-port=0 --v=1 \
    >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 50); do
    if ! running; then say "exited at start; last lines of $LOG:"; tail -n 5 "$LOG" >&2; return 1; fi
    if iptables -S FORWARD 2>/dev/null | grep -q -- '-j KUBE-ROUTER-FORWARD'; then
      say "running (pid $(cat "$PID_FILE"), log $LOG)"
      return 0
    fi
    sleep 0.2
  done
  say "started, but its iptables chains did not appear in 10 s; see $LOG"
  return 1
}

# Its chains hang off INPUT, FORWARD and OUTPUT; its ipsets are KUBE-SRC-*/KUBE-DST-*. The
# node's kube-proxy owns the other KUBE-* chains, so the prefixes below are exact.
cleanup() {
  local chain rule name
  for chain in INPUT FORWARD OUTPUT; do
    iptables -S "$chain" | grep -- '-j KUBE-ROUTER-' | sed 's/^-A/-D/' | while read -r rule; do
      eval "iptables $rule" || true
    done
  done
  local chains
  chains=$(iptables -S | awk '/^-N (KUBE-ROUTER-|KUBE-POD-FW-|KUBE-NWPLCY-)/ {print $2}')
  for name in $chains; do iptables -F "$name" 2>/dev/null || true; done
  for name in $chains; do iptables -X "$name" 2>/dev/null || true; done
  if command -v ipset >/dev/null; then
    for name in $(ipset list -n | grep -E '^KUBE-(SRC|DST)-' || true); do ipset destroy "$name" 2>/dev/null || true; done
  fi
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  cleanup
  say "stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
