// Cross-check for schemas/kubernetes/generate.mjs: prints, as JSON, the group-versions and resources that
// k8s.io/kubernetes/pkg/controlplane.DefaultAPIResourceConfigSource() enables or disables, by calling it.
// Built by check.mjs in a temporary module whose go.mod pins one Kubernetes version (the test infra's).
package main

import (
	"encoding/json"
	"os"

	"k8s.io/kubernetes/pkg/controlplane"
)

func main() {
	config := controlplane.DefaultAPIResourceConfigSource()
	versions := map[string]bool{}
	for gv, enabled := range config.GroupVersionConfigs {
		versions[gv.String()] = enabled
	}
	resources := map[string]bool{}
	for gvr, enabled := range config.ResourceConfigs {
		resources[gvr.GroupVersion().String()+"/"+gvr.Resource] = enabled
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]any{"versions": versions, "resources": resources}); err != nil {
		os.Exit(1)
	}
}
