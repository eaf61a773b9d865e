#!/usr/bin/env bash
# The hostile-workspace suite's VS Code: test/infra/vscode/up.sh with workspace trust enabled (no
# --disable-workspace-trust), so the folder it opens stays untrusted. Writes env/vscode-untrusted.env.
SHIPSHAPE_VSCODE_PROFILE=vscode-untrusted exec "$(dirname "${BASH_SOURCE[0]}")/../vscode/up.sh" "$@"
