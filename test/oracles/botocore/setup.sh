#!/usr/bin/env bash
# Makes a venv with botocore (pinned: the version schemas/ecs/generate.mjs reads the model from) from PyPI
# and prints its python. Reused when it already holds that version; built from nothing on a fresh machine.
# SHIPSHAPE_BOTOCORE_VENV chooses where (default: a folder under the user's cache).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=$(sed -n "s/^const BOTOCORE = '\(.*\)';$/\1/p" "$here/../../../schemas/ecs/generate.mjs")
[ -n "$version" ] || { echo "[botocore] no BOTOCORE pin in schemas/ecs/generate.mjs" >&2; exit 1; }
venv=${SHIPSHAPE_BOTOCORE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/shipshape/botocore-$version}
python=$venv/bin/python
if [ -x "$python" ] && "$python" -c "import botocore, sys; sys.exit(botocore.__version__ != '$version')" 2>/dev/null; then
  echo "$python"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  # A bare Debian has python3 without venv/ensurepip.
  # shellcheck source=../../infra/apt.sh
  . "$here/../../infra/apt.sh"
  apt_ensure python3 python3-venv >&2
fi
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$python" -m pip install --disable-pip-version-check --no-input -q "botocore==$version" >&2
echo "[botocore] $("$python" -c 'import botocore; print(botocore.__version__)') in $venv" >&2
echo "$python"
