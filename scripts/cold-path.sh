#!/usr/bin/env bash
# The cold path: both README lines as a new user on a fresh machine meets them, with nothing cached.
#   bash scripts/cold-path.sh [--keep-packages] [--only start|test] [--keep]
# 1. Clones the committed HEAD into a scratch dir (uncommitted changes are not in it: commit first).
# 2. Purges the Debian packages the project's scripts installed (recorded by test/infra/apt.sh) and
#    apt's download cache, unless --keep-packages.
# 3. README line 1 with an empty HOME (so empty npm, Go and Shipshape caches): `npm ci && npm start`;
#    opens the printed address in chromium (test/infra/vscode/check-workbench.mjs) and stops it.
# 4. Purges again, and README line 2 with another empty HOME, as CI runs it: `CI=true bash .ci/run`, no stdin.
# Prints and writes each step's time to $SHIPSHAPE_COLD_DIR/timings.txt (default: a new /tmp dir, removed
# after a green run unless --keep). Run it before saying resolved on a change to scripts/, test/infra/,
# .ci/ or package.json. Needs root (or sudo) for apt.
# The whole script is one block, read before it runs: editing this file during a run cannot change it.
{
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
keep_packages= only= keep=
while (($#)); do
  case $1 in
    --keep-packages) keep_packages=1 ;;
    --only) only=$2; shift ;;
    --keep) keep=1 ;;
    *) echo "cold-path: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# shellcheck source=../test/infra/apt.sh
. "$repo/test/infra/apt.sh"
# shellcheck source=lib/clean-npm-env.sh
. "$repo/scripts/lib/clean-npm-env.sh"

out=${SHIPSHAPE_COLD_DIR:-$(mktemp -d /tmp/shipshape-cold.XXXXXX)}
mkdir -p "$out"
timings="$out/timings.txt"
: >"$timings"
say() { printf '\n==> [cold-path] %s\n' "$*"; }
record() { printf '%-44s %6d s\n' "$1" "$2" | tee -a "$timings"; }
total_start=$SECONDS

if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "cold-path: note: uncommitted changes in $repo are not part of the clone" >&2
fi
say "clone of $(git -C "$repo" rev-parse --short HEAD) into $out/clone"
rm -rf "$out/clone"
git clone -q --no-hardlinks "$repo" "$out/clone"
# The clone finds ../shared (corpus, charts) where the checkout does.
[ -e "$repo/../shared" ] && [ ! -e "$out/shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$out/shared"

purge() {
  [ -n "$keep_packages" ] && return 0
  local sudo=() installed=() pkg
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  # Only what the project's scripts installed (apt_ensure records it): the machine's own packages stay.
  [ -f "$SHIPSHAPE_APT_RECORD" ] && for pkg in $(sort -u "$SHIPSHAPE_APT_RECORD"); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && installed+=("$pkg")
  done
  local started=$SECONDS
  if ((${#installed[@]})); then
    say "purging ${installed[*]} (and what only they needed)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 purge "${installed[@]}" >>"$out/apt-purge.log" 2>&1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 autoremove --purge >>"$out/apt-purge.log" 2>&1
    "${sudo[@]}" rm -f "$SHIPSHAPE_APT_RECORD"
  fi
  "${sudo[@]}" apt-get clean
  record "purge Debian packages" $((SECONDS - started))
}

# An empty home: npm's cache, Go's module and build caches and ~/.cache/shipshape all start empty.
# Machine-wide tools stay as the machine has them (Go, Node, pyenv's root).
fresh_home() { # name -> sets HOME_DIR
  HOME_DIR="$out/home-$1"
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR"
}
# Sets up the current (sub)shell as that new user's: no npm environment from a caller, no Go or
# Shipshape cache locations from this one.
enter_home() { # home
  unset_npm_env
  unset GOPATH GOMODCACHE GOCACHE SHIPSHAPE_CACHE SHIPSHAPE_RUN_DIR
  export PYENV_ROOT="${PYENV_ROOT:-$HOME/.pyenv}" HOME="$1"
}

# --- README line 1: npm ci && npm start -------------------------------------------------------
if [ -z "$only" ] || [ "$only" = start ]; then
  purge
  fresh_home start
  port=$(bash -c 'source "$1/test/infra/vscode/lib.sh"; vscode_free_port' _ "$repo")
  say "README line 1: npm ci && npm start (HOME=$HOME_DIR, port $port)"
  started=$SECONDS
  # Its own process group (setsid execs in place: the subshell is no group leader), to send it Ctrl-C.
  (cd "$out/clone" && enter_home "$HOME_DIR" && SHIPSHAPE_PORT=$port exec setsid bash -c 'npm ci && npm start' \
    </dev/null >"$out/start.log" 2>&1) &
  start_pid=$!
  url=
  for _ in $(seq 3600); do
    # The subshell may not have created the log yet: under set -e/pipefail a failed sed would end the script.
    url=$(sed -n 's/^ *Open: *//p' "$out/start.log" 2>/dev/null | head -n1 || true)
    [ -n "$url" ] && break
    kill -0 "$start_pid" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$url" ]; then
    echo "cold-path: npm start printed no address; last lines of $out/start.log:" >&2
    tail -n 40 "$out/start.log" >&2
    kill -TERM -- "-$start_pid" 2>/dev/null || true
    exit 1
  fi
  record "npm ci && npm start: address printed" $((SECONDS - started))
  checked=$SECONDS
  check=0
  (cd "$out/clone" && node test/infra/vscode/check-workbench.mjs "$url" "$out/npm-start.png" --walkthrough) || check=$?
  record "the workbench shows Shipshape on examples/" $((SECONDS - checked))
  # Ctrl-C, as a user stops it: code-server and everything it started must go.
  kill -INT -- "-$start_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 -- "-$start_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 -- "-$start_pid" 2>/dev/null; then
    echo "cold-path: npm start was still running 10 s after Ctrl-C" >&2
    kill -KILL -- "-$start_pid" 2>/dev/null || true
    check=1
  fi
  wait "$start_pid" 2>/dev/null || true
  if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
    echo "cold-path: code-server still answers at $url after npm start was stopped" >&2
    check=1
  fi
  [ "$check" = 0 ] || { echo "cold-path: README line 1 failed (screenshot $out/npm-start.png, log $out/start.log)" >&2; exit 1; }
fi

# --- README line 2: CI=true bash .ci/run (= npm ci && npm test) ---------------------------------
if [ -z "$only" ] || [ "$only" = test ]; then
  purge
  fresh_home test
  say "README line 2: CI=true bash .ci/run (HOME=$HOME_DIR)"
  started=$SECONDS
  code=0
  (cd "$out/clone" && enter_home "$HOME_DIR" && CI=true bash .ci/run </dev/null 2>&1 | tee "$out/test.log") || code=$?
  record "CI=true bash .ci/run" $((SECONDS - started))
  [ "$code" = 0 ] || { echo "cold-path: README line 2 failed (exit $code; log $out/test.log)" >&2; exit 1; }
fi

record "cold path in all" $((SECONDS - total_start))
echo "cold path passed; timings in $timings"
if [ -z "$keep" ] && [ -z "${SHIPSHAPE_COLD_DIR:-}" ]; then
  cp "$timings" "/tmp/shipshape-cold-timings-$(date +%Y%m%dT%H%M%S).txt"
  rm -rf "$out"
fi
exit
}
