#!/usr/bin/env bash
# Builds (once) and caches etcd + kube-apiserver of an older Kubernetes version for the per-version
# agreement test: build-agreement.sh <minor> (e.g. 1.33). The apiserver comes from the module in
# ./go-<minor> (k8s.io/kubernetes v<minor>.<patch> with its staging modules replaced by v0.<minor>.<patch>);
# etcd is the test control plane's own etcd binary (same ETCD_VERSION), hard-linked into this cache.
# Prints the bin dir on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"

MINOR="${1:?usage: build-agreement.sh <kubernetes minor, e.g. 1.33>}"
MINOR="$(cut -d. -f1,2 <<<"$MINOR")"
MODULE="$HERE/go-$MINOR"
[[ -f "$MODULE/go.mod" ]] || { echo "build-agreement.sh: no module $MODULE for Kubernetes $MINOR" >&2; exit 1; }
# The patch version is the one go-<minor>/go.mod pins.
VERSION="$(sed -n 's#^[[:space:]]*k8s.io/kubernetes v\([0-9.]*\)\( //.*\)\?$#\1#p' "$MODULE/go.mod")"
[[ "$VERSION" == "$MINOR".* ]] || { echo "build-agreement.sh: $MODULE/go.mod pins no k8s.io/kubernetes v$MINOR.x" >&2; exit 1; }

CACHE="${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}/kube"
BIN="$CACHE/$VERSION/bin"
MAIN_BIN="$CACHE/$KUBE_VERSION/bin"

all_cached() { [[ -x "$BIN/etcd" && -x "$BIN/kube-apiserver" ]]; }
if all_cached; then echo "$BIN"; exit 0; fi

mkdir -p "$BIN" "$MAIN_BIN"
exec 9>"$BIN/.build.lock"
flock 9
if all_cached; then echo "$BIN"; exit 0; fi
rm -rf "$BIN"/.*.tmp

command -v go >/dev/null || { echo "build-agreement.sh: go is required" >&2; exit 1; }
export GOTOOLCHAIN=local CGO_ENABLED=0
export GOFLAGS="-trimpath -buildvcs=false -mod=readonly"

# etcd: the main control plane's binary. If build.sh has not built it yet, build just etcd the way
# build.sh does, under build.sh's lock (so the two never compile it twice).
if [[ ! -x "$MAIN_BIN/etcd" ]]; then
  (
    flock 8
    if [[ ! -x "$MAIN_BIN/etcd" ]]; then
      start=$SECONDS
      echo "build-agreement.sh: building etcd $ETCD_VERSION" >&2
      (cd "$HERE/go" && nice -n 10 go build -ldflags="-s -w" -o "$MAIN_BIN/.etcd.tmp" go.etcd.io/etcd/server/v3)
      mv -f "$MAIN_BIN/.etcd.tmp" "$MAIN_BIN/etcd"
      echo "build-agreement.sh: built etcd in $((SECONDS - start))s" >&2
    fi
  ) 8>"$MAIN_BIN/.build.lock"
fi
if [[ ! -x "$BIN/etcd" ]]; then
  ln -f "$MAIN_BIN/etcd" "$BIN/.etcd.tmp" 2>/dev/null || cp -f "$MAIN_BIN/etcd" "$BIN/.etcd.tmp"
  mv -f "$BIN/.etcd.tmp" "$BIN/etcd"
fi

if [[ ! -x "$BIN/kube-apiserver" ]]; then
  start=$SECONDS
  echo "build-agreement.sh: building kube-apiserver v$VERSION" >&2
  pkg=k8s.io/component-base/version
  # Stamp the version so /version reports it (otherwise v0.0.0-master).
  ldflags="-s -w -X $pkg.gitVersion=v$VERSION -X $pkg.gitMajor=${VERSION%%.*} -X $pkg.gitMinor=$(cut -d. -f2 <<<"$VERSION") -X $pkg.gitTreeState=clean"
  (cd "$MODULE" && nice -n 10 go build -ldflags="$ldflags" -o "$BIN/.kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  mv -f "$BIN/.kube-apiserver.tmp" "$BIN/kube-apiserver"
  echo "build-agreement.sh: built kube-apiserver in $((SECONDS - start))s" >&2
fi

all_cached
echo "$BIN"
