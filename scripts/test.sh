#!/usr/bin/env bash
# Installs what the whole test suite needs on a bare machine, then runs it.
# Chromium (Debian's package) serves the tests that must see a page; everything else is pip.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Chromium for the browser tests…" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: no chromium and no root apt-get: browser tests will be skipped" >&2
  fi
fi

python -m pip install --quiet --disable-pip-version-check -e ".[test]"
python -m pytest -n 2 "$@"
