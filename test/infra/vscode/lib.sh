# Starting code-server, shared by up.sh (the e2e suite's VS Code) and scripts/start.sh (`npm start`).
# Source after install.sh has set SHIPSHAPE_CODE_SERVER.

# The options every code-server call of one profile takes, in the array VSCODE_PROFILE_ARGS.
vscode_profile_args() { # profile-dir
  VSCODE_PROFILE_ARGS=(--config /dev/null --user-data-dir "$1/user-data" --extensions-dir "$1/extensions")
}

# A free port: the first free of the given ones, else a free one in 17000-17999. Fails when none is.
vscode_free_port() { # [preferred ports...]
  local candidate
  for candidate in "$@" $(for _ in $(seq 50); do echo $((17000 + RANDOM % 1000)); done); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  echo "no free port in 17000-17999" >&2
  return 1
}

# Starts code-server in its own session and process group (it forks the extension host, pty host,
# watchers and the language server below it; stopping the group stops all of them) and waits until
# /healthz answers. Sets VSCODE_PID and VSCODE_PGID. Needs vscode_profile_args first.
vscode_start() { # log host port [extra code-server options...]
  local log="$1" host="$2" port="$3"
  shift 3
  # VSCODE_TRUST=1: workspace trust stays on (the hostile-workspace suite opens an untrusted folder).
  local trust_flag=(--disable-workspace-trust)
  [ "${VSCODE_TRUST:-}" = 1 ] && trust_flag=()
  setsid "$SHIPSHAPE_CODE_SERVER" "${VSCODE_PROFILE_ARGS[@]}" --auth none --bind-addr "$host:$port" \
    --disable-telemetry --disable-update-check "${trust_flag[@]}" "$@" \
    </dev/null >"$log" 2>&1 &
  VSCODE_PID=$!
  # setsid (not a group leader here, so it does not fork) makes code-server the leader of a new group;
  # wait for that, so a stop can never signal the caller's group.
  VSCODE_PGID=
  for _ in $(seq 500); do
    [ "$(ps -o pgid= -p "$VSCODE_PID" | tr -d ' ')" = "$VSCODE_PID" ] && { VSCODE_PGID=$VSCODE_PID; break; }
    sleep 0.01
  done
  [ -n "$VSCODE_PGID" ] || { echo "code-server did not get its own process group" >&2; kill "$VSCODE_PID" 2>/dev/null; return 1; }
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
    kill -0 "$VSCODE_PID" 2>/dev/null || { echo "code-server exited during startup; last lines of $log:" >&2; tail -n 40 "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "code-server did not answer /healthz in 60 s; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  return 1
}
