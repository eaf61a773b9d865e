#!/usr/bin/env bash
# Starts a real Kubernetes control plane on 127.0.0.1 for live tests: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (simulated node + kubelet-like server for
# logs/exec). Writes $SHIPSHAPE_RUN_DIR/env/kube.env. Stop with down.sh (idempotent).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/versions.sh"
source "$HERE/lib.sh"

# The tools this script drives; a bare Debian machine may lack them.
source "$HERE/../apt.sh"
apt_ensure "${SHIPSHAPE_APT_BASE[@]}" || { kube_log "ERROR: could not install ${SHIPSHAPE_APT_BASE[*]} with apt-get"; exit 1; }

START=$SECONDS
for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  if kube_pid "$c" >/dev/null; then kube_log "$c already running in $KUBE_DIR (run down.sh first)"; exit 1; fi
done
# Anything failing below must not leave half a cluster running.
trap 'rc=$?; if ((rc != 0)); then kube_log "up.sh failed (exit $rc), stopping what was started"; bash "$HERE/down.sh" || true; fi' EXIT
trap 'exit 130' INT TERM HUP

BIN="$(bash "$HERE/build.sh")"
STAGES="$BIN/../kwok-$KWOK_VERSION-stages.yaml"
# Each up.sh is a fresh cluster, even in a reused run dir (logs are kept and appended to).
rm -rf "$KUBE_DIR/etcd-data" "$KUBE_PKI" "$KUBE_ARGS" "$KUBE_PIDS"
mkdir -p "$KUBE_LOGS" "$KUBE_PIDS" "$KUBE_ARGS" "$KUBE_PKI" "$SHIPSHAPE_RUN_DIR/env"

# ---------------------------------------------------------------- ports
# A block of 10 ports in 16000-16999 (reserved for this control plane), free and not reserved by
# another run; several runs can coexist. Reservations live in /tmp and are released by down.sh.
kube_assign_ports || exit 1
kube_log "ports $KUBE_PORT_BASE-$((KUBE_PORT_BASE + 9)), run dir $KUBE_DIR"

# ---------------------------------------------------------------- PKI (openssl, EC P-256: fast)
P="$KUBE_PKI"
kube_ca ca shipshape-test-ca
kube_ca front-proxy-ca shipshape-test-front-proxy-ca
kube_cert apiserver ca "/CN=kube-apiserver" server \
  "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
