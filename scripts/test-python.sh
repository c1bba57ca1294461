#!/usr/bin/env bash
# The Python binding's tests: builds and installs bindings/python into a virtual environment,
# then runs its pytest suite, which compares the binding with the command-line tool.
#
# - The virtual environment is target/python-venv (git-ignored), created only when missing,
#   from $PYTHON (default python3, 3.9 or later).
# - The package is installed with `pip install ./bindings/python`, which fetches maturin from PyPI
#   as the build backend and builds the extension with cargo in bindings/python/target; that
#   folder stays, so a rebuild is incremental. The install is skipped when nothing it is built
#   from (the engine's crates, the binding, the lock files) changed since the last one.
# - The binding's Rust code is checked with rustfmt and clippy (warnings are errors), as the
#   root workspace's code is by scripts/test.sh.
# - The command-line tool is built first (cargo build --release -p horarium): the tests compare
#   messages, scores and timetables with it, and fail rather than skip when it is missing.
# - The tests read the shared benchmark instances from $HORARIUM_INSTANCES, by default
#   ../shared/instances beside this checkout.
#
# Usage: ./scripts/test-python.sh [pytest arguments...]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"

venv="$root/target/python-venv"
python="$venv/bin/python"
stamp="$venv/.horarium-installed"

if [ ! -x "$python" ]; then
    echo "==> creating $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi

echo "==> cargo build --release -p horarium (the CLI the tests compare with)"
cargo build --release -p horarium --bin horarium

# The binding's crate is outside the root workspace, so the root's fmt and clippy do not see it.
echo "==> cargo fmt and cargo clippy on bindings/python"
cargo fmt --manifest-path bindings/python/Cargo.toml -- --check
PYO3_PYTHON="$python" cargo clippy --manifest-path bindings/python/Cargo.toml --all-targets --locked -- -D warnings

sources=(core/src core/Cargo.toml solver/src solver/Cargo.toml Cargo.toml Cargo.lock
    bindings/python/src bindings/python/python bindings/python/Cargo.toml bindings/python/Cargo.lock
    bindings/python/pyproject.toml bindings/python/README.md)
if [ -f "$stamp" ] && [ -z "$(find "${sources[@]}" -newer "$stamp" -print -quit)" ] && "$python" -c "import horarium" 2>/dev/null; then
    echo "==> horarium is installed and up to date in $venv"
else
    echo "==> pip install ./bindings/python"
    start=$SECONDS
    rm -f "$stamp"
    touch "$stamp.new"
    "$python" -m pip install --disable-pip-version-check ./bindings/python
    # The stamp takes the time the build started, so that an edit made during it counts as a change.
    mv "$stamp.new" "$stamp"
    echo "==> installed in $((SECONDS - start))s"
fi

# pandas: the tests check that Solution.assignments loads into a DataFrame as documented.
if ! "$python" -c "import pytest, pandas" 2>/dev/null; then
    echo "==> pip install pytest pandas"
    "$python" -m pip install --disable-pip-version-check pytest pandas
fi

echo "==> pytest bindings/python/tests"
cd "$root/bindings/python"
HORARIUM_REQUIRE_CLI=1 HORARIUM_CLI="$root/target/release/horarium" exec "$python" -m pytest "$@"
