# Shared helpers for up.sh / down.sh / restart-apiserver.sh (sourced, not executed).
# Layout under $SHIPSHAPE_RUN_DIR/kube: logs/<component>.log, pids/<component>.pid,
# args/<component>.args (exact argv, one per line, so a restart reuses the same flags),
# pki/, etcd-data/, kubeconfig, ports.env.

: "${SHIPSHAPE_RUN_DIR:?SHIPSHAPE_RUN_DIR must be set (the test run directory)}"
# Absolute, because process ownership is recognised by the run dir appearing in their argv.
SHIPSHAPE_RUN_DIR="$(mkdir -p "$SHIPSHAPE_RUN_DIR" && cd "$SHIPSHAPE_RUN_DIR" && pwd)"
# kube/ for up.sh's control plane; up-agreement.sh sets KUBE_DIR_NAME=kube-<version> before sourcing.
KUBE_DIR="$SHIPSHAPE_RUN_DIR/${KUBE_DIR_NAME:-kube}"
KUBE_LOGS="$KUBE_DIR/logs"
KUBE_PIDS="$KUBE_DIR/pids"
KUBE_ARGS="$KUBE_DIR/args"
KUBE_PKI="$KUBE_DIR/pki"

kube_log() { echo "kube: $*" >&2; }

# Tail of a component's log, for error messages.
kube_log_tail() { # component
  local f="$KUBE_LOGS/$1.log"
  if [[ -f "$f" ]]; then echo "--- last lines of $f ---" >&2; tail -n 25 "$f" >&2; fi
}

kube_fail() { # component message
  kube_log "ERROR: $1: $2"
  kube_log_tail "$1"
  exit 1
}

# Starts the argv saved in args/<name>.args as its own session/process group (pid == pgid),
# detached from the caller's terminal so it outlives up.sh, logging to logs/<name>.log.
kube_start() { # name
  local name="$1" argv=()
  mapfile -t argv <"$KUBE_ARGS/$name.args"
  echo "=== $(date -u +%FT%TZ) starting $name" >>"$KUBE_LOGS/$name.log"
  setsid "${argv[@]}" >>"$KUBE_LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$KUBE_PIDS/$name.pid"
  # Until the forked shell has exec'd the binary, kube_pid would not recognise it as ours.
  local i
  for ((i = 0; i < 50; i++)); do
    kube_pid "$name" >/dev/null && return 0
    sleep 0.1
  done
  kube_fail "$name" "did not start"
}

# Pid of a component we started, only if it is still alive and still ours (its argv mentions the
# run dir), so a recycled pid is never signalled.
kube_pid() { # name
  local f="$KUBE_PIDS/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(<"$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/cmdline" ]] || return 1
  # Not `| grep -q`: under pipefail, grep exiting at the first match can SIGPIPE tr on a long argv
  # (the apiserver's), and a live component would then look dead.
  local cmdline="" tries=0
  # A live process can show no argv for a moment: while it execs its binary (setsid -> a 100 MB
  # kube-apiserver paged in from disk, state D on a loaded machine). Look again before calling it gone.
  while cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" && [[ -z "$cmdline" ]] && ((tries++ < 50)); do
    [[ "$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" =~ ^[RSDI]$ ]] || return 1
    sleep 0.1
  done
  [[ "$cmdline" == *"$KUBE_DIR"* ]] || return 1
  echo "$pid"
}

# TERM the component's whole process group, KILL after a grace period; idempotent.
kube_stop() { # name [grace seconds, default 10]
  local name="$1" grace="${2:-10}" pid i
  if pid="$(kube_pid "$name")"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
      kube_log "$name (pgid $pid) still running ${grace}s after SIGTERM, killing"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$KUBE_PIDS/$name.pid"
}

# Why a component we started is no longer recognised: its process state (a zombie has exited) and,
# when this shell can reap it, its exit status (N > 128: killed by signal N-128).
kube_exit_status() { # name
  local f="$KUBE_PIDS/$1.pid" pid state code
  [[ -f "$f" ]] || return 0
  pid="$(<"$f")"
  state="$(awk '/^State:/ {print $2 $3}' "/proc/$pid/status" 2>/dev/null)"
  wait "$pid" 2>/dev/null
  code=$?
  echo ", process ${state:-gone}$([[ $code == 127 ]] || echo ", exit status $code")"
}

# Polls url until it answers 2xx and prints "ok", failing early if the component died.
kube_wait_http() { # name timeout_s url [curl args...]
  local name="$1" timeout="$2" url="$3"; shift 3
  local deadline=$((SECONDS + timeout)) body=""
  while ((SECONDS < deadline)); do
    if ! kube_pid "$name" >/dev/null; then
      local why
      why="$(kube_exit_status "$name")"
      kube_fail "$name" "exited before becoming ready ($url)$why"
    fi
    if body="$(curl -fsS --max-time 3 "$@" "$url" 2>&1)" && [[ "$body" == ok* ]]; then return 0; fi
    sleep 0.3
  done
  kube_fail "$name" "not ready after ${timeout}s at $url (last answer: ${body:0:300})"
}

