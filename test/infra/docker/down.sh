#!/usr/bin/env bash
# Stop what up.sh started: registries, dockerd (and its containers), containerd and shims.
# Idempotent: safe to call twice or after a failed up.sh.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
[ -d "$DDIR" ] || exit 0
stop_group "$DDIR/registry.pgid" 10
stop_group "$DDIR/registry-auth.pgid" 10
if [ -d "$DDIR/engines" ]; then for e in "$DDIR"/engines/*/; do [ -d "$e" ] && stop_dockerd "$(basename "$e")"; done; fi
stop_dockerd main
stop_group "$DDIR/containerd.pgid" 20
# containerd-shim-runc-v2 daemonizes into its own session: find ours by the containerd address it was given
if [ -f "$DDIR/sockdir" ]; then
  sd="$(cat "$DDIR/sockdir")"
  for p in $(pgrep -f "containerd-shim-runc-v2 .*-address $sd/containerd.sock" 2>/dev/null || true); do kill -KILL "$p" 2>/dev/null || true; done
  # unmount anything dockerd/containerd left mounted under our dirs
  grep -F " $DDIR/" /proc/mounts | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  case "$sd" in /tmp/shipshape-dock.*) rm -rf "$sd";; esac
fi
exit 0
