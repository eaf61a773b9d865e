#!/usr/bin/env bash
# Stop or start the test dockerd mid-test ("engine goes away and comes back").
# Usage: engine.sh stop|start|status   (needs $SHIPSHAPE_RUN_DIR from the run that called up.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
case "${1:-}" in
  stop) stop_dockerd ;;
  start) pid_alive "$(cat "$DDIR/dockerd.pgid" 2>/dev/null || true)" || start_dockerd ;;
  status) pid_alive "$(cat "$DDIR/dockerd.pgid" 2>/dev/null || true)" && echo running || echo stopped ;;
  *) echo "usage: $0 stop|start|status" >&2; exit 2 ;;
esac
