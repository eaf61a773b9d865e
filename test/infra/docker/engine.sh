#!/usr/bin/env bash
# Stop or start a test dockerd mid-test ("engine goes away and comes back").
# Usage: engine.sh stop|start|status [NAME]   (needs $SHIPSHAPE_RUN_DIR of the run that called up.sh)
# NAME defaults to "main" (the engine in docker.env). Any other NAME is an extra engine with its own
# socket, data and containerd namespace, so a test can kill it while other suites keep using main.
# `start` prints the engine's DOCKER_HOST on stdout. `start-tls NAME` also listens on
# tcp://127.0.0.1:PORT with --tlsverify and prints that DOCKER_HOST, then the DOCKER_CERT_PATH.
set -euo pipefail
# docker.env records the run dir, so tests need not export SHIPSHAPE_RUN_DIR themselves
SHIPSHAPE_RUN_DIR="${SHIPSHAPE_RUN_DIR:-${SHIPSHAPE_DOCKER_RUN_DIR:-}}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
name="${2:-main}"
[[ "$name" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]] || { echo "bad engine name: $name" >&2; exit 2; }
inst_paths "$name"
case "${1:-}" in
  stop) stop_dockerd "$name" ;;
  start) pid_alive "$(cat "$I_DIR/dockerd.pgid" 2>/dev/null || true)" || start_dockerd "$name"; echo "unix://$I_SOCK" ;;
  start-tls)
    [ "$name" != main ] || { echo "the main engine has no TCP listener; name another one" >&2; exit 2; }
    pid_alive "$(cat "$I_DIR/dockerd.pgid" 2>/dev/null || true)" || start_dockerd "$name" tls
    echo "tcp://127.0.0.1:$(cat "$I_DIR/tcp.port")"; echo "$I_DIR/tls" ;;
  status) pid_alive "$(cat "$I_DIR/dockerd.pgid" 2>/dev/null || true)" && echo running || echo stopped ;;
  *) echo "usage: $0 stop|start|start-tls|status [NAME]" >&2; exit 2 ;;
esac
