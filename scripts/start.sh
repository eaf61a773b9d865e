#!/usr/bin/env bash
# `npm start`: builds Shipshape, packages the VSIX, installs it into a real VS Code (code-server on
# Node 24, both from npm; see test/infra/vscode/install.sh) and opens that VS Code on examples/.
# Stays in the foreground; Ctrl-C stops code-server and everything it started.
#   SHIPSHAPE_PORT   port to listen on (default: 17777, or a free one in 17000-17999)
#   SHIPSHAPE_HOST   address to bind (default: 127.0.0.1; forward the port to reach it from elsewhere)
#   SHIPSHAPE_FOLDER folder to open (default: a fresh copy of examples/ in the profile, so edits made
#                    while trying Shipshape never touch the repository)
#   SHIPSHAPE_PROFILE the VS Code profile dir (default: $SHIPSHAPE_CACHE/vscode/profile, kept between
#                    runs: settings and other extensions you add persist there)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
say() { printf '==> %s\n' "$*" >&2; }

say "build and package"
npm run --silent build
npm run --silent package >/dev/null
vsix="$repo/shipshape-$(node -p 'require("./package.json").version').vsix"
[ -f "$vsix" ] || { echo "npm run package did not produce $vsix" >&2; exit 1; }

say "VS Code (code-server) and Node 24"
# Assigned first: `eval "$(…)"` alone would swallow the installer's exit status.
installed="$(bash test/infra/vscode/install.sh)" || { echo "npm start: installing VS Code (code-server) failed; the reason is above" >&2; exit 1; }
eval "$installed"
source test/infra/vscode/lib.sh

profile="${SHIPSHAPE_PROFILE:-${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}/vscode/profile}"
mkdir -p "$profile"/{user-data/User,extensions,xdg/config,xdg/data,xdg/cache,xdg/state}
export XDG_CONFIG_HOME="$profile/xdg/config" XDG_DATA_HOME="$profile/xdg/data" \
  XDG_CACHE_HOME="$profile/xdg/cache" XDG_STATE_HOME="$profile/xdg/state"
# First start only: a quiet workbench (the startup editor stays on, so Shipshape's walkthrough opens on
# its first activation). Later changes made in the UI are kept.
[ -f "$profile/user-data/User/settings.json" ] || cat >"$profile/user-data/User/settings.json" <<'EOF'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never",
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF
vscode_profile_args "$profile"
say "install $(basename "$vsix")"
# --force: the freshly built VSIX replaces the previous build even when the version is unchanged.
"$SHIPSHAPE_CODE_SERVER" "${VSCODE_PROFILE_ARGS[@]}" --install-extension "$vsix" --force >&2

host="${SHIPSHAPE_HOST:-127.0.0.1}"
port="${SHIPSHAPE_PORT:-$(vscode_free_port 17777)}" || { echo "set SHIPSHAPE_PORT" >&2; exit 1; }
if [ -n "${SHIPSHAPE_FOLDER:-}" ]; then
  folder="$(cd "$SHIPSHAPE_FOLDER" && pwd)"
else
  # A fresh copy of examples/ each start: VS Code in a browser saves as you type, and trying things
  # out must never edit the repository.
  folder="$profile/workspace/examples"
  rm -rf "$folder"
  mkdir -p "$(dirname "$folder")"
  cp -R "$repo/examples" "$folder"
fi
log="$profile/code-server.log"

stop() {
  trap - INT TERM EXIT
  if [ -n "${VSCODE_PGID:-}" ] && kill -0 -- "-$VSCODE_PGID" 2>/dev/null; then
    say "stopping code-server"
    kill -TERM -- "-$VSCODE_PGID" 2>/dev/null
    for _ in $(seq 50); do kill -0 -- "-$VSCODE_PGID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$VSCODE_PGID" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM
vscode_start "$log" "$host" "$port" || exit 1

folder_query="$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$folder")"
cat <<EOF

  Shipshape $(node -p 'require("./package.json").version') in VS Code $("$SHIPSHAPE_CODE_SERVER" --config /dev/null --version | sed -n 's/.*with Code //p') (code-server $SHIPSHAPE_CODE_SERVER_VERSION)
  Open:  http://$host:$port/?folder=$folder_query
  (folder: $folder; log: $log; Ctrl-C to stop)

EOF
wait "$VSCODE_PID"
