# Pinned versions of the test control plane (sourced by build.sh / up.sh).
# Kubernetes: newest patch of the newest minor that builds with Go 1.26 (go.mod says go 1.26.0).
# etcd: the version k8s.io/kubernetes v1.36.3 itself requires (see go/go.mod).
KUBE_VERSION=1.36.3
ETCD_VERSION=3.6.8
KWOK_VERSION=v0.8.0
