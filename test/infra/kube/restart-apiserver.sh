#!/usr/bin/env bash
# Stops kube-apiserver and starts it again with exactly the same flags (args/kube-apiserver.args),
# then waits for /readyz. Used by tests proving that watches survive an API-server restart.
# The run dir comes from $SHIPSHAPE_RUN_DIR, or else from $KUBECONFIG (<run dir>/kube/kubeconfig).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${SHIPSHAPE_RUN_DIR:-}" && -n "${KUBECONFIG:-}" ]]; then
  SHIPSHAPE_RUN_DIR="$(dirname "$(dirname "$KUBECONFIG")")"
fi
source "$HERE/lib.sh"
source "$KUBE_DIR/ports.env"

kube_pid kube-apiserver >/dev/null || kube_log "kube-apiserver was not running; starting it"
# A TERMed apiserver stops listening at once but then waits up to a minute for open watches
# (controllers, kwok, tests) to drain; a short grace keeps restarts quick, both end the watches.
kube_stop kube-apiserver 3
kube_start kube-apiserver
kube_wait_apiserver 120
kube_log "kube-apiserver restarted (pid $(kube_pid kube-apiserver))"