# A block of 10 ports in 16000-16999 (reserved for test control planes), free and not reserved by
# another run; several runs can coexist. Reservations live in /tmp and are released by down.sh.
# Prints the block's first port.
PORT_RES_DIR=/tmp/shipshape-kube-ports
reservation_alive() { # file: a reservation is live while its run dir still has a kube process
  local dir pidf pid
  dir="$(<"$1")"
  # Fresh reservations belong to an up.sh that is still starting.
  [[ -n "$(find "$1" -newermt '-180 seconds' 2>/dev/null)" ]] && return 0
  # kube/ is the control plane of up.sh, kube-<version>/ an agreement apiserver of up-agreement.sh.
  for pidf in "$dir"/kube/pids/*.pid "$dir"/kube-*/pids/*.pid; do
    [[ -f "$pidf" ]] || continue
    pid="$(<"$pidf")"
    [[ -r /proc/$pid/cmdline && "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$dir/kube"* ]] && return 0
  done
  return 1
}
pick_ports() {
  local base p listening
  listening="$(ss -ltnH 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)"
  for ((base = 16000; base <= 16990; base += 10)); do
    local res="$PORT_RES_DIR/$base"
    if [[ -f "$res" ]] && reservation_alive "$res"; then continue; fi
    local busy=0
    for ((p = base; p < base + 10; p++)); do
      if grep -qx "$p" <<<"$listening"; then busy=1; break; fi
    done
    ((busy)) && continue
    echo "$SHIPSHAPE_RUN_DIR" >"$res"
    echo "$base"
    return 0
  done
  return 1
}
kube_reserve_ports() {
  mkdir -p "$PORT_RES_DIR"
  flock "$PORT_RES_DIR/.lock" bash -c "$(declare -f reservation_alive pick_ports); PORT_RES_DIR='$PORT_RES_DIR' SHIPSHAPE_RUN_DIR='$SHIPSHAPE_RUN_DIR' pick_ports"
}

# Releases the block recorded in $KUBE_DIR/ports.env if this run dir still holds it.
kube_release_ports() {
  [[ -f "$KUBE_DIR/ports.env" ]] || return 0
  local base res
  base="$(sed -n 's/^KUBE_PORT_BASE=//p' "$KUBE_DIR/ports.env")"
  res="$PORT_RES_DIR/$base"
  if [[ -n "$base" && -f "$res" && "$(<"$res")" == "$SHIPSHAPE_RUN_DIR" ]]; then rm -f "$res"; fi
}

# curl against the API server as admin (client cert).
kube_api() { # curl args... (path is relative to the apiserver URL)
  local args=() a
  for a in "$@"; do
    # Only API paths: other absolute paths are file arguments (-o FILE).
    if [[ "$a" =~ ^/(api|apis|version|healthz|readyz|livez|openapi)(/|$|\?) ]]; then args+=("https://127.0.0.1:$KUBE_PORT_APISERVER$a"); else args+=("$a"); fi
  done
  # Not "curl/*": the apiserver pretty-prints JSON for curl user agents, and callers grep compact JSON.
  curl -sS --max-time 10 -A shipshape-kube-up --cacert "$KUBE_PKI/ca.crt" --cert "$KUBE_PKI/admin.crt" --key "$KUBE_PKI/admin.key" "${args[@]}"
}

kube_wait_apiserver() { # timeout_s
  kube_wait_http kube-apiserver "$1" "https://127.0.0.1:$KUBE_PORT_APISERVER/readyz" \
    --cacert "$KUBE_PKI/ca.crt" --cert "$KUBE_PKI/admin.crt" --key "$KUBE_PKI/admin.key"
}

# ---------------------------------------------------------------- PKI (openssl, EC P-256: fast), in $KUBE_PKI
kube_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
kube_ca() { # name cn
  kube_key "$KUBE_PKI/$1.key"
  openssl req -x509 -new -key "$KUBE_PKI/$1.key" -subj "/CN=$2" -days 3650 -out "$KUBE_PKI/$1.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"
}
kube_cert() { # name ca subject usage(server|client) [subjectAltName]
  local name="$1" ca="$2" subj="$3" usage="$4" san="${5:-}" ext
  kube_key "$KUBE_PKI/$name.key"
  ext="keyUsage=critical,digitalSignature,keyEncipherment"$'\n'"extendedKeyUsage=${usage}Auth"$'\n'"basicConstraints=critical,CA:FALSE"
  [[ -n "$san" ]] && ext+=$'\n'"subjectAltName=$san"
  openssl req -new -key "$KUBE_PKI/$name.key" -subj "$subj" |
    openssl x509 -req -CA "$KUBE_PKI/$ca.crt" -CAkey "$KUBE_PKI/$ca.key" -set_serial "0x$(openssl rand -hex 16)" \
      -days 30 -extfile <(echo "$ext") -out "$KUBE_PKI/$name.crt" 2>/dev/null
}
kube_sa_keys() {
  kube_key "$KUBE_PKI/sa.key"
  openssl pkey -in "$KUBE_PKI/sa.key" -pubout -out "$KUBE_PKI/sa.pub" 2>/dev/null
}

# ---------------------------------------------------------------- component argv, in $KUBE_ARGS
kube_args() { local name="$1"; shift; printf '%s\n' "$@" >"$KUBE_ARGS/$name.args"; }
kube_args_etcd() { # bin dir
  kube_args etcd "$1/etcd" \
    --name=shipshape --data-dir="$KUBE_DIR/etcd-data" \
    --listen-client-urls="http://127.0.0.1:$KUBE_PORT_ETCD" --advertise-client-urls="http://127.0.0.1:$KUBE_PORT_ETCD" \
    --listen-peer-urls="http://127.0.0.1:$KUBE_PORT_ETCD_PEER" --initial-advertise-peer-urls="http://127.0.0.1:$KUBE_PORT_ETCD_PEER" \
    --initial-cluster="shipshape=http://127.0.0.1:$KUBE_PORT_ETCD_PEER" --initial-cluster-state=new \
    --unsafe-no-fsync=true --log-level=warn
}
# --endpoint-reconciler-type=none: Endpoints may not hold loopback addresses, and nothing in the
# cluster needs to reach the "kubernetes" Service.
kube_args_apiserver() { # bin dir, extra flags...
  local bin="$1" P="$KUBE_PKI"; shift
  kube_args kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$KUBE_PORT_ETCD" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$KUBE_PORT_APISERVER" \
    --endpoint-reconciler-type=none --cert-dir="$P/apiserver-generated" \
    --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \
    --client-ca-file="$P/ca.crt" \
    --authorization-mode=Node,RBAC --allow-privileged=true --profiling=false \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 "$@"
}

# The kubeconfig handed to tests ($KUBE_DIR/kubeconfig): self-contained (embedded data), context
# shipshape-admin (client cert, namespace default) and, given a token, shipshape-limited (namespace team-a).
kube_test_kubeconfig() { # cluster-name [limited-token]
  local cluster="$1" token="${2:-}"
  {
    cat <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $cluster
  cluster:
    server: https://127.0.0.1:$KUBE_PORT_APISERVER
    certificate-authority-data: $(base64 -w0 <"$KUBE_PKI/ca.crt")
users:
- name: shipshape-admin
  user:
    client-certificate-data: $(base64 -w0 <"$KUBE_PKI/admin.crt")
    client-key-data: $(base64 -w0 <"$KUBE_PKI/admin.key")
EOF
    if [[ -n "$token" ]]; then printf -- '- name: shipshape-limited\n  user:\n    token: %s\n' "$token"; fi
    printf 'contexts:\n- name: shipshape-admin\n  context: {cluster: %s, user: shipshape-admin, namespace: default}\n' "$cluster"
    if [[ -n "$token" ]]; then printf -- '- name: shipshape-limited\n  context: {cluster: %s, user: shipshape-limited, namespace: team-a}\n' "$cluster"; fi
    echo 'current-context: shipshape-admin'
  } >"$KUBE_DIR/kubeconfig"
  chmod 600 "$KUBE_DIR/kubeconfig"
}

# Reserves a block of 10 ports, names them (KUBE_PORT_*: apiserver, etcd, etcd peer, controller-manager,
# scheduler, kwok; a plane without some components leaves theirs unused) and records them in ports.env.
kube_assign_ports() {
  local base
  base="$(kube_reserve_ports)" || { kube_log "ERROR: no free block of 10 ports in 16000-16999"; return 1; }
  KUBE_PORT_BASE=$base
  KUBE_PORT_APISERVER=$base
  KUBE_PORT_ETCD=$((base + 1))
  KUBE_PORT_ETCD_PEER=$((base + 2))
  KUBE_PORT_KCM=$((base + 3))
  KUBE_PORT_SCHEDULER=$((base + 4))
  KUBE_PORT_KWOK=$((base + 5))
  local name
  for name in BASE APISERVER ETCD ETCD_PEER KCM SCHEDULER KWOK; do
    local var="KUBE_PORT_$name"
    echo "$var=${!var}"
  done >"$KUBE_DIR/ports.env"
}
