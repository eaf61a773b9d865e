#!/usr/bin/env bash
# Regenerates server/src/kustomize/schema.generated.json from kustomize's Go types (see generate.go).
set -euo pipefail
VERSION=v0.21.2
cd "$(dirname "$0")/../.."
dir() { go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'; }
API=$(dir sigs.k8s.io/kustomize/api@$VERSION)
KYAML=$(dir sigs.k8s.io/kustomize/kyaml@$VERSION)
go run schemas/kustomize/generate.go "$API" "$KYAML" "$VERSION" > server/src/kustomize/schema.generated.json
install -m 644 "$API/LICENSE" schemas/kustomize/LICENSE
