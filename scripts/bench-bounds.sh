#!/usr/bin/env bash
# The lower bounds of BENCHMARKS.md: `horarium bound` on each ITC-2007 instance, one thread,
# next to the published lower bound and the best known value (best_known.csv).
#
# Usage: scripts/bench-bounds.sh [--time S] [--out FILE.csv] [INSTANCE...]
#   --time S   seconds per instance (default 600, the issue's figure)
#   --out F    the CSV to write (default benches/runs/bounds-<date>-<S>s.csv)
#   INSTANCE   names such as comp01 (default comp01 to comp21)
# Reads the instances from $HORARIUM_INSTANCES (default ../shared/instances beside this checkout).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
time=600
out=
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench-bounds: unknown option $1" >&2; exit 2 ;;
        *) names+=("$1"); shift ;;
    esac
done
[ "${#names[@]}" -gt 0 ] || mapfile -t names < <(seq -f 'comp%02g' 1 21)
instances=$(realpath -m "${HORARIUM_INSTANCES:-$root/../shared/instances}")/itc2007
[ -f "$instances/best_known.csv" ] || { echo "bench-bounds: no $instances/best_known.csv (set HORARIUM_INSTANCES)" >&2; exit 1; }
[ -n "$out" ] || out="benches/runs/bounds-$(date +%Y-%m-%d)-${time}s.csv"
mkdir -p "$(dirname "$out")"

"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
cargo build --release --quiet -p horarium --bin horarium

echo "instance,bound,exact,published_lower_bound,best_known,seconds,variables,rows,commit" > "$out"
commit=$(git rev-parse --short HEAD)
for name in "${names[@]}"; do
    json=$(target/release/horarium bound "$instances/$name.ctt" --time "$time" --json)
    read -r best lower < <(awk -F, -v n="$name" '$1 == n { print $2, $3 }' "$instances/best_known.csv")
    row=$(python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("{},{},{},{},{:.1f},{},{}".format(r["soft"], str(r["exact"]).lower(), sys.argv[2], sys.argv[3], r["seconds"], r["variables"], r["rows"]))' "$json" "$lower" "$best")
    echo "$name,$row,$commit" | tee -a "$out"
done
echo "bench-bounds: wrote $out"
