#!/usr/bin/env bash
# Bring up a private Docker engine + loopback registries for live tests.
# Contract (TEAM.md): needs $SHIPSHAPE_RUN_DIR; writes $SHIPSHAPE_RUN_DIR/env/docker.env.
# Installs Debian's docker.io, containerd, busybox-static, docker-registry, docker-compose when missing;
# builds Compose v2 (build-compose-v2.sh, cached) and installs it as a CLI plugin under DOCKER_CONFIG.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
T0=$(ms)
mkdir -p "$DDIR" "$SHIPSHAPE_RUN_DIR/env" "$DDIR/logs"

# ---- packages (root, non-interactive; serialized with other infra scripts) ----
source "$HERE/../apt.sh"
need=()
for pkg in "${SHIPSHAPE_APT_DOCKER[@]}"; do
  # An engine installed another way (docker-ce, containerd.io) is used as it is.
  case $pkg in
    docker.io) command -v dockerd >/dev/null && continue ;;
    containerd|docker-registry|docker-compose) command -v "$pkg" >/dev/null && continue ;;
  esac
  need+=("$pkg")
done
APT_LOG="$DDIR/logs/apt.log" apt_ensure "${need[@]}" "${SHIPSHAPE_APT_BASE[@]}"
T_APT=$(ms)

SD="$(sock_dir)"

# ---- containerd (ours, so dockerd never attaches to a system containerd at /run/containerd) ----
mkdir -p "$DDIR/containerd/root" "$DDIR/containerd/state"
cat >"$DDIR/containerd/config.toml" <<TOML
version = 2
root = "$DDIR/containerd/root"
state = "$DDIR/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$SD/containerd.sock"
[ttrpc]
  address = "$SD/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
TOML
if ! pid_alive "$(cat "$DDIR/containerd.pgid" 2>/dev/null || true)"; then
  setsid containerd --config "$DDIR/containerd/config.toml" </dev/null >>"$DDIR/logs/containerd.log" 2>&1 &
  echo $! >"$DDIR/containerd.pgid"
  for ((i = 0; i < 300; i++)); do [ -S "$SD/containerd.sock" ] && break; sleep 0.1; done
  [ -S "$SD/containerd.sock" ] || { log "containerd did not start"; tail -n 30 "$DDIR/logs/containerd.log" >&2; exit 1; }
fi

# ---- dockerd ----
if ! pid_alive "$(cat "$DDIR/dockerd.pgid" 2>/dev/null || true)"; then start_dockerd; fi
export DOCKER_HOST="unix://$SD/docker.sock"
T_ENGINE=$(ms)

# ---- Compose v2 as a docker CLI plugin (Debian ships only v1 `docker-compose`) ----
# Built from source once and cached (build-compose-v2.sh); linked into a DOCKER_CONFIG of this run,
# so `docker compose` works for the tests without touching ~/.docker. Tests that need their own
# DOCKER_CONFIG (contexts, TLS) set it per process and do not use Compose. A failed build does not
# stop the engine: v1 keeps working and the v2 live tests fail under CI=true.
export DOCKER_CONFIG="$DDIR/docker-config"
mkdir -p "$DOCKER_CONFIG/cli-plugins"
# SHIPSHAPE_DOCKER_NO_COMPOSE_V2=1 (the swarm oracle, which needs no Compose): skip the build, v1 only.
if [ -n "${SHIPSHAPE_DOCKER_NO_COMPOSE_V2:-}" ]; then
  log "SHIPSHAPE_DOCKER_NO_COMPOSE_V2 set: Compose v2 not built"
elif COMPOSE_V2="$("$HERE/build-compose-v2.sh")"; then
  ln -sfn "$COMPOSE_V2" "$DOCKER_CONFIG/cli-plugins/docker-compose"
  docker compose version >/dev/null 2>"$DDIR/logs/compose-v2.log" \
    || { log "docker compose (v2 plugin $COMPOSE_V2) does not run:"; cat "$DDIR/logs/compose-v2.log" >&2; }
else
  log "building Compose v2 failed: only docker-compose (v1) is available"
fi
T_COMPOSE=$(ms)

