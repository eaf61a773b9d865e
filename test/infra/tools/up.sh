#!/usr/bin/env bash
# Installs the optional programs Shipshape drives when a user has them (ShellCheck), so that their
# integrations are tested for real. Infra contract (scripts/test.sh): writes $SHIPSHAPE_RUN_DIR/env/tools.env.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SHIPSHAPE_RUN_DIR:?set SHIPSHAPE_RUN_DIR to a scratch directory (the test orchestrator does)}"
# shellcheck source=../apt.sh
. "$here/../apt.sh"
apt_ensure "${SHIPSHAPE_APT_TOOLS[@]}"
shellcheck="$(command -v shellcheck)" || { echo "[tools] shellcheck is not on PATH after installing it" >&2; exit 1; }
mkdir -p "$SHIPSHAPE_RUN_DIR/env"
echo "export SHIPSHAPE_TEST_SHELLCHECK=$shellcheck" >"$SHIPSHAPE_RUN_DIR/env/tools.env"
echo "[tools] $("$shellcheck" --version | sed -n 's/^version: /shellcheck /p') at $shellcheck" >&2
