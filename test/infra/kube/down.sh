#!/usr/bin/env bash
# Stops every process group up.sh started for this run dir (kwok first, etcd last) and releases
# the port block. Safe to call twice, after a failed up.sh, or when nothing was started.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"

# Clients of the apiserver first (each takes ~2s to shut down gracefully, so in parallel), then
# the apiserver, then etcd (an apiserver that loses etcd while shutting down hangs).
for c in kwok kube-scheduler kube-controller-manager; do kube_stop "$c" & done
wait
kube_stop kube-apiserver
kube_stop etcd

kube_release_ports
rm -f "$SHIPSHAPE_RUN_DIR/env/kube.env"
exit 0