kube_cert apiserver-kubelet-client ca "/O=system:masters/CN=kube-apiserver-kubelet-client" client
kube_cert admin ca "/O=system:masters/CN=shipshape-admin" client
# Controllers and scheduler are in system:masters (authorized without RBAC): right after an
# apiserver restart its RBAC cache is briefly empty, and the "forbidden" answers would push their
# watches into client-go's reconnect backoff (stale for ~30s+). Same for kwok below.
kube_cert kube-controller-manager ca "/O=system:masters/CN=system:kube-controller-manager" client
kube_cert kube-scheduler ca "/O=system:masters/CN=system:kube-scheduler" client
# kwok acts for its nodes and pods across the cluster; admin rights keep this simple.
kube_cert kwok-client ca "/O=system:masters/CN=kwok-controller" client
# kwok's kubelet-like server; the apiserver verifies it (--kubelet-certificate-authority).
kube_cert kwok ca "/CN=kwok-node-0" server "IP:127.0.0.1,DNS:localhost"
kube_cert front-proxy-client front-proxy-ca "/CN=front-proxy-client" client
kube_sa_keys
chmod 600 "$P"/*.key

# Bearer-token user, limited by RBAC to namespace team-a (bound below).
LIMITED_TOKEN="$(openssl rand -hex 24)"
echo "$LIMITED_TOKEN,shipshape-limited,shipshape-limited,shipshape:limited" >"$P/tokens.csv"
chmod 600 "$P/tokens.csv"

# ---------------------------------------------------------------- kubeconfigs
APISERVER_URL="https://127.0.0.1:$KUBE_PORT_APISERVER"
component_kubeconfig() { # file user cert key
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: shipshape
  cluster:
    server: $APISERVER_URL
    certificate-authority: $P/ca.crt
users:
- name: $2
  user:
    client-certificate: $P/$3.crt
    client-key: $P/$3.key
contexts:
- name: default
  context: {cluster: shipshape, user: $2}
current-context: default
EOF
}
component_kubeconfig "$KUBE_DIR/kube-controller-manager.kubeconfig" system:kube-controller-manager kube-controller-manager
component_kubeconfig "$KUBE_DIR/kube-scheduler.kubeconfig" system:kube-scheduler kube-scheduler
component_kubeconfig "$KUBE_DIR/kwok.kubeconfig" kwok-controller kwok-client
kube_test_kubeconfig shipshape "$LIMITED_TOKEN"

# ---------------------------------------------------------------- kwok config
# Pod logs are read from one CRI-format file (tests append lines to it to exercise follow);
# exec runs the requested command on this host in exec-root/.
POD_LOG_FILE="$KUBE_DIR/pod-logs/containers.log"
mkdir -p "$KUBE_DIR/pod-logs" "$KUBE_DIR/exec-root" "$KUBE_DIR/kwok-home"
now() { date -u +%Y-%m-%dT%H:%M:%S.%NZ; }
printf '%s stdout F shipshape kwok container started\n%s stdout F ready\n' "$(now)" "$(now)" >"$POD_LOG_FILE"
{
  cat <<EOF
# No KwokConfiguration document: one loaded from a file gets no defaults (parallelism 0 makes kwok
# exit with "node leases parallelism must be greater than 0"); without it kwok uses its defaults.
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: shipshape-logs
spec:
  logs:
  - logsFile: $POD_LOG_FILE
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: shipshape-exec
spec:
  execs:
  - local:
      workDir: $KUBE_DIR/exec-root
---
# Port-forward to any pod port runs \`cat\` on this host: an echo server, so tests can prove the
# data path local port -> apiserver -> kwok -> pod and back (kwok pods have no network).
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: shipshape-port-forward-echo
spec:
  forwards:
  - command: [cat]
---
# Attach shows what the container writes from now on: new lines of the same log file.
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterAttach
metadata:
  name: shipshape-attach
spec:
  attaches:
  - logsFile: $POD_LOG_FILE
EOF
  cat "$STAGES"
} >"$KUBE_DIR/kwok.yaml"

# ---------------------------------------------------------------- component argv
kube_args_etcd "$BIN"
kube_args_apiserver "$BIN" --token-auth-file="$P/tokens.csv" \
  --kubelet-client-certificate="$P/apiserver-kubelet-client.crt" --kubelet-client-key="$P/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority="$P/ca.crt" --kubelet-preferred-address-types=InternalIP \
  --requestheader-client-ca-file="$P/front-proxy-ca.crt" --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$P/front-proxy-client.crt" --proxy-client-key-file="$P/front-proxy-client.key"
kube_args kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$KUBE_DIR/kube-controller-manager.kubeconfig" \
  --authentication-kubeconfig="$KUBE_DIR/kube-controller-manager.kubeconfig" \
  --authorization-kubeconfig="$KUBE_DIR/kube-controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$KUBE_PORT_KCM" --cert-dir="$P/kcm-generated" \
  --leader-elect=false --use-service-account-credentials=false \
  --service-account-private-key-file="$P/sa.key" --root-ca-file="$P/ca.crt" \
  --cluster-signing-cert-file="$P/ca.crt" --cluster-signing-key-file="$P/ca.key" \
  --controllers='*,bootstrapsigner,tokencleaner'
kube_args kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig="$KUBE_DIR/kube-scheduler.kubeconfig" \
  --authentication-kubeconfig="$KUBE_DIR/kube-scheduler.kubeconfig" \
  --authorization-kubeconfig="$KUBE_DIR/kube-scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$KUBE_PORT_SCHEDULER" --cert-dir="$P/scheduler-generated" \
  --leader-elect=false
# HOME is private so a ~/.kwok/kwok.yaml on the machine is never merged into this config.
kube_args kwok env HOME="$KUBE_DIR/kwok-home" "$BIN/kwok" \
  --kubeconfig="$KUBE_DIR/kwok.kubeconfig" --config="$KUBE_DIR/kwok.yaml" \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-ip=127.0.0.1 --node-port="$KUBE_PORT_KWOK" --server-address="127.0.0.1:$KUBE_PORT_KWOK" \
  --tls-cert-file="$P/kwok.crt" --tls-private-key-file="$P/kwok.key" \
  --cidr=10.0.0.0/16 --node-lease-duration-seconds=40

# ---------------------------------------------------------------- start
kube_start etcd
kube_wait_http etcd 30 "http://127.0.0.1:$KUBE_PORT_ETCD/readyz"
kube_start kube-apiserver
kube_wait_apiserver 120

# Idempotent create: 201 Created or 409 AlreadyExists are both fine.
create() { # path json
  local code
  code="$(kube_api -o "$KUBE_DIR/last-create.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$2" "$1")"
  [[ "$code" == 201 || "$code" == 409 ]] || kube_fail kube-apiserver "POST $1 answered $code: $(head -c 400 "$KUBE_DIR/last-create.json")"
}
create /api/v1/namespaces '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}'
create /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
  "metadata":{"name":"shipshape-limited-edit"},
  "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
  "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"shipshape-limited"}]}'
# The simulated node. kwok manages nodes carrying this annotation and gives it its Ready status,
# InternalIP 127.0.0.1 and kubelet port (daemonEndpoints) = kwok's server.
create /api/v1/nodes '{"apiVersion":"v1","kind":"Node","metadata":{"name":"kwok-node-0",
  "annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"},
  "labels":{"type":"kwok","kubernetes.io/hostname":"kwok-node-0","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}}}'

kube_start kube-controller-manager
kube_start kube-scheduler
kube_start kwok
kube_wait_http kube-controller-manager 60 "https://127.0.0.1:$KUBE_PORT_KCM/healthz" -k
kube_wait_http kube-scheduler 60 "https://127.0.0.1:$KUBE_PORT_SCHEDULER/healthz" -k
kube_wait_http kwok 60 "https://127.0.0.1:$KUBE_PORT_KWOK/healthz" --cacert "$P/ca.crt"

# Ready means usable by tests: node Ready and the default ServiceAccounts (pods need them) exist.
wait_for() { # component timeout description command...
  local comp="$1" timeout="$2" what="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    ((SECONDS < deadline)) || kube_fail "$comp" "timed out after ${timeout}s waiting for $what"
    kube_pid "$comp" >/dev/null || kube_fail "$comp" "exited while waiting for $what"
    sleep 0.5
  done
}
# Not `| grep -q`: with pipefail, grep exiting early makes curl fail (SIGPIPE / exit 23).
node_ready() { [[ "$(kube_api /api/v1/nodes/kwok-node-0)" == *'"type":"Ready","status":"True"'* ]]; }
sa_exists() { [[ "$(kube_api -o /dev/null -w '%{http_code}' "/api/v1/namespaces/$1/serviceaccounts/default")" == 200 ]]; }
wait_for kwok 60 "node kwok-node-0 to be Ready" node_ready
wait_for kube-controller-manager 60 "ServiceAccount default/default" sa_exists default
wait_for kube-controller-manager 60 "ServiceAccount team-a/default" sa_exists team-a

cat >"$SHIPSHAPE_RUN_DIR/env/kube.env" <<EOF
export KUBECONFIG=$KUBE_DIR/kubeconfig
export SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT=shipshape-admin
export SHIPSHAPE_TEST_KUBE_LIMITED_CONTEXT=shipshape-limited
export SHIPSHAPE_TEST_KUBE_LIMITED_NAMESPACE=team-a
export SHIPSHAPE_TEST_KUBE_VERSION=$KUBE_VERSION
export SHIPSHAPE_TEST_KUBE_APISERVER=$APISERVER_URL
# kwok serves every container's logs from this CRI-format file ("<RFC3339Nano> stdout F <line>").
export SHIPSHAPE_TEST_KUBE_POD_LOG_FILE=$POD_LOG_FILE
export SHIPSHAPE_TEST_KUBE_NODE=kwok-node-0
# bash this to stop and start kube-apiserver only (same flags), e.g. to test watch recovery.
export SHIPSHAPE_TEST_KUBE_RESTART_APISERVER=$HERE/restart-apiserver.sh
EOF
kube_log "control plane v$KUBE_VERSION ready at $APISERVER_URL in $((SECONDS - START))s (env: $SHIPSHAPE_RUN_DIR/env/kube.env)"
