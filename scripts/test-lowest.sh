#!/usr/bin/env bash
# The suite against the lower bounds of pyproject.toml's ranges: every direct dependency at the
# lowest version its range admits (uv's --resolution lowest-direct; what they need in turn at
# its newest), in .venv-lowest, on this machine's Python (the lowest supported is 3.11). A test
# that passes on the lock and fails here means a lower bound is dishonest: raise it.
# Extra arguments go to pytest, e.g. a subset of the test files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ready_uv

venv=.venv-lowest
[ -x "$venv/bin/python" ] || "$UV" venv --quiet --python "$PYTHON" "$venv"
"$UV" pip compile pyproject.toml --extra test --quiet --resolution lowest-direct --no-header \
  --annotation-style line --python "$venv/bin/python" -o "$venv/lowest.txt"
echo "direct dependencies at their lower bounds ($venv/lowest.txt):" >&2
grep "jazari-planner (pyproject.toml)" "$venv/lowest.txt" | cut -d' ' -f1 | tr '\n' ' ' \
  | fold -s -w 96 | sed 's/^/  /' >&2
echo >&2
sync_venv "$venv" "$venv/lowest.txt"
run_tests "$venv" "$@"
