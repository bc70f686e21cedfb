#!/usr/bin/env bash
# Writes the locks in requirements/ from pyproject.toml's dependencies and extras:
#   dev.txt   everything (test + mypy, ruff, stubs): the resolution the other two follow
#   test.txt  what scripts/test.sh and CI install (extra "test")
#   run.txt   the library and the app alone
# One resolution for Python >= 3.11 on every platform (markers where versions differ).
#   bash scripts/lock.sh                     pins what pyproject.toml gained, keeps every other pin
#   bash scripts/lock.sh --upgrade           every package to its newest release within the ranges
#   bash scripts/lock.sh --upgrade-package pandas    one package (and what it needs)
# Before --upgrade, bash scripts/test-newest.sh runs the suite on the newest releases.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ready_uv

compile() {
  "$UV" pip compile pyproject.toml --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash scripts/lock.sh" "$@"
}
compile --extra dev -o requirements/dev.txt "$@"
for extra in test run; do  # the same versions as dev.txt: it constrains them
  compile $([ $extra = run ] || echo --extra $extra) -c requirements/dev.txt \
    -o requirements/$extra.txt
  sed -i '\|^    #   -c requirements/dev.txt$|d' requirements/$extra.txt
done
git diff --stat -- requirements/ 2>/dev/null || true
