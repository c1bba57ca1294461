#!/usr/bin/env bash
# Races Horarium against FET's own generator on FET's example schools, side by side.
#
# For each example of Debian's fet-data (or the files given), `fet-cl` and
# `horarium solve` run at the same time with the same time limit, one core each (taskset), and
# both timetables are then scored by Horarium's scorer under the same constraints. Horarium's
# timetable is also written back as a locked .fet file and handed to `fet-cl`, which checks it
# against every constraint of the file (FET accepts a locked timetable only when it breaks no
# constraint at 100 %).
#
# Usage: scripts/race-fet.sh [--time S] [--out DIR] [--only REGEX] [FILE.fet...]
#   --time S      time limit per file and per solver, seconds (default 60)
#   --out DIR     where the runs go (default benches/runs/fet-<date>-<cores>core)
#   --only REGEX  only the example files whose path matches REGEX
#
# Writes DIR/race.tsv (one line per file) and DIR/summary.md (the table BENCHMARKS.md quotes);
# each file's logs and timetables are under DIR/files/. Installs fet and fet-data from Debian
# (through scripts/setup.sh fet) when missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
time_limit=60
out=""
only=""
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_limit=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "race-fet: unknown option $1" >&2; exit 2 ;;
        *) files+=("$1"); shift ;;
    esac
done

"$root/scripts/setup.sh" fet
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
examples=/usr/share/doc/fet-data/examples
if [ "${#files[@]}" -eq 0 ]; then
    while IFS= read -r -d '' f; do
        [[ -z "$only" || "$f" =~ $only ]] && files+=("$f")
    done < <(find "$examples" -name '*.fet' -print0 | sort -z)
fi
[ "${#files[@]}" -gt 0 ] || { echo "race-fet: no .fet file to race" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p horarium
cores=$(nproc)
[ -n "$out" ] || out="$root/benches/runs/fet-$(date +%Y-%m-%d)-${cores}core"
mkdir -p "$out/files"
# The race runs its own copy, so that a build during a long race changes nothing in it.
cp "$root/target/release/horarium" "$out/horarium"
horarium="$out/horarium"
# One core each when there are two; with one core they share it (and the summary says so).
fet_core=0
horarium_core=$((cores > 1 ? 1 : 0))

tsv="$out/race.tsv"
printf 'file\tread\tfet\tfet_seconds\tfet_hard\tfet_soft\thorarium_feasible_at\thorarium_hard\thorarium_soft\tfet_accepts_horarium\n' > "$tsv"
for f in "${files[@]}"; do
    rel=${f#"$examples"/}
    slug=$(printf '%s' "$rel" | tr -c 'A-Za-z0-9._-' '_')
    dir="$out/files/$slug"
    rm -rf "$dir"
    mkdir -p "$dir"
    name=$(basename "$f" .fet)
    # A file Horarium cannot read (another mode, virtual rooms) stays in the table, and FET races alone.
    if "$horarium" convert "$f" --to json --skip-unsupported -o "$dir/problem.json" 2> "$dir/read.log"; then
        skipped=$(grep -c 'left out' "$dir/read.log" || true)
        read_as=$([ "$skipped" -eq 0 ] && echo strict || echo "skipping $skipped types")
    else
        read_as="refused: $(grep -o 'mode is not supported\|is virtual\|given twice\|own ancestor\|[^:]*$' "$dir/read.log" | head -n 1)"
    fi
    (
        start=$EPOCHREALTIME
        status=0
        taskset -c "$fet_core" timeout $((time_limit + 60)) fet-cl --inputfile="$f" --outputdir="$dir/fet" \
            --timelimitseconds="$time_limit" > "$dir/fet.log" 2>&1 || status=$?
        echo "$status" > "$dir/fet.status"
        awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }' > "$dir/fet.seconds"
    ) &
    if [ "${read_as%%:*}" != refused ]; then
        taskset -c "$horarium_core" "$horarium" solve "$f" --skip-unsupported --time "$time_limit" --threads 1 \
            -o "$dir/horarium.json" > "$dir/horarium.log" 2>&1 || true
    fi
    wait
    # "hard<TAB>soft" of a timetable by Horarium's scorer, or "-<TAB>-".
    score() {
        if [ -f "$1" ] && "$horarium" validate "$f" "$1" --json --skip-unsupported > "$1.score.json" 2> "$1.score.log"; then
            python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["violations"], d["cost"], sep="\t")' "$1.score.json"
        else
            printf -- '-\t-\n'
        fi
    }
    # fet-cl writes a timetable it found under timetables/NAME, and the best partial one under
    # timetables/NAME-highest when time runs out.
    if grep -q 'Simulation successful' "$dir/fet.log"; then
        fet_status=solved
        fet_timetable="$dir/fet/timetables/$name/${name}_activities.xml"
    elif grep -q 'Time exceeded' "$dir/fet.log" || [ "$(cat "$dir/fet.status")" = 124 ]; then
        # Out of time, or stopped a minute after its limit (timeout's status 124) while it ran on.
        fet_status=unsolved
        fet_timetable="$dir/fet/timetables/$name-highest/${name}_activities.xml"
    else
        fet_status=refused
        fet_timetable=none
    fi
    fet_scores=$( [ "${read_as%%:*}" != refused ] && score "$fet_timetable" || printf -- '-\t-')
    horarium_scores=$( [ "${read_as%%:*}" != refused ] && score "$dir/horarium.json" || printf -- '-\t-')
    feasible_at=$(grep -o 'first feasible at [0-9.]* s' "$dir/horarium.log" 2>/dev/null | grep -o '[0-9.]*' || echo never)
    # FET accepts a locked timetable only when it breaks none of the file's constraints at 100 %.
    accepts=-
    if [ "${horarium_scores%%	*}" = 0 ]; then
        "$horarium" convert "$f" --skip-unsupported --to fet --timetable "$dir/horarium.json" -o "$dir/horarium-locked.fet" 2> "$dir/lock.log"
        if taskset -c "$fet_core" timeout 120 fet-cl --inputfile="$dir/horarium-locked.fet" --outputdir="$dir/fet-check" \
            --timelimitseconds=60 > "$dir/fet-check.log" 2>&1 && grep -q 'Simulation successful' "$dir/fet-check.log"; then
            accepts=yes
        else
            accepts=no
        fi
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rel" "$read_as" "$fet_status" "$(cat "$dir/fet.seconds")" "$fet_scores" \
        "$feasible_at" "$horarium_scores" "$accepts" >> "$tsv"
    printf '%s (%s): FET %s in %s s; Horarium feasible at %s s, FET accepts it: %s\n' "$rel" "$read_as" "$fet_status" \
        "$(cat "$dir/fet.seconds")" "$feasible_at" "$accepts" >&2
done

python3 "$root/scripts/lib/race_fet_summary.py" "$tsv" "$time_limit" "$cores" > "$out/summary.md"
cat "$out/summary.md"
