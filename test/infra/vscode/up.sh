#!/usr/bin/env bash
# Starts a real VS Code (code-server) with Shipshape's packaged VSIX installed, for the e2e suite.
# Infra contract (scripts/test.sh): needs $SHIPSHAPE_RUN_DIR; writes $SHIPSHAPE_RUN_DIR/env/vscode.env;
# down.sh stops everything. Everything lives under $SHIPSHAPE_RUN_DIR/vscode (fresh profile each run).
#   SHIPSHAPE_VSIX        the VSIX to install (default: newest *.vsix at the repo root; "none" = skip)
#   SHIPSHAPE_VSCODE_PORT the port (default: a free one in 17000-17999)
#   SHIPSHAPE_VSCODE_PROFILE  vscode (default) or vscode-untrusted: workspace trust enabled and the
#                         folder left untrusted (the hostile-workspace suite); its own dir and env file
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
: "${SHIPSHAPE_RUN_DIR:?set SHIPSHAPE_RUN_DIR to a scratch directory (the test orchestrator does)}"
log() { printf '[vscode/up] %s\n' "$*" >&2; }

# Assigned first: `eval "$(…)"` alone would swallow the installer's exit status.
installed="$("$here/install.sh")" || { log "installing code-server failed; the reason is above"; exit 1; }
eval "$installed"
source "$here/lib.sh"

vsix="${SHIPSHAPE_VSIX:-}"
if [ -z "$vsix" ]; then
  vsix="$(ls -t "$repo"/*.vsix 2>/dev/null | head -n1 || true)"
  [ -n "$vsix" ] || { log "no *.vsix at $repo: run 'npm run package' first (or set SHIPSHAPE_VSIX)"; exit 1; }
fi

profile="${SHIPSHAPE_VSCODE_PROFILE:-vscode}"
case $profile in vscode) trust=false ;; vscode-untrusted) trust=true ;; *) log "unknown profile $profile"; exit 1 ;; esac
dir="$SHIPSHAPE_RUN_DIR/$profile"
# A code-server still running from this run dir would lose its profile under it: stop it first.
[ -f "$dir/pgid" ] && "$here/down.sh"
rm -rf "$dir"
mkdir -p "$dir"/{user-data/User,extensions,xdg/config,xdg/data,xdg/cache,xdg/state} "$SHIPSHAPE_RUN_DIR/env"
# Keep code-server and VS Code out of the real home: config, data, caches all go to the run dir.
export XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" \
  XDG_CACHE_HOME="$dir/xdg/cache" XDG_STATE_HOME="$dir/xdg/state"
# Quiet, deterministic workbench: no welcome page, tips, update or telemetry traffic. VS Code in a
# browser auto-saves after 1 s by default: off, so "unsaved edit" tests stay unsaved and revert works.
cat >"$dir/user-data/User/settings.json" <<EOF
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": $trust,
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.emptyWindow": false,
  "files.autoSave": "off",
  "remote.autoForwardPorts": false,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF

vscode_profile_args "$dir"
if [ "$vsix" != none ]; then
  [ -f "$vsix" ] || { log "VSIX not found: $vsix"; exit 1; }
  log "installing $vsix"
  "$SHIPSHAPE_CODE_SERVER" "${VSCODE_PROFILE_ARGS[@]}" --install-extension "$vsix" >"$dir/install-extension.log" 2>&1 ||
    { cat "$dir/install-extension.log" >&2; exit 1; }
fi

port="${SHIPSHAPE_VSCODE_PORT:-$(vscode_free_port)}"
# Its group is recorded even when it never gets healthy, so down.sh stops it.
[ "$trust" = true ] && export VSCODE_TRUST=1
vscode_start "$dir/code-server.log" 127.0.0.1 "$port" --disable-getting-started-override \
  --vscode-option enable-smoke-test-driver || { [ -n "${VSCODE_PGID:-}" ] && echo "$VSCODE_PGID" >"$dir/pgid"; exit 1; }
echo "$VSCODE_PGID" >"$dir/pgid"
url="http://127.0.0.1:$port"

cat >"$SHIPSHAPE_RUN_DIR/env/$profile.env" <<EOF
export SHIPSHAPE_TEST_VSCODE_URL=$url
export SHIPSHAPE_CODE_SERVER=$SHIPSHAPE_CODE_SERVER
export SHIPSHAPE_NODE24=$SHIPSHAPE_NODE24
export SHIPSHAPE_CHROMIUM=$SHIPSHAPE_CHROMIUM
export SHIPSHAPE_VSCODE_DIR=$dir
export SHIPSHAPE_VSCODE_EXTENSIONS_DIR=$dir/extensions
export SHIPSHAPE_VSCODE_VSIX=$vsix
export SHIPSHAPE_VSCODE_PGID=$VSCODE_PGID
EOF
log "code-server $SHIPSHAPE_CODE_SERVER_VERSION at $url (pgid $VSCODE_PGID, log $dir/code-server.log)"