# ---- registries on loopback: one open, one with basic auth ----
start_registry() { # name port [auth]
  local name="$1" port="$2" auth="${3:-}"
  mkdir -p "$DDIR/$name/storage"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage:"
    echo "  filesystem: {rootdirectory: $DDIR/$name/storage}"
    echo "  delete: {enabled: true}"
    echo "http:"
    echo "  addr: 127.0.0.1:$port"
    echo "  secret: shipshape-test-$name"
    if [ -n "$auth" ]; then
      echo "auth:"
      echo "  htpasswd: {realm: shipshape-test, path: $DDIR/$name/htpasswd}"
    fi
  } >"$DDIR/$name/config.yml"
  setsid docker-registry serve "$DDIR/$name/config.yml" </dev/null >>"$DDIR/logs/$name.log" 2>&1 &
  echo $! >"$DDIR/$name.pgid"
  for ((i = 0; i < 100; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/v2/" || true)"
    case "$code" in 200|401) return 0;; esac
    sleep 0.1
  done
  log "registry $name did not answer on 127.0.0.1:$port"; tail -n 20 "$DDIR/logs/$name.log" >&2; return 1
}
REG_USER=shipshape
if [ -f "$DDIR/registry.port" ] && pid_alive "$(cat "$DDIR/registry.pgid" 2>/dev/null || true)"; then
  REG_PORT="$(cat "$DDIR/registry.port")"
else
  REG_PORT="$(free_port)"; start_registry registry "$REG_PORT"; echo "$REG_PORT" >"$DDIR/registry.port"
fi
if [ -f "$DDIR/registry-auth.port" ] && pid_alive "$(cat "$DDIR/registry-auth.pgid" 2>/dev/null || true)"; then
  AUTH_PORT="$(cat "$DDIR/registry-auth.port")"; REG_PASS="$(cat "$DDIR/registry-auth/password")"
else
  mkdir -p "$DDIR/registry-auth"
  REG_PASS="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  printf '%s\n' "$REG_PASS" >"$DDIR/registry-auth/password"; chmod 600 "$DDIR/registry-auth/password"
  htpasswd -Bbn "$REG_USER" "$REG_PASS" >"$DDIR/registry-auth/htpasswd" 2>/dev/null
  AUTH_PORT="$(free_port)"
  [ "$AUTH_PORT" != "$REG_PORT" ] || AUTH_PORT="$(free_port)"
  start_registry registry-auth "$AUTH_PORT" auth; echo "$AUTH_PORT" >"$DDIR/registry-auth.port"
fi

# ---- test images, FROM scratch out of the static busybox (nothing can be pulled here) ----
IMAGE=shipshape-test/busybox:1
DOCKER_BIN="$(command -v docker)"
if ! "$DOCKER_BIN" image inspect "$IMAGE" >/dev/null 2>&1; then
  ctx="$DDIR/image-ctx"; rm -rf "$ctx"; mkdir -p "$ctx"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox","--install","-s","/bin"]
CMD ["/bin/sh"]
DF
  DOCKER_BUILDKIT=0 "$DOCKER_BIN" build -q -t "$IMAGE" "$ctx" >>"$DDIR/logs/image-build.log" 2>&1 \
    || { log "building $IMAGE failed"; tail -n 20 "$DDIR/logs/image-build.log" >&2; exit 1; }
fi
T_END=$(ms)

cat >"$SHIPSHAPE_RUN_DIR/env/docker.env" <<ENV
export DOCKER_HOST=unix://$SD/docker.sock
export SHIPSHAPE_TEST_REGISTRY=127.0.0.1:$REG_PORT
export SHIPSHAPE_TEST_REGISTRY_AUTH=127.0.0.1:$AUTH_PORT
export SHIPSHAPE_TEST_REGISTRY_USER=$REG_USER
export SHIPSHAPE_TEST_REGISTRY_PASSWORD=$REG_PASS
export SHIPSHAPE_TEST_IMAGE=$IMAGE
export SHIPSHAPE_DOCKER_ENGINE_CTL=$HERE/engine.sh
export SHIPSHAPE_DOCKER_RUN_DIR=$SHIPSHAPE_RUN_DIR
export DOCKER_CONFIG=$DOCKER_CONFIG
ENV
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
echo "apt $(secs "$T0" "$T_APT")s, engine $(secs "$T_APT" "$T_ENGINE")s, compose v2 $(secs "$T_ENGINE" "$T_COMPOSE")s, registries+image $(secs "$T_COMPOSE" "$T_END")s, total $(secs "$T0" "$T_END")s" \
  | tee "$DDIR/timings.txt" | sed 's/^/[docker-infra] up: /' >&2
