#!/usr/bin/env bash
# A one-node swarm manager on loopback for stack tests, beside the plain main engine (which stays plain:
# other suites run containers and Compose on it).
# Usage: swarm.sh up|down   (needs $SHIPSHAPE_RUN_DIR of a run whose up.sh has started containerd)
# up: starts the extra engine "swarm" (engine.sh), loads the test image into it, and runs
#     `docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:PORT --data-path-port PORT2`;
#     writes $SHIPSHAPE_RUN_DIR/env/swarm.env (SHIPSHAPE_SWARM_DOCKER_HOST). Idempotent.
# down: leaves the swarm and stops the engine.
set -euo pipefail
SHIPSHAPE_RUN_DIR="${SHIPSHAPE_RUN_DIR:-${SHIPSHAPE_DOCKER_RUN_DIR:-}}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
inst_paths swarm
case "${1:-}" in
  up)
    host="$("$HERE/engine.sh" start swarm)"
    main="unix://$(sock_dir)/docker.sock"
    image="${SHIPSHAPE_TEST_IMAGE:-shipshape-test/busybox:1}"
    if ! DOCKER_HOST="$host" docker image inspect "$image" >/dev/null 2>&1; then
      DOCKER_HOST="$main" docker save "$image" | DOCKER_HOST="$host" docker load >/dev/null
    fi
    if [ "$(DOCKER_HOST="$host" docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
      # Loopback only, on free ports: several engines (and other runs) share this machine.
      [ -f "$I_DIR/swarm.ports" ] || echo "$(free_port) $(free_port)" >"$I_DIR/swarm.ports"
      read -r listen data <"$I_DIR/swarm.ports"
      DOCKER_HOST="$host" docker swarm init --advertise-addr 127.0.0.1 --listen-addr "127.0.0.1:$listen" \
        --data-path-addr 127.0.0.1 --data-path-port "$data" >"$I_DIR/logs/swarm-init.log" 2>&1 \
        || { log "docker swarm init failed:"; cat "$I_DIR/logs/swarm-init.log" >&2; exit 1; }
    fi
    mkdir -p "$SHIPSHAPE_RUN_DIR/env"
    printf 'export SHIPSHAPE_SWARM_DOCKER_HOST=%s\n' "$host" >"$SHIPSHAPE_RUN_DIR/env/swarm.env"
    echo "$host"
    ;;
  down)
    if pid_alive "$(cat "$I_DIR/dockerd.pgid" 2>/dev/null || true)"; then
      DOCKER_HOST="unix://$I_SOCK" docker swarm leave --force >/dev/null 2>&1 || true
      "$HERE/engine.sh" stop swarm
    fi
    ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
