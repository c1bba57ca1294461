#!/usr/bin/env bash
# Horarium alone on a list of FET's example schools, several seeds each: how many reach zero hard
# violations, how many are left, and when the first timetable without any was found. The quick
# measure for a change to the search's feasibility phase (scripts/race-fet.sh also runs FET and
# takes one run per file).
#
# Usage: scripts/survey-fet.sh [--time S] [--seeds "1 2"] [--bin PATH] --out FILE.tsv LIST
#   LIST          a file of example paths relative to Debian's fet-data examples folder, one per
#                 line (benches/fet-lists/ holds the lists BENCHMARKS.md quotes)
#   --time S      time limit per run, seconds (default 10)
#   --seeds "..." the seeds, each a run of every file (default "1 2")
#   --bin PATH    the horarium binary (default target/release/horarium, built when missing)
#
# Two runs at a time, one thread each. Writes FILE.tsv (file, seed, hard violations left, seconds
# to the first timetable without any or "never") and prints the totals.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
time_limit=10
seeds="1 2"
bin=""
out=""
list=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_limit=$2; shift 2 ;;
        --seeds) seeds=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "survey-fet: unknown option $1" >&2; exit 2 ;;
        *) list=$1; shift ;;
    esac
done
[ -n "$list" ] && [ -n "$out" ] || { echo "usage: scripts/survey-fet.sh [--time S] [--seeds \"1 2\"] [--bin PATH] --out FILE.tsv LIST" >&2; exit 2; }
[ -r "$list" ] || { echo "survey-fet: no list $list" >&2; exit 2; }

"$root/scripts/setup.sh" fet
if [ -z "$bin" ]; then
    "$root/scripts/setup.sh" build
    # shellcheck source=lib/highs.sh
    source "$root/scripts/lib/highs.sh"
    (cd "$root" && cargo build --release --quiet -p horarium)
    bin=$root/target/release/horarium
fi
examples=/usr/share/doc/fet-data/examples
export bin time_limit examples

for seed in $seeds; do
    while IFS= read -r f; do
        [ -n "$f" ] && printf '%s\t%s\n' "$f" "$seed"
    done < "$list"
done | xargs -P 2 -d '\n' -n 1 bash -c '
    IFS=$'"'"'\t'"'"' read -r f seed <<<"$0"
    log=$("$bin" solve "$examples/$f" --time "$time_limit" --seed "$seed" --threads 1 -q --skip-unsupported -o /dev/null 2>&1) || true
    hard=$(sed -n "s/^cost: hard \([0-9]*\).*/\1/p" <<<"$log")
    first=$(sed -n "s/.*first feasible at \([0-9.]*\) s.*/\1/p" <<<"$log")
    printf "%s\t%s\t%s\t%s\n" "$f" "$seed" "${hard:-error}" "${first:-never}"
' > "$out.tmp"
sort "$out.tmp" > "$out"
rm -f "$out.tmp"
# A run whose file could not be read or solved has "error" in place of its count.
awk -F'\t' '$3 == "error" { e++; next } { n++; if ($3 == 0) z++; h += $3 }
    END { printf "%d of %d runs without hard violations; %d hard violations left in all\n", z, n, h
          if (e) printf "%d runs failed (\"error\" in %s)\n", e, FILENAME }' "$out"
