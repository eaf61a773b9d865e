#!/usr/bin/env bash
# Builds (once) and caches Docker Compose v2 (the `docker compose` CLI plugin) from the module in
# ./compose-v2. Debian packages only Compose v1 and no release binary can be downloaded here, so it is
# compiled from source through the Go module proxy. Prints the binary's path on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MOD="$HERE/compose-v2"
# The version pinned in compose-v2/go.mod (one source of truth).
VERSION="$(sed -n 's#^[[:space:]]*github.com/docker/compose/v2 \(v[^ ]*\).*#\1#p' "$MOD/go.mod")"
[[ -n "$VERSION" ]] || { echo "build-compose-v2.sh: no github.com/docker/compose/v2 in $MOD/go.mod" >&2; exit 1; }

DIR="${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}/docker/compose-v2/$VERSION"
BIN="$DIR/docker-compose"
if [[ -x "$BIN" ]]; then echo "$BIN"; exit 0; fi

mkdir -p "$DIR"
# Two runs racing on a cold cache must not compile twice: the second waits, then finds the binary.
exec 9>"$DIR/.build.lock"
flock 9
if [[ -x "$BIN" ]]; then echo "$BIN"; exit 0; fi

command -v go >/dev/null || { echo "build-compose-v2.sh: go is required to build Compose v2" >&2; exit 1; }
export GOTOOLCHAIN=local CGO_ENABLED=0
export GOFLAGS="-trimpath -buildvcs=false -mod=readonly"

start=$SECONDS
echo "build-compose-v2.sh: building Compose $VERSION (cold: several minutes)" >&2
# Written to a temp name and renamed, so an interrupted build never leaves a half binary behind.
(cd "$MOD" && nice -n 10 go build \
  -ldflags="-s -w -X github.com/docker/compose/v2/internal.Version=$VERSION" \
  -o "$DIR/.docker-compose.tmp" github.com/docker/compose/v2/cmd)
mv -f "$DIR/.docker-compose.tmp" "$BIN"
echo "build-compose-v2.sh: built Compose $VERSION in $((SECONDS - start))s" >&2
echo "$BIN"
