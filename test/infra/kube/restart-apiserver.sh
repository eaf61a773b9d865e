#!/usr/bin/env bash
# Stops kube-apiserver and starts it again with exactly the same flags (args/kube-apiserver.args),
# then waits for /readyz. Used by tests proving that watches survive an API-server restart.
# The run dir comes from $SHIPSHAPE_RUN_DIR, or else from $KUBECONFIG (<run dir>/kube/kubeconfig).
#
# --settle: also wait until kube-controller-manager works again (a new namespace gets its default
# ServiceAccount). Controllers' watches reconnect with client-go's backoff, which can leave them
# stale for up to ~30s after the apiserver is back; without --settle, tests racing that window may
# see e.g. no ServiceAccount/ReplicaSet activity yet.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${SHIPSHAPE_RUN_DIR:-}" && -n "${KUBECONFIG:-}" ]]; then
  SHIPSHAPE_RUN_DIR="$(dirname "$(dirname "$KUBECONFIG")")"
fi
source "$HERE/lib.sh"
source "$KUBE_DIR/ports.env"
settle=0
[[ "${1:-}" == --settle ]] && settle=1

start=$SECONDS
kube_pid kube-apiserver >/dev/null || kube_log "kube-apiserver was not running; starting it"
# A TERMed apiserver stops listening at once but then waits up to a minute for open watches to
# drain; the downtime (grace + ~6s startup) also drives the clients' reconnect backoff, so keep the
# grace short.
kube_stop kube-apiserver 1
kube_start kube-apiserver
kube_wait_apiserver 120
kube_log "kube-apiserver restarted (pid $(kube_pid kube-apiserver)) in $((SECONDS - start))s"

if ((settle)); then
  # kube-controller-manager's informers can stay behind the restarted apiserver for minutes: seen 1 run in
  # 7, its pod informer's last synced resourceVersion stuck at the restart's, and 1.36's ReplicaSet
  # controller then refuses to act on its ReplicaSets (StaleControllerConsistencyReplicaSet, on by
  # default: "read version: 682 is not as new as written version: 759 for group resource pods"), so a
  # deleted pod was never replaced and the next test timed out. The restart tests exercise Shipshape's
  # streams, not the control plane's own recovery: the controller manager starts again with fresh
  # informers (same argv), and the probe below checks the replace path the tests rely on.
  kube_stop kube-controller-manager 5
  kube_start kube-controller-manager
  kube_wait_http kube-controller-manager 60 "https://127.0.0.1:$KUBE_PORT_KCM/healthz" -k
  # A probe Deployment exercises what tests rely on: the ServiceAccount, Deployment and ReplicaSet
  # controllers, the scheduler and kwok must all have re-established their watches.
  ns="shipshape-settle-$(openssl rand -hex 4)"
  post() { # path json
    local code
    code="$(kube_api -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$2" "$1")"
    [[ "$code" == 201 ]] || kube_fail kube-apiserver "POST $1 answered $code"
  }
  post /api/v1/namespaces "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"$ns\"}}"
  deadline=$((SECONDS + 120))
  wait_until() { # component what command...
    local comp="$1" what="$2"; shift 2
    until "$@"; do
      ((SECONDS < deadline)) || kube_fail "$comp" "$what not done 120s after the apiserver restart"
      sleep 0.5
    done
  }
  sa_ready() { [[ "$(kube_api -o /dev/null -w '%{http_code}' "/api/v1/namespaces/$ns/serviceaccounts/default")" == 200 ]]; }
  pod_running() { [[ "$(kube_api "/api/v1/namespaces/$ns/pods?labelSelector=app%3Dsettle")" == *'"phase":"Running"'* ]]; }
  wait_until kube-controller-manager "ServiceAccount $ns/default" sa_ready
  post "/apis/apps/v1/namespaces/$ns/deployments" '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"settle"},
    "spec":{"replicas":1,"selector":{"matchLabels":{"app":"settle"}},
    "template":{"metadata":{"labels":{"app":"settle"}},"spec":{"containers":[{"name":"app","image":"registry.invalid/settle:1"}]}}}}'
  wait_until kube-scheduler "a Running pod of Deployment $ns/settle" pod_running
  # ... and a deleted pod is replaced (the ReplicaSet controller acts on what its pod informer sees).
  list="$(kube_api "/api/v1/namespaces/$ns/pods?labelSelector=app%3Dsettle")"
  # A pod's name has two dashes after "settle" (its ReplicaSet's, in ownerReferences, has one).
  [[ "$list" =~ \"name\":\"(settle-[a-z0-9]+-[a-z0-9]+)\" ]] || kube_fail kube-apiserver "no settle pod listed in $ns"
  first="${BASH_REMATCH[1]}"
  kube_api -o /dev/null -X DELETE -H 'Content-Type: application/json' --data '{"gracePeriodSeconds":0}' "/api/v1/namespaces/$ns/pods/$first"
  replaced() { local list; list="$(kube_api "/api/v1/namespaces/$ns/pods?labelSelector=app%3Dsettle")"; [[ "$list" == *'"phase":"Running"'* && "$list" != *"\"$first\""* ]]; }
  wait_until kube-controller-manager "a Running replacement of pod $ns/$first" replaced
  kube_api -o /dev/null -X DELETE "/api/v1/namespaces/$ns"
  kube_log "controllers, scheduler and kwok settled $((SECONDS - start))s after the restart began"
fi
