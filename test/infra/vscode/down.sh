#!/usr/bin/env bash
# Stops what up.sh started: the whole code-server process group (server, extension host,
# language server, watchers). Safe to call twice or when up.sh failed half-way.
set -uo pipefail
: "${SHIPSHAPE_RUN_DIR:?set SHIPSHAPE_RUN_DIR}"
pgid_file="$SHIPSHAPE_RUN_DIR/${SHIPSHAPE_VSCODE_PROFILE:-vscode}/pgid"
[ -f "$pgid_file" ] || exit 0
pgid="$(cat "$pgid_file")"
# Never signal our own group (an empty or wrong file must not take the caller down).
if [ -z "$pgid" ] || [ "$pgid" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]; then
  echo "[vscode/down] refusing to kill process group '$pgid'" >&2; exit 1
fi
alive() { ps -o pid= -g "$pgid" >/dev/null 2>&1 && [ -n "$(ps -o pid= -g "$pgid")" ]; }
if alive; then
  kill -TERM -- "-$pgid" 2>/dev/null
  for _ in $(seq 50); do alive || break; sleep 0.1; done
  alive && kill -KILL -- "-$pgid" 2>/dev/null
fi
rm -f "$pgid_file"
echo "[vscode/down] stopped process group $pgid" >&2
