#!/usr/bin/env bash
# Builds the browser app in app/: the engine for wasm32-unknown-unknown (the release profile of
# Cargo.toml: opt-level "s", LTO), its JavaScript glue by wasm-bindgen into app/pkg/, and the
# bundled examples into app/examples/ (the small school and tiny.ctt from fixtures/, and the
# 80-class school written by `horarium generate school --classes 80 --seed 1`). Both folders are
# git-ignored. Prints the size of the .wasm, raw and gzipped.
#
# Needs the wasm32 target and wasm-bindgen-cli of the version in Cargo.lock on PATH:
# scripts/test-wasm.sh installs whichever is missing, then calls this.
#
# Usage: bindings/wasm/build.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

cargo build --lib --release --target wasm32-unknown-unknown --locked
wasm=target/wasm32-unknown-unknown/release/horarium_wasm.wasm
pkg=app/pkg
if [ ! -f "$pkg/horarium_wasm_bg.wasm" ] || [ "$wasm" -nt "$pkg/horarium_wasm_bg.wasm" ] || [ ! -f "$pkg/horarium_wasm.js" ]; then
    rm -rf "$pkg"
    wasm-bindgen --target web --no-typescript --out-dir "$pkg" "$wasm"
fi

mkdir -p app/examples
cp "$root/fixtures/json/school-small.json" "$root/fixtures/ctt/tiny.ctt" app/examples/
# The CLI of the same engine; a no-op build when the release binary is up to date.
(cd "$root" && cargo run --quiet --release -p horarium --bin horarium -- \
    generate school --classes 80 --seed 1 -o "$here/app/examples/school-80.json")

raw=$(wc -c < "$pkg/horarium_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/horarium_wasm_bg.wasm" | wc -c)
echo "app/pkg/horarium_wasm_bg.wasm: $raw bytes, $gz bytes gzipped (gzip -9)"
if [ "$gz" -ge $((2 * 1024 * 1024)) ]; then
    echo "error: the gzipped .wasm is over 2 MB" >&2
    exit 1
fi
