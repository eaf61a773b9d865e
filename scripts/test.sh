#!/usr/bin/env bash
# `npm test [all|unit|lint|lsp|live|e2e]`: builds, brings up what the suites need (dockerd, the Kubernetes
# control plane, code-server), runs the suites, and tears everything down even on failure.
# With CI=true a part that cannot start is a failure with its reason, never a skip.
set -uo pipefail
part=${1:-all}
cd "$(dirname "$0")/.."
ROOT=$PWD

# A run dir made here is removed after a green run; a red run keeps it for its logs.
[ -z "${SHIPSHAPE_RUN_DIR:-}" ] && OWN_RUN_DIR=1
export SHIPSHAPE_RUN_DIR=${SHIPSHAPE_RUN_DIR:-$(mktemp -d /tmp/shipshape-run.XXXXXX)}
mkdir -p "$SHIPSHAPE_RUN_DIR/env" "$SHIPSHAPE_RUN_DIR/results" "$SHIPSHAPE_RUN_DIR/logs"
STARTED=()
FAILED=()
PASSED=()

say() { printf '\n==> %s\n' "$*"; }

# The scripts of a part: test/infra/<name>/{up,down}.sh, except kube-<minor> (an extra kube-apiserver of
# an older version, for the per-version agreement test): test/infra/kube/{up,down}-agreement.sh <minor>.
infra_script() { # name up|down -> sets SCRIPT (array: file, args)
  case $1 in
    kube-[0-9]*) SCRIPT=("$ROOT/test/infra/kube/$2-agreement.sh" "${1#kube-}") ;;
    *) SCRIPT=("$ROOT/test/infra/$1/$2.sh") ;;
  esac
}

teardown() {
  local code=$? keep=
  for (( i=${#STARTED[@]}-1; i>=0; i-- )); do
    infra_script "${STARTED[$i]}" down
    bash "${SCRIPT[@]}" >>"$SHIPSHAPE_RUN_DIR/logs/teardown.log" 2>&1 || { echo "teardown of ${STARTED[$i]} reported an error (see $SHIPSHAPE_RUN_DIR/logs/teardown.log)"; keep=1; }
  done
  if [ "$code" = 0 ] && [ -z "${keep:-}" ] && [ -n "${OWN_RUN_DIR:-}" ]; then rm -rf "$SHIPSHAPE_RUN_DIR"; else echo "logs: $SHIPSHAPE_RUN_DIR/logs"; fi
  exit $code
}
trap teardown EXIT
trap 'exit 130' INT TERM

# Runs one suite under a time limit (a hung test file must fail the run, not stall CI); its failure is
# recorded and the next suite still runs.
suite() {
  local name=$1 limit=$2; shift 2
  say "$name"
  local started=$SECONDS code=0
  SHIPSHAPE_RESULTS_FILE="$SHIPSHAPE_RUN_DIR/results/$name.json" timeout -k 20 "$limit" "$@" || code=$?
  if [ $code -eq 0 ]; then
    PASSED+=("$name")
  else
    [ $code -eq 124 ] && echo "$name: still running after $limit s, stopped"
    FAILED+=("$name")
  fi
  echo "($name took $((SECONDS - started)) s)"
}

# Starts test/infra/<part>; in CI a part that cannot start fails the run, elsewhere its live tests skip.
infra_up() {
  local name=$1 SCRIPT up down
  infra_script "$name" up; up=("${SCRIPT[@]}")
  infra_script "$name" down; down=("${SCRIPT[@]}")
  [ -f "${up[0]}" ] || { FAILED+=("infra:$name (${up[0]#"$ROOT/"} missing)"); return 1; }
  say "starting $name"
  local started=$SECONDS
  STARTED+=("$name")
  # One retry after a clean stop: a component that dies while starting on a loaded machine should not
  # fail the whole run (the first attempt's log is kept).
  if bash "${up[@]}" >"$SHIPSHAPE_RUN_DIR/logs/$name-up.log" 2>&1 || {
    echo "$name: first start failed ($(tail -n 3 "$SHIPSHAPE_RUN_DIR/logs/$name-up.log" | tr '\n' ' ')); retrying once"
    mv "$SHIPSHAPE_RUN_DIR/logs/$name-up.log" "$SHIPSHAPE_RUN_DIR/logs/$name-up.first.log"
    bash "${down[@]}" >/dev/null 2>&1
    bash "${up[@]}" >"$SHIPSHAPE_RUN_DIR/logs/$name-up.log" 2>&1
  }; then
    # shellcheck disable=SC1090
    source "$SHIPSHAPE_RUN_DIR/env/$name.env"
    echo "$name up in $((SECONDS - started)) s"
  else
    echo "$name failed to start after $((SECONDS - started)) s; last lines of its log:"
    tail -n 30 "$SHIPSHAPE_RUN_DIR/logs/$name-up.log"
    if [ "${CI:-}" = true ]; then FAILED+=("infra:$name"); else echo "(not CI: live tests needing $name will skip)"; fi
    return 1
  fi
}

summary() {
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    let p = 0, f = 0, s = 0;
    for (const name of fs.readdirSync(dir)) {
      const r = JSON.parse(fs.readFileSync(dir + "/" + name, "utf8"));
      p += r.passed; f += r.failed; s += r.skipped;
    }
    console.log(`\ntests: ${p} passed, ${f} failed, ${s} skipped`);
  ' "$SHIPSHAPE_RUN_DIR/results"
  [ ${#PASSED[@]} -gt 0 ] && echo "suites passed: ${PASSED[*]}"
  if [ ${#FAILED[@]} -gt 0 ]; then echo "FAILED: ${FAILED[*]}"; return 1; fi
}

say "build"
npm run --silent build || { echo "build failed"; exit 1; }
# The Go engine (Helm rendering) into dist/engines/, and the real helm it is checked against; both
# cached by source hash, so only the first run (or a change to engines/) compiles.
say "engine"
node scripts/engine.mjs --dist --helm || { echo "engine build failed"; exit 1; }

# The control plane's cold build takes minutes: start it now, behind the fast suites. The live suite
# also needs kube-apiserver 1.33 (the oldest version Shipshape targets) for the per-version agreement test.
AGREEMENT_KUBE=1.33
if [ "$part" = all ] || [ "$part" = live ]; then
  { if [ "$part" = all ]; then bash test/infra/kube/build.sh; fi
    bash test/infra/kube/build-agreement.sh "$AGREEMENT_KUBE"; } >"$SHIPSHAPE_RUN_DIR/logs/kube-build.log" 2>&1 &
  kube_build_pid=$!
fi

# Optional programs Shipshape drives (ShellCheck): installed so their integrations are tested for real.
case $part in
  all|unit|lsp) infra_up tools ;;
esac
case $part in
  all|unit) suite typecheck 600 npm run --silent typecheck; suite unit 1200 node scripts/run-tests.mjs test/unit ;;
esac
case $part in
  # Biome (biome.jsonc): a lint finding (warnings included), or a file not as its formatter writes it (`npm run format`), fails the run.
  all|unit|lint) suite lint 300 npm run --silent lint ;;
esac
case $part in
  all|lsp) suite lsp 900 node scripts/run-tests.mjs test/lsp ;;
esac
case $part in
  # Hostile inputs and seeded corpus mutations over LSP (SHIPSHAPE_FUZZ_SECONDS=600 for a long run by hand).
  all|lsp|fuzz) suite fuzz 900 node scripts/run-tests.mjs test/fuzz ;;
esac
case $part in
  # Agreement with the real tools' own Go code (BuildKit, compose-go, helm), built through the Go module proxy.
  all|oracles) [ -d test/oracles ] && suite oracles 2400 node scripts/run-tests.mjs test/oracles ;;
esac
case $part in
  all|live)
    infra_up docker
    [ -n "${kube_build_pid:-}" ] && wait "$kube_build_pid"
    infra_up kube
    infra_up "kube-$AGREEMENT_KUBE"
    # One file at a time: some live tests restart the API server or stop the engine under the others.
    TEST_CONCURRENCY=1 suite live 2400 node scripts/run-tests.mjs test/live
    ;;
