# Sourced by test.sh, lock.sh, test-newest.sh and test-lowest.sh (run from the repository's root).
# uv does every install from the lock; it comes itself from the lock, into .venv-test, through the
# only installer a bare Python has (python -m venv's pip).

PYTHON=${PYTHON:-python3}
TEST_VENV=.venv-test
UV="$TEST_VENV/bin/uv"

# The lock's pin of a package, e.g. "uv==0.13.9" (nothing before the first lock).
pin_of() { { grep -s -m1 -i "^$1==" requirements/test.txt || true; } | cut -d' ' -f1; }

# The lock's entry of a package: its pin and the hashes of its files (the lines it continues).
pinned_block() { awk -v pin="^$1==" 'tolower($0) ~ pin {on = 1} on {print} on && !/\\$/ {exit}' \
  requirements/test.txt; }

# .venv-test holds this machine's Python and the lock's uv (made again when either changed).
ready_uv() {
  local want
  want=$(pin_of uv)
  want=${want:-uv}  # no lock yet: the newest uv makes the first one
  if [ -x "$UV" ] && "$TEST_VENV/bin/python" -c '' 2>/dev/null \
      && { [ "$want" = uv ] || [ "uv==$("$UV" --version | cut -d' ' -f2)" = "$want" ]; }; then
    return
  fi
  echo "making $TEST_VENV with $want…" >&2
  "$PYTHON" -m venv --clear "$TEST_VENV"
  if [ "$want" = uv ]; then
    "$TEST_VENV/bin/python" -m pip install -qq --disable-pip-version-check uv
  else  # the lock's uv, checked against the lock's hashes like every other package
    pinned_block uv > "$TEST_VENV/uv.txt"
    "$TEST_VENV/bin/python" -m pip install -qq --disable-pip-version-check --require-hashes \
      -r "$TEST_VENV/uv.txt"
  fi
}

# sync_venv DIR LOCK: DIR holds exactly LOCK's packages and this clone, editable.
sync_venv() {
  [ -x "$1/bin/python" ] || "$UV" venv --quiet --python "$PYTHON" "$1"
  echo "-e $PWD" > "$1/this-clone.txt"  # one exact sync: rebuilt only when pyproject.toml changed
  "$UV" pip sync --quiet --python "$1/bin/python" "$2" "$1/this-clone.txt"
}

# run_tests DIR ARGS…: pytest in DIR, its bin/ first on PATH as an activated environment's
# (the tests run console scripts such as lint-imports and jazari-planner).
run_tests() {
  local venv=$1
  shift
  export VIRTUAL_ENV="$PWD/$venv" PATH="$PWD/$venv/bin:$PATH"
  exec "$venv/bin/python" -m pytest -n 2 "$@"
}

# Nothing from the caller's environment reaches the tests' interpreter.
unset PYTHONPATH PYTHONHOME
export PYTHONNOUSERSITE=1
