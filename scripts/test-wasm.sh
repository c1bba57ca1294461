#!/usr/bin/env bash
# The WebAssembly binding and its browser app (bindings/wasm): installs what is missing, builds
# the engine for the browser and the bundled examples, runs the binding's own Rust checks and unit
# tests natively, and the end-to-end test in headless Chromium.
#
# What it installs, each only when missing: through scripts/setup.sh, Debian's chromium
# (/usr/bin/chromium), the Rust target wasm32-unknown-unknown and wasm-bindgen-cli of exactly the
# wasm-bindgen version in bindings/wasm/Cargo.lock (the compile takes minutes once); then the npm
# packages of bindings/wasm (npm ci, from its package-lock.json). A second run installs nothing and
# rebuilds only what changed.
#
# Every step runs even when an earlier one fails (the end-to-end test needs the build, though);
# the exit status is non-zero when any step failed.
#
# Usage: ./scripts/test-wasm.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
wasm="$root/bindings/wasm"
cd "$root"

# shellcheck source=lib/steps.sh
source "$root/scripts/lib/steps.sh"

# --- set-up: only what is missing -------------------------------------------------------------
# Chromium, the wasm32 target and wasm-bindgen-cli of the crate's version (scripts/setup.sh).
"$root/scripts/setup.sh"
# build.sh runs the native CLI too, which links HiGHS.
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
# Where setup.sh had cargo install wasm-bindgen-cli (cargo install's own rule), ahead of older copies.
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$PATH"
if [ ! -f "$wasm/node_modules/.package-lock.json" ] || [ "$wasm/package-lock.json" -nt "$wasm/node_modules/.package-lock.json" ]; then
    (cd "$wasm" && npm ci --no-audit --no-fund)
fi

# --- build and test ---------------------------------------------------------------------------
built=yes
step "$wasm/build.sh" || built=no
# The binding's own Rust: formatting, lints natively and for wasm32, and unit tests (natively).
step cargo fmt --manifest-path "$wasm/Cargo.toml" -- --check || true
step cargo clippy --manifest-path "$wasm/Cargo.toml" --all-targets --locked -- -D warnings || true
step cargo clippy --manifest-path "$wasm/Cargo.toml" --lib --target wasm32-unknown-unknown --locked -- -D warnings || true
step cargo test --manifest-path "$wasm/Cargo.toml" --locked || true
if [ "$built" = yes ]; then
    step bash -c "cd '$wasm' && node --test --test-reporter=spec test/e2e.mjs" || true
else
    failed+=("end-to-end test (not run: the build failed)")
fi

report_steps "all wasm steps"
