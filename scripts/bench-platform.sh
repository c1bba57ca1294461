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
# Usage: scripts/bench-platform.sh [OUT_DIR] [sqlite|postgres]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/target/bench-platform}")
store=${2:-sqlite}
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
target/release/horarium-platform serve --database "$database" --listen 127.0.0.1:0 >"$out/server-$store.out" 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    address=$(grep -o 'http://[0-9.:]*' "$out/server-$store.out" 2>/dev/null | head -n 1 || true)
    [ -n "$address" ] && break
    sleep 0.1
done
[ -n "$address" ] || { echo "the server did not start; see $log" >&2; exit 1; }
echo "== $(head -n 1 "$out/server-$store.out")"
echo "== machine: $(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== load generator: target/release/examples/load --server $address --out $out/load-$store.json"
target/release/examples/load --server "$address" --out "$out/load-$store.json"

token=$(curl -s -X POST "$address/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"subdomain": "load-0000", "email": "admin@load-0000.example", "password": "load test password"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "== wrk -t2 -c500 -d30s --latency GET /api/v1/lesson-plans?limit=50"
wrk -t2 -c500 -d30s --latency -H "Authorization: Bearer $token" "$address/api/v1/lesson-plans?limit=50" | tee "$out/wrk-$store.txt"

kill -TERM "$server"
wait "$server" || true
trap - EXIT
if [ "$store" = postgres ]; then
    psql "$base" -qtAc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
fi
echo "== results in $out"
