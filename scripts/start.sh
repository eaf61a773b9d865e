#!/usr/bin/env bash
# `npm start`: builds Shipshape, packages the VSIX, installs it into a real VS Code (code-server on
# Node 24, both from npm; see test/infra/vscode/install.sh) and opens that VS Code on examples/.
# Stays in the foreground; Ctrl-C stops code-server and everything it started.
#   SHIPSHAPE_PORT   port to listen on (default: 17777, or a free one in 17000-17999)
#   SHIPSHAPE_HOST   address to bind (default: 127.0.0.1; forward the port to reach it from elsewhere)
#   SHIPSHAPE_FOLDER folder to open (default: examples/)
# The VS Code profile (settings, other extensions you add) persists in $SHIPSHAPE_CACHE/vscode/profile.
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
eval "$(bash test/infra/vscode/install.sh)"

profile="${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}/vscode/profile"
mkdir -p "$profile"/{user-data/User,extensions,xdg/config,xdg/data,xdg/cache,xdg/state}
export XDG_CONFIG_HOME="$profile/xdg/config" XDG_DATA_HOME="$profile/xdg/data" \
  XDG_CACHE_HOME="$profile/xdg/cache" XDG_STATE_HOME="$profile/xdg/state"
# First start only: a quiet workbench. Later changes made in the UI are kept.
[ -f "$profile/user-data/User/settings.json" ] || cat >"$profile/user-data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never",
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF
common=(--config /dev/null --user-data-dir "$profile/user-data" --extensions-dir "$profile/extensions")
say "install $(basename "$vsix")"
# --force: the freshly built VSIX replaces the previous build even when the version is unchanged.
"$SHIPSHAPE_CODE_SERVER" "${common[@]}" --install-extension "$vsix" --force >&2

host="${SHIPSHAPE_HOST:-127.0.0.1}"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${SHIPSHAPE_PORT:-}"
if [ -z "$port" ]; then
  for candidate in 17777 $(for _ in $(seq 50); do echo $((17000 + RANDOM % 1000)); done); do
    if port_free "$candidate"; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "no free port in 17000-17999: set SHIPSHAPE_PORT" >&2; exit 1; }
fi
folder="$(cd "${SHIPSHAPE_FOLDER:-$repo/examples}" && pwd)"
log="$profile/code-server.log"

# Own session and process group, so stopping it also stops the extension host and language server.
setsid "$SHIPSHAPE_CODE_SERVER" "${common[@]}" --auth none --bind-addr "$host:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  </dev/null >"$log" 2>&1 &
pid=$!
# setsid (not a group leader here, so it does not fork) makes code-server the leader of a new group.
pgid=
for _ in $(seq 500); do
  [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] && { pgid=$pid; break; }
  sleep 0.01
done
stop() {
  trap - INT TERM EXIT
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
    say "stopping code-server"
    kill -TERM -- "-$pgid" 2>/dev/null
    for _ in $(seq 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

for _ in $(seq 600); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "code-server exited; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "code-server did not answer in 60 s; see $log" >&2; exit 1; }

folder_query="$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$folder")"
cat <<EOF

  Shipshape $(node -p 'require("./package.json").version') in VS Code $("$SHIPSHAPE_CODE_SERVER" --config /dev/null --version | sed -n 's/.*with Code //p') (code-server $SHIPSHAPE_CODE_SERVER_VERSION)
  Open:  http://$host:$port/?folder=$folder_query
  (log: $log; Ctrl-C to stop)

EOF
wait "$pid"
