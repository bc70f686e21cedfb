#!/usr/bin/env bash
# The suite against the newest releases pyproject.toml's ranges admit today, not the lock's:
# run it before `bash scripts/lock.sh --upgrade`. It resolves afresh into .venv-newest, lists
# what is newer than the lock, then runs pytest there (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ready_uv

venv=.venv-newest
[ -x "$venv/bin/python" ] || "$UV" venv --quiet --python "$PYTHON" "$venv"
"$UV" pip compile pyproject.toml --extra test --quiet --refresh --no-header --no-annotate \
  --python "$venv/bin/python" -o "$venv/newest.txt"
echo "newest releases the lock (requirements/test.txt) does not pin:" >&2
grep -vixFf <(sed 's/ *;.*//' requirements/test.txt) "$venv/newest.txt" | sed 's/^/  /' >&2 \
  || echo "  none" >&2
sync_venv "$venv" "$venv/newest.txt"
run_tests "$venv" "$@"
