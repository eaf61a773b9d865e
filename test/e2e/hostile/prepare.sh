#!/usr/bin/env bash
# Outside the workspace, what a user of the hostile repository has: a kubeconfig whose users need a
# credential plugin (exec) and an old-style gcp token helper (cmd-path), both the fake plugin, which
# leaves .ran-plugin beside itself when run. Usage: prepare.sh DIR (then KUBECONFIG=DIR/kubeconfig).
set -euo pipefail
dir="$1"
mkdir -p "$dir"
rm -f "$dir"/.ran-*
cp "$(dirname "${BASH_SOURCE[0]}")/workspace/credential-plugin" "$dir/credential-plugin"
chmod +x "$dir/credential-plugin"
cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
current-context: exec-user
clusters:
- name: nowhere
  cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}
users:
- name: exec-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: "$dir/credential-plugin", interactiveMode: Never}
- name: gcp-user
  user:
    auth-provider:
      name: gcp
      config: {cmd-path: "$dir/credential-plugin", cmd-args: "config config-helper --format=json", token-key: "{.credential.access_token}", expiry-key: "{.credential.token_expiry}"}
contexts:
- name: exec-user
  context: {cluster: nowhere, user: exec-user}
- name: gcp-user
  context: {cluster: nowhere, user: gcp-user}
EOF
