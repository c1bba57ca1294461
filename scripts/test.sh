#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, formatting, lints, every test, and a build of
# the benches. Every step runs even when an earlier one fails, so one run reports everything;
# the exit status is non-zero when any step failed.
#
# The tests read the shared benchmark instances from $HORARIUM_INSTANCES, by default
# ../shared/instances beside this checkout (see fixtures/src/lib.rs).
#
# Usage: ./scripts/test.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

failed=()
# Runs one step, "$@", under a header; records its name when it fails.
step() {
    printf '\n==> %s\n' "$*"
    local start=$SECONDS
    if "$@"; then
        printf '==> ok (%ss): %s\n' "$((SECONDS - start))" "$*"
    else
        printf '==> FAILED (%ss): %s\n' "$((SECONDS - start))" "$*"
        failed+=("$*")
    fi
}

./scripts/setup.sh
echo "benchmark instances: ${HORARIUM_INSTANCES:-$(cd "$root/.." && pwd)/shared/instances (default)}"

step cargo fmt --all -- --check
step cargo clippy --workspace --all-targets --keep-going -- -D warnings
# Release, because the solver's tests run real searches; every test binary runs even when one fails.
step cargo test --workspace --release --no-fail-fast
# The benches are not run here, only built, so that they always compile.
step cargo bench --no-run -p horarium-benches

echo
if [ "${#failed[@]}" -gt 0 ]; then
    printf 'FAILED steps (%d):\n' "${#failed[@]}"
    printf '  %s\n' "${failed[@]}"
    exit 1
fi
echo "all steps passed in ${SECONDS}s"
