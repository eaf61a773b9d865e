# Debian packages the test infrastructure and `npm start` install, in one place (sourced by the up/install
# scripts; scripts/cold-path.sh purges those apt_ensure installed, to start from a bare machine).
SHIPSHAPE_APT_DOCKER=(docker.io containerd busybox-static docker-registry docker-compose apache2-utils openssh-server)
SHIPSHAPE_APT_VSCODE=(chromium libkrb5-dev pkg-config)
SHIPSHAPE_APT_TOOLS=(shellcheck)
# Base tools the scripts drive; a bare Debian image may lack them (never purged: the machine's own).
SHIPSHAPE_APT_BASE=(curl iproute2 openssl)

# The packages apt_ensure installed on this machine, one per line.
SHIPSHAPE_APT_RECORD=/var/lib/shipshape/apt-installed.txt

apt_log() { printf '[apt] %s\n' "$*" >&2; }

# apt_ensure PKG...: installs those not installed yet, as root or through sudo, never starting services.
# Serialized across the infra scripts (they start in parallel); when the package lists are missing or
# stale (a security update replaced a candidate) it runs `apt-get update` once and retries.
# Output goes to $APT_LOG (default: stderr); a failure prints its last lines and returns 1.
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { apt_log "need root (or sudo) to apt-get install ${missing[*]}"; return 1; }
    sudo=(sudo)
  fi
  local log=${APT_LOG:-/dev/stderr}
  apt_log "apt-get install ${missing[*]}"
  (
    flock 8
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
    # Package scripts must not start system daemons (dockerd, containerd) on this machine.
    local rc_d=/usr/sbin/policy-rc.d ours=
    if [ ! -e "$rc_d" ]; then
      printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$rc_d" >/dev/null && "${sudo[@]}" chmod +x "$rc_d" && ours=1
    fi
    local code=0
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1 || {
      apt_log "apt-get install failed; running apt-get update once and retrying"
      "${apt[@]}" update >>"$log" 2>&1
      "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1
    } || code=$?
    [ -n "$ours" ] && "${sudo[@]}" rm -f "$rc_d"
    # Remembered, so that scripts/cold-path.sh purges what the project installed and nothing else.
    if [ $code = 0 ]; then
      "${sudo[@]}" mkdir -p "${SHIPSHAPE_APT_RECORD%/*}"
      printf '%s\n' "${missing[@]}" | "${sudo[@]}" tee -a "$SHIPSHAPE_APT_RECORD" >/dev/null
    fi
    if [ $code != 0 ]; then
      apt_log "could not install ${missing[*]} (apt-get exit $code)"
      [ "$log" != /dev/stderr ] && tail -n 30 "$log" >&2
    fi
    exit $code
  ) 8>/tmp/shipshape-apt.lock
}
