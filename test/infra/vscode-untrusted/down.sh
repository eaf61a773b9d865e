#!/usr/bin/env bash
SHIPSHAPE_VSCODE_PROFILE=vscode-untrusted exec "$(dirname "${BASH_SOURCE[0]}")/../vscode/down.sh" "$@"
