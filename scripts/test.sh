#!/usr/bin/env bash
# The whole test suite in its own virtual environment, .venv-test, synced exactly to the lock
# (requirements/test.txt): what the machine happens to have installed never reaches the tests.
# Chromium (Debian's package) serves the tests that must see a page. Extra arguments go to pytest.
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

source scripts/_venv.sh
ready_uv
sync_venv "$TEST_VENV" requirements/test.txt
run_tests "$TEST_VENV" "$@"
