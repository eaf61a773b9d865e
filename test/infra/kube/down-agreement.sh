#!/usr/bin/env bash
# Stops what up-agreement.sh <minor> started (kube-apiserver, then etcd: each its own process group)
# and releases its port block. Safe to call twice or when nothing was started.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MINOR="${1:?usage: down-agreement.sh <kubernetes minor, e.g. 1.33>}"
MINOR="$(cut -d. -f1,2 <<<"$MINOR")"
KUBE_DIR_NAME="kube-$MINOR"
source "$HERE/lib.sh"

kube_stop kube-apiserver
kube_stop etcd
kube_release_ports
rm -f "$SHIPSHAPE_RUN_DIR/env/kube-$MINOR.env"
exit 0
