#!/usr/bin/env bash
# The school benchmarks of BENCHMARKS.md (issue 4): generated schools solved on 2 threads, peak
# memory of the 1000-class solve, and the re-solve after a teacher falls ill.
# Usage: scripts/bench-schools.sh [OUT_DIR]   (default: a temporary folder; run on an idle machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
out="${1:-$(mktemp -d)}"
mkdir -p "$out/80" "$out/1000"
cargo build --release -p horarium --quiet
h=target/release/horarium

$h generate school --classes 80 --seed 1 -o "$out/80/school-80.json"
$h generate school --classes 1000 --seed 1 -o "$out/1000/school-1000.json"

echo "== 80 classes, 10 s, 2 threads, seeds 1-3"
$h bench --instances "$out/80" --time 10 --seeds 3 --threads 2 --jobs 1 --out "$out/school-80-10s-2threads"

echo "== 1000 classes, 120 s, 2 threads, seed 1, with peak memory"
/usr/bin/time -f "peak memory %M KB, %e s wall" \
  $h solve "$out/1000/school-1000.json" --time 120 --threads 2 -q -o "$out/school-1000.timetable.json"

echo "== re-solve of the 80-class school after its busiest Monday teacher falls ill, 2 s, 2 threads"
$h solve "$out/80/school-80.json" --time 10 --threads 2 -q -o "$out/school-80.timetable.json"
python3 - "$out" <<'PY'
import collections, json, sys
out = sys.argv[1]
problem = json.load(open(f"{out}/80/school-80.json"))
timetable = json.load(open(f"{out}/school-80.timetable.json"))
teachers = {c["name"]: c["teachers"] for c in problem["courses"]}
monday = collections.Counter(t for a in timetable["assignments"] if a["day"] == 0 for t in teachers[a["course"]])
ill, lessons = monday.most_common(1)[0]
print(f"teacher {ill} falls ill on Monday, where they had {lessons} lessons")
slots = [{"day": 0, "period": p} for p in range(problem["calendar"]["periods_per_day"])]
problem["constraints"].append({"kind": "unavailable", "level": "hard", "resource": {"teacher": ill}, "slots": slots})
json.dump(problem, open(f"{out}/school-80-ill.json", "w"))
PY
for seed in 1 2 3; do
  $h resolve "$out/school-80-ill.json" --from "$out/school-80.timetable.json" --time 2 --threads 2 --seed "$seed" -q \
    -o "$out/school-80-ill.timetable.json"
done
echo "results in $out"
