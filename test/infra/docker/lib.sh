# Shared helpers for the Docker test engine (sourced by up.sh, down.sh, engine.sh).
# Everything lives under $SHIPSHAPE_RUN_DIR/docker so parallel runs never collide.

: "${SHIPSHAPE_RUN_DIR:?SHIPSHAPE_RUN_DIR must be set (the test orchestrator creates it)}"
DDIR="$SHIPSHAPE_RUN_DIR/docker"

# unix socket paths are limited to 108 bytes; long run dirs get a short /tmp dir for sockets
sock_dir() {
  if [ -f "$DDIR/sockdir" ]; then cat "$DDIR/sockdir"; return; fi
  local d="$DDIR/s"
  if [ "${#d}" -gt 80 ]; then d="$(mktemp -d /tmp/shipshape-dock.XXXXXX)"; fi
  mkdir -p "$d"; printf '%s\n' "$d" >"$DDIR/sockdir"; printf '%s\n' "$d"
}

log() { printf '[docker-infra] %s\n' "$*" >&2; }

# alive = exists and is not a zombie waiting for a (possibly slow) reaper
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st; st="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}

# Stop a process group led by the pid in $1 (file): TERM, wait up to $2 s, then KILL.
stop_group() {
  local pidfile="$1" wait_s="${2:-20}" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if pid_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait_s * 10; i++)); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    # the group may still hold children (e.g. containerd shims) after the leader exits
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

wait_for_socket_api() {
  local sock="$1" secs="$2" i
  for ((i = 0; i < secs * 10; i++)); do
    if curl -fsS --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}

# Start dockerd in its own process group (setsid) against our own containerd.
# $1 = instance name: "main" is the engine in docker.env; other names are extra engines (own data,
# socket and containerd namespace) that a test may stop and start without disturbing the others.
inst_paths() {
  local name="${1:-main}" sd; sd="$(sock_dir)"
  if [ "$name" = main ]; then
    I_DIR="$DDIR"; I_SOCK="$sd/docker.sock"; I_NS=moby
  else
    I_DIR="$DDIR/engines/$name"; I_SOCK="$sd/docker-$name.sock"; I_NS="shipshape-$name"
  fi
}
free_port() {
  local p tries=0
  while :; do
    p=$((15000 + RANDOM % 1000)); tries=$((tries + 1))
    if [ -z "$(ss -Hltn "sport = :$p")" ]; then echo "$p"; return; fi
    [ "$tries" -lt 200 ] || { log "no free port in 15000-15999"; return 1; }
  done
}

# CA, server (127.0.0.1) and client certificates for an engine on TCP with --tlsverify, in $1.
make_tls() {
  local d="$1"
  [ -f "$d/cert.pem" ] && return 0
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=shipshape-test-ca 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=shipshape-client 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext 2>/dev/null
    rm -f ./*.csr ./*.ext
  )
}

# $2 = "tls": also listen on tcp://127.0.0.1:PORT with --tlsverify (port in $I_DIR/tcp.port, client
# certs ca.pem/cert.pem/key.pem in $I_DIR/tls, the layout DOCKER_CERT_PATH expects)
start_dockerd() {
  inst_paths "${1:-main}"
  local sd tcp=(); sd="$(sock_dir)"
  mkdir -p "$I_DIR/data" "$I_DIR/exec" "$I_DIR/logs"
  if [ "${2:-}" = tls ]; then
    make_tls "$I_DIR/tls"
    [ -f "$I_DIR/tcp.port" ] || free_port >"$I_DIR/tcp.port"
    tcp=(--host "tcp://127.0.0.1:$(cat "$I_DIR/tcp.port")" --tlsverify
      --tlscacert "$I_DIR/tls/ca.pem" --tlscert "$I_DIR/tls/server-cert.pem" --tlskey "$I_DIR/tls/server-key.pem")
  fi
  setsid dockerd \
    --host "unix://$I_SOCK" "${tcp[@]}" \
    --containerd "$sd/containerd.sock" --containerd-namespace "$I_NS" --containerd-plugins-namespace "$I_NS-plugins" \
    --data-root "$I_DIR/data" --exec-root "$I_DIR/exec" --pidfile "$I_DIR/dockerd.pid" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --group root \
    </dev/null >>"$I_DIR/logs/dockerd.log" 2>&1 &
  echo $! >"$I_DIR/dockerd.pgid"
  if ! wait_for_socket_api "$I_SOCK" 60; then
    log "dockerd did not answer on $I_SOCK within 60s; last log lines:"; tail -n 30 "$I_DIR/logs/dockerd.log" >&2
    return 1
  fi
}

stop_dockerd() { inst_paths "${1:-main}"; stop_group "$I_DIR/dockerd.pgid" 30; rm -f "$I_DIR/dockerd.pid"; }