esac
case $part in
  all|e2e)
    # The e2e suite drives the Docker and Kubernetes explorers too: `npm run test:e2e` alone starts them.
    if [ "$part" = e2e ]; then infra_up docker; infra_up kube; fi
    say "package"
    npm run --silent package >"$SHIPSHAPE_RUN_DIR/logs/package.log" 2>&1 || { tail -20 "$SHIPSHAPE_RUN_DIR/logs/package.log"; FAILED+=("package"); }
    if infra_up vscode; then
      suite e2e 1200 node test/infra/vscode/run-extension-tests.mjs
      # A multi-root workspace whose folders set different resource-scoped settings (?workspace=).
      suite e2e-multi-root 600 node test/infra/vscode/run-extension-tests.mjs --workspace test/e2e/multi-root/workspace/multi-root.code-workspace \
        --tests dist/test/e2e/multi-root/index.js --screenshots test-results/screenshots-multi-root --logs test-results/vscode-logs-multi-root
      # A fresh window whose only file is a Dockerfile no workspaceContains matches: opening it is what activates Shipshape.
      suite e2e-cold-open 300 node test/infra/vscode/run-extension-tests.mjs --folder test/e2e/cold-open/workspace \
        --tests dist/test/e2e/cold-open/index.js --screenshots test-results/screenshots-cold-open --logs test-results/vscode-logs-cold-open
      # README line 1 as a user runs it (code-server is installed by now).
      suite npm-start 900 node scripts/run-tests.mjs test/e2e/start.test.ts
    fi
    # The hostile repository in a second profile with workspace trust on: the folder stays untrusted.
    if infra_up vscode-untrusted; then
      hostile="$SHIPSHAPE_RUN_DIR/hostile"
      bash test/e2e/hostile/prepare.sh "$hostile"
      suite e2e-untrusted 600 node test/infra/vscode/run-extension-tests.mjs --folder test/e2e/hostile/workspace \
        --tests dist/test/e2e/hostile/index.js --env "KUBECONFIG=$hostile/kubeconfig" --env "SHIPSHAPE_E2E_HOSTILE_DIR=$hostile" \
        --screenshots test-results/screenshots-untrusted --logs test-results/vscode-logs-untrusted
    fi
    ;;
esac
summary
