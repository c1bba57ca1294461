#!/usr/bin/env bash
# Reads every example school of Debian's fet-data with the release build and counts the outcomes.
#
# Usage: scripts/read-fet-examples.sh [--out FILE.tsv]
#
# Each .fet file is read twice, `horarium convert FILE --to json` as is and with
# --skip-unsupported, each in a process of its own; FILE.tsv (default: a temporary file) gets one
# line per file: path, FET mode, read as is (ok / the reason refused), read skipping unsupported
# types (ok / the reason). The summary on stdout counts them per mode, as docs/fet.md and
# BENCHMARKS.md quote. Installs fet-data from Debian (scripts/setup.sh fet) when missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "read-fet-examples: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || out=$(mktemp --suffix=.tsv)

"$root/scripts/setup.sh" fet
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p horarium
horarium="$root/target/release/horarium"

# The mode FET reads a file in: its <Mode>, or for an older file the custom build its version names.
mode_of() {
    local mode version
    mode=$(grep -m1 -o '<Mode>[^<]*</Mode>' "$1" | sed 's/<[^>]*>//g' || true)
    if [ -z "$mode" ]; then
        version=$(grep -m1 -o '<fet version="[^"]*"' "$1" | sed 's/.*"\(.*\)"/\1/' || true)
        case "$version" in
            *-mathmake*) mode=Terms ;;
            *-algeria* | *-morocco* | *-ma*) mode=Mornings_Afternoons ;;
            *-bp*) mode=Block_Planning ;;
            *) mode=Official ;;
        esac
    fi
    echo "$mode"
}

# "ok", or why the file was refused: the first line of the error, without the file's path.
read_as() {
    local log
    if log=$("$horarium" convert "$@" --to json -o /dev/null 2>&1); then
        echo ok
    else
        echo "$log" | grep -m1 'error' | sed 's/^error: [^:]*:\([0-9]*:\)\{0,1\} *//' | cut -c1-200
    fi
}

printf 'file\tmode\tread\tread_skipping_unsupported\n' > "$out"
while IFS= read -r -d '' f; do
    printf '%s\t%s\t%s\t%s\n' "$f" "$(mode_of "$f")" "$(read_as "$f")" "$(read_as "$f" --skip-unsupported)" >> "$out"
done < <(find /usr/share/doc/fet-data/examples -name '*.fet' -print0 | sort -z)

echo "per mode: files, read as they are, read skipping unsupported types ($out)"
awk -F'\t' 'NR > 1 { n[$2]++; if ($3 == "ok") a[$2]++; if ($4 == "ok") s[$2]++; N++; if ($3 == "ok") A++; if ($4 == "ok") S++ }
    END { for (m in n) printf "  %-20s %3d  %3d  %3d\n", m, n[m], a[m], s[m]; printf "  %-20s %3d  %3d  %3d\n", "all", N, A, S }' "$out"
echo "refused as they are, by reason:"
# The reason without the names it quotes (rooms, groups, versions), up to its first ';'.
awk -F'\t' 'NR > 1 && $3 != "ok" { print $3 }' "$out" | sed 's/^field "[^"]*": //; s/;.*//; s/ ([0-9]*)//g; s/"[^"]*"/…/g' |
    sort | uniq -c | sort -rn | head -20
