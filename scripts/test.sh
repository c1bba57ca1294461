#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, formatting, lints, every test, a build of the
# benches, and the bindings' suites (Python with pytest, Node with node --test, the browser app
# with Playwright in Chromium). Every step runs even when an earlier one fails, so one run
# reports everything; the exit status is non-zero when any step failed.
#
# The tests read the shared benchmark instances from $HORARIUM_INSTANCES, by default
# ../shared/instances beside this checkout (see fixtures/src/lib.rs).
#
# Usage: ./scripts/test.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# shellcheck source=lib/steps.sh
source "$root/scripts/lib/steps.sh"

./scripts/setup.sh
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
echo "benchmark instances: ${HORARIUM_INSTANCES:-$(cd "$root/.." && pwd)/shared/instances (default)}"

step cargo fmt --all -- --check || true
step cargo clippy --workspace --all-targets --keep-going -- -D warnings || true
# Release, because the solver's tests run real searches; every test binary runs even when one fails.
step cargo test --workspace --release --no-fail-fast || true
# The benches are not run here, only built, so that they always compile.
step cargo bench --no-run -p horarium-benches || true
# The bindings, each built by its own tool and tested in its own language against the CLI.
step ./scripts/test-python.sh -q || true
step ./scripts/test-node.sh || true
step ./scripts/test-wasm.sh || true

report_steps "all steps"
