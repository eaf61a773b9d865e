#!/usr/bin/env bash
# Builds (once) and caches the binaries of the test Kubernetes control plane:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler (module in ./go) and kwok.
# No release binaries can be downloaded on the test machines, only Go modules, so everything
# is compiled from source through the Go module proxy. Prints the bin dir on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"

BIN="${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}/kube/$KUBE_VERSION/bin"
# kwok's stock node/pod lifecycle stages, taken from the same kwok release (up.sh feeds them to kwok).
STAGES="$BIN/../kwok-$KWOK_VERSION-stages.yaml"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

all_cached() {
  local c
  for c in "${COMPONENTS[@]}"; do [[ -x "$BIN/$c" ]] || return 1; done
  [[ -s "$STAGES" ]]
}

if all_cached; then echo "$BIN"; exit 0; fi

mkdir -p "$BIN"
# Two up.sh runs racing on a cold cache must not compile twice.
exec 9>"$BIN/.build.lock"
flock 9
if all_cached; then echo "$BIN"; exit 0; fi
rm -rf "$BIN"/.*.tmp "$BIN"/.kwok.* # leftovers of an interrupted build (we hold the lock)

command -v go >/dev/null || { echo "build.sh: go is required to build the kube control plane" >&2; exit 1; }

export GOTOOLCHAIN=local CGO_ENABLED=0
export GOFLAGS="-trimpath -buildvcs=false -mod=readonly"
LDFLAGS="-s -w"

# go build of one package; output written atomically so an interrupted build leaves no half binary.
build_one() { # name dir pkg [extra go flags...]
  local name="$1" dir="$2" pkg="$3"; shift 3
  [[ -x "$BIN/$name" ]] && return 0
  local start=$SECONDS
  echo "build.sh: building $name ($pkg)" >&2
  (cd "$dir" && nice -n 10 go build "$@" -ldflags="$LDFLAGS" -o "$BIN/.$name.tmp" "$pkg")
  mv -f "$BIN/.$name.tmp" "$BIN/$name"
  echo "build.sh: built $name in $((SECONDS - start))s" >&2
}

K8S_LDFLAGS_PKG=k8s.io/component-base/version
kube_build() { # name pkg
  # Stamp the version so /version reports it (otherwise v0.0.0-master).
  LDFLAGS="-s -w -X $K8S_LDFLAGS_PKG.gitVersion=v$KUBE_VERSION -X $K8S_LDFLAGS_PKG.gitMajor=${KUBE_VERSION%%.*} -X $K8S_LDFLAGS_PKG.gitMinor=$(cut -d. -f2 <<<"$KUBE_VERSION") -X $K8S_LDFLAGS_PKG.gitTreeState=clean" \
    build_one "$1" "$HERE/go" "$2"
}

build_one etcd "$HERE/go" go.etcd.io/etcd/server/v3
kube_build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
kube_build kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager
kube_build kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler
# kwok has no replace lines: plain go install of a pinned release into a temp GOBIN.
if [[ ! -x "$BIN/kwok" ]]; then
  start=$SECONDS
  echo "build.sh: building kwok $KWOK_VERSION" >&2
  tmp="$(mktemp -d "$BIN/.kwok.XXXX")"
  (cd "$tmp" && GOBIN="$tmp" nice -n 10 go install -ldflags="$LDFLAGS" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION")
  mv -f "$tmp/kwok" "$BIN/kwok"; rm -rf "$tmp"
  echo "build.sh: built kwok in $((SECONDS - start))s" >&2
fi

if [[ ! -s "$STAGES" ]]; then
  kwok_src="$(cd "$HERE" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$kwok_src/kustomize/stage" ]] || { echo "build.sh: kwok $KWOK_VERSION source not found" >&2; exit 1; }
  # Node: become Ready, then heartbeat (kwok keeps the node Lease). Pod: Pending->Running, Job pods
  # complete, deleted pods go away.
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"; cat "$kwok_src/kustomize/stage/$f"
  done > "$STAGES.tmp"
  mv -f "$STAGES.tmp" "$STAGES"
fi

all_cached
echo "$BIN"
