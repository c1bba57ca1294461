#!/usr/bin/env bash
# The platform's load benchmark on loopback (figures in BENCHMARKS.md, "Platform"):
#
# 1. starts `horarium-platform serve` (release) on a fresh database: an SQLite file in OUT_DIR,
#    or a fresh PostgreSQL database next to $HORARIUM_TEST_POSTGRES_URL's;
# 2. runs the load generator (platform/examples/load.rs): 100 schools set up through the API, a
#    solve job from each at the same moment while 50 clients keep reading, then 500 concurrent
#    clients reading for 30 s;
# 3. cross-checks the read latency with wrk (Debian's package, installed when missing): 500
#    connections on one list endpoint for 30 s;
# 4. stops the server with SIGTERM.
#
# With SERVERS above 1 (PostgreSQL only), that many servers share the database; the load
# generator spreads its requests over them and kills the last one with SIGKILL 3 s into the
# burst of jobs (`--job-lease 5` on each), and the job log (`job_runs`) is checked afterwards:
# every job succeeded exactly once and no job's runs overlap in time.
#
# Usage: scripts/bench-platform.sh [OUT_DIR] [sqlite|postgres] [SERVERS] [TENANTS]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/target/bench-platform}")
store=${2:-sqlite}
servers=${3:-1}
tenants=${4:-100}
if [ "$servers" -gt 1 ] && [ "$store" != postgres ]; then
    echo "several servers share a PostgreSQL database: give postgres" >&2
    exit 2
fi
mkdir -p "$out"
cd "$root"
"$root/scripts/setup.sh" build
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"

if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet -p horarium-platform --bin horarium-platform --example load

case "$store" in
    sqlite)
        rm -f "$out"/platform.db*
        database="sqlite:$out/platform.db"
        ;;
    postgres)
        base=${HORARIUM_TEST_POSTGRES_URL:-postgres://horarium:horarium@127.0.0.1:5432/horarium_test}
        name="horarium_bench_$(date +%s)"
        psql "$base" -qtAc "CREATE DATABASE $name" >/dev/null
        database="${base%/*}/$name"
        ;;
    *) echo "unknown store $store (sqlite or postgres)" >&2; exit 2 ;;
esac

log="$out/server-$store.log"
pids=()
addresses=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
for k in $(seq "$servers"); do
    target/release/horarium-platform serve --database "$database" --listen 127.0.0.1:0 --job-lease 5 \
        >"$out/server-$store-$k.out" 2>>"$log" &
    pids+=($!)
    address=
    for _ in $(seq 100); do
        address=$(grep -o 'http://[0-9.:]*' "$out/server-$store-$k.out" 2>/dev/null | head -n 1 || true)
        [ -n "$address" ] && break
        sleep 0.1
    done
    [ -n "$address" ] || { echo "server $k did not start; see $log" >&2; exit 1; }
    addresses+=("$address")
    echo "== $(head -n 1 "$out/server-$store-$k.out")"
done
address=${addresses[0]}
echo "== machine: $(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"

all=$(IFS=,; echo "${addresses[*]}")
kill_args=()
if [ "$servers" -gt 1 ]; then
    kill_args=(--kill-pid "${pids[-1]}" --kill-after 3)
fi
echo "== load generator: target/release/examples/load --server $all --tenants $tenants ${kill_args[*]} --out $out/load-$store-$servers.json"
target/release/examples/load --server "$all" --tenants "$tenants" "${kill_args[@]}" --out "$out/load-$store-$servers.json"

if [ "$servers" -gt 1 ]; then
    echo "== the job log"
    psql "$database" -qtAc "SELECT outcome, COUNT(*) FROM job_runs GROUP BY outcome ORDER BY outcome" | sed 's/^/   runs /'
    twice=$(psql "$database" -qtAc "SELECT COUNT(*) FROM (SELECT job_id FROM job_runs GROUP BY job_id HAVING SUM(CASE WHEN outcome = 'succeeded' THEN 1 ELSE 0 END) <> 1) t")
    overlapping=$(psql "$database" -qtAc "SELECT COUNT(*) FROM job_runs a JOIN job_runs b ON a.job_id = b.job_id AND a.id <> b.id \
        AND a.started_at <= b.started_at AND (a.ended_at IS NULL OR a.ended_at > b.started_at)")
    echo "   jobs not succeeded exactly once: $twice; pairs of runs of one job that overlap: $overlapping"
    [ "$twice" = 0 ] && [ "$overlapping" = 0 ] || { echo "the job log shows a job lost or run twice" >&2; exit 1; }
fi

token=$(curl -s -X POST "$address/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"subdomain": "load-0000", "email": "admin@load-0000.example", "password": "load test password"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "== wrk -t2 -c500 -d30s --latency GET /api/v1/lesson-plans?limit=50"
wrk -t2 -c500 -d30s --latency -H "Authorization: Bearer $token" "$address/api/v1/lesson-plans?limit=50" | tee "$out/wrk-$store.txt"

for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
trap - EXIT
if [ "$store" = postgres ]; then
    psql "$base" -qtAc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
fi
echo "== results in $out"
