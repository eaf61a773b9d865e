#!/usr/bin/env bash
# Starts a second, minimal control plane for the per-version agreement test: etcd + kube-apiserver of
# an older Kubernetes version (up-agreement.sh 1.33), on 127.0.0.1, beside up.sh's cluster. No
# controller-manager, scheduler or node: dryRun=All creates need none (the ServiceAccount admission
# plugin needs default/default, created here). Writes $SHIPSHAPE_RUN_DIR/env/kube-<minor>.env with
# SHIPSHAPE_TEST_KUBE_<MAJOR><MINOR>_{KUBECONFIG,CONTEXT,VERSION,APISERVER} (never KUBECONFIG itself:
# the other live tests use up.sh's cluster). Stop with down-agreement.sh <minor> (idempotent).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MINOR="${1:?usage: up-agreement.sh <kubernetes minor, e.g. 1.33>}"
MINOR="$(cut -d. -f1,2 <<<"$MINOR")"
KUBE_DIR_NAME="kube-$MINOR"
source "$HERE/versions.sh"
source "$HERE/lib.sh"
TAG="${MINOR//./}"
ENV_FILE="$SHIPSHAPE_RUN_DIR/env/kube-$MINOR.env"

for tool in openssl curl ss; do
  command -v "$tool" >/dev/null || { kube_log "ERROR: $tool is required (test/infra/kube/up.sh installs it)"; exit 1; }
done

START=$SECONDS
for c in etcd kube-apiserver; do
  if kube_pid "$c" >/dev/null; then kube_log "$c already running in $KUBE_DIR (run down-agreement.sh $MINOR first)"; exit 1; fi
done
trap 'rc=$?; if ((rc != 0)); then kube_log "up-agreement.sh failed (exit $rc), stopping what was started"; bash "$HERE/down-agreement.sh" "$MINOR" || true; fi' EXIT
trap 'exit 130' INT TERM HUP

BIN="$(bash "$HERE/build-agreement.sh" "$MINOR")"
VERSION="$(basename "$(dirname "$BIN")")"
rm -rf "$KUBE_DIR/etcd-data" "$KUBE_PKI" "$KUBE_ARGS" "$KUBE_PIDS"
mkdir -p "$KUBE_LOGS" "$KUBE_PIDS" "$KUBE_ARGS" "$KUBE_PKI" "$SHIPSHAPE_RUN_DIR/env"

# ---------------------------------------------------------------- ports (same reservations as up.sh)
kube_assign_ports || exit 1
kube_log "kube-apiserver v$VERSION: ports $KUBE_PORT_BASE-$((KUBE_PORT_BASE + 9)), run dir $KUBE_DIR"

# ---------------------------------------------------------------- PKI (openssl, EC P-256)
P="$KUBE_PKI"
kube_ca ca "shipshape-test-ca-$MINOR"
kube_cert apiserver ca "/CN=kube-apiserver" server "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
kube_cert admin ca "/O=system:masters/CN=shipshape-admin" client
kube_sa_keys
chmod 600 "$P"/*.key

APISERVER_URL="https://127.0.0.1:$KUBE_PORT_APISERVER"
kube_test_kubeconfig "shipshape-$MINOR"

# ---------------------------------------------------------------- argv (as up.sh, minus the node side)
kube_args_etcd "$BIN"
kube_args_apiserver "$BIN"

kube_start etcd
kube_wait_http etcd 30 "http://127.0.0.1:$KUBE_PORT_ETCD/readyz"
kube_start kube-apiserver
kube_wait_apiserver 120

# Without a controller-manager nobody creates default ServiceAccounts, and the ServiceAccount
# admission plugin rejects pods (even dry-run) whose ServiceAccount does not exist.
code="$(kube_api -o "$KUBE_DIR/last-create.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}' /api/v1/namespaces/default/serviceaccounts)"
[[ "$code" == 201 || "$code" == 409 ]] || kube_fail kube-apiserver "creating ServiceAccount default/default answered $code: $(head -c 400 "$KUBE_DIR/last-create.json")"
served="$(kube_api /version | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')"
[[ "$served" == "v$VERSION" ]] || kube_fail kube-apiserver "/version says '$served', expected v$VERSION"

cat >"$ENV_FILE" <<EOF
export SHIPSHAPE_TEST_KUBE_${TAG}_KUBECONFIG=$KUBE_DIR/kubeconfig
export SHIPSHAPE_TEST_KUBE_${TAG}_CONTEXT=shipshape-admin
export SHIPSHAPE_TEST_KUBE_${TAG}_VERSION=$VERSION
export SHIPSHAPE_TEST_KUBE_${TAG}_APISERVER=$APISERVER_URL
EOF
kube_log "kube-apiserver v$VERSION ready at $APISERVER_URL in $((SECONDS - START))s (env: $ENV_FILE)"
