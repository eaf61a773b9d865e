//go:build tools

// Pins what the CRD catalog is generated from (see generate.sh): controller-gen and the Prometheus Operator
// API types it reads (the module ships Go types, not CRD YAML).
package tools

import (
	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1alpha1"
	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1beta1"
	_ "sigs.k8s.io/controller-tools/cmd/controller-gen"
)
