#!/usr/bin/env bash
# The main job on a bundled example: build the `horarium` CLI, solve an ITC-2007 instance,
# write the timetable in the competition format, then read that file back and score it from
# scratch with `horarium validate`, which prints the competition's breakdown.
#
# Usage: ./scripts/run-example.sh [INSTANCE] [SECONDS]
#   INSTANCE  a .ctt or .json problem (default: the bundled fixtures/ctt/tiny.ctt)
#   SECONDS   search time (default: 2)
# Needs cargo; installs what building the engine needs when it is missing (scripts/setup.sh
# build: cmake, a C++ compiler and HiGHS, once). No shared data.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
instance=$(realpath "${1:-$root/fixtures/ctt/tiny.ctt}")
seconds=${2:-2}
name=$(basename "$instance")
case "$instance" in
    *.json) out="$root/target/example/${name%.*}.timetable.json" ;;
    *) out="$root/target/example/${name%.*}.sol" ;;
esac

cd "$root"
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
mkdir -p target/example
cargo build --release --quiet -p horarium --bin horarium
horarium=target/release/horarium

echo "== horarium solve $name --time $seconds -o ${out#"$root"/}"
"$horarium" solve "$instance" --time "$seconds" -o "$out"
echo
echo "== horarium validate $name ${out#"$root"/}"
"$horarium" validate "$instance" "$out"
