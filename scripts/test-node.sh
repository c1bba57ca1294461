#!/usr/bin/env bash
# Builds and tests the Node binding (bindings/node) with Node's test runner.
#
# Installs the npm packages (`npm ci` from package-lock.json, which also builds the native
# module through the `prepare` script) only when node_modules is missing or older than the lock
# file; otherwise rebuilds the native module only when a Rust source, manifest or lock file it
# depends on is newer than it (cargo is incremental either way, and keeps bindings/node/target).
# Then runs `npm test`. Needs Node 20 or later with npm, cargo, and the npm registry.
#
# The tests read the shared benchmark instances from $HORARIUM_INSTANCES, by default
# ../shared/instances beside this checkout, and compare with target/release/horarium, which
# they build with cargo when it is missing or stale.
#
# Usage: ./scripts/test-node.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
cd "$root/bindings/node"

for cmd in node npm cargo; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "test-node: '$cmd' is not installed; it is needed to build and test bindings/node" >&2; exit 1; }
done

# The newest of the files the native module is built from is newer than the module.
build_is_stale() {
    local module
    module=$(ls -t horarium.*.node 2>/dev/null | head -n 1)
    [ -n "$module" ] || return 0
    [ -n "$(find src build.rs Cargo.toml Cargo.lock package.json \
        "$root/Cargo.toml" "$root/core/Cargo.toml" "$root/core/src" "$root/solver/Cargo.toml" "$root/solver/src" \
        -newer "$module" -type f -print -quit)" ]
}

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "test-node: npm ci (installs the packages and builds the native module)"
    npm ci --no-audit --no-fund
elif build_is_stale; then
    echo "test-node: npm run build (a Rust source changed)"
    npm run build
else
    echo "test-node: the native module is up to date"
fi

npm test
