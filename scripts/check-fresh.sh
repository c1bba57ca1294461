#!/usr/bin/env bash
# Proves the README's two set-up commands on this machine as if it were new: clones the committed
# HEAD into a temporary folder and runs the two commands there, twice (cold, then warm), with empty
# homes for everything the project installs itself, so that a missing install step fails here and
# not only on a new machine. Prints how long each command took.
#
# What is made empty for the run (all under the temporary folder, removed at the end):
# - CARGO_HOME: no crate registry, no git checkouts, no tools from `cargo install`; PATH keeps
#   rustup's proxies (cargo, rustc, rustfmt, clippy) but not the rest of ~/.cargo/bin, so a
#   wasm-bindgen installed there earlier is not seen;
# - the clone's target/ (so also the Python virtual environment, target/python-venv) and every
#   node_modules/;
# - the pip cache and the npm cache (PIP_CACHE_DIR, npm_config_cache);
# - the HiGHS that setup.sh builds once per machine (HORARIUM_HIGHS_PREFIX, scripts/lib/highs.sh);
# - the PostgreSQL database and role of the platform's tests (a new pair, dropped at the end).
#
# What it cannot make empty without changing the machine: Debian's packages (chromium,
# postgresql, curl, jq, cmake, pkg-config, libclang-dev) and the rustup toolchain's components
# and targets. With --as-new-machine it removes them first (apt-get purge chromium, PostgreSQL,
# which DELETES EVERY POSTGRESQL DATABASE ON THE MACHINE, cmake, pkg-config and libclang-dev;
# rustup target remove wasm32-unknown-unknown), so that setup.sh must install them again. Use that on a machine whose databases you can lose.
#
# Usage: ./scripts/check-fresh.sh [--as-new-machine] [--keep]
#   --keep  leave the temporary folder (its path is printed) instead of removing it
# Environment: HORARIUM_INSTANCES, the shared benchmark instances (default ../shared/instances
# beside this checkout), is passed on to the clone, which has no ../shared of its own.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
as_new_machine=no
keep=no
for arg in "$@"; do
    case "$arg" in
        --as-new-machine) as_new_machine=yes ;;
        --keep) keep=yes ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "check-fresh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '\ncheck-fresh: %s\n' "$*" >&2; }

instances=$(realpath -m "${HORARIUM_INSTANCES:-$root/../shared/instances}")
[ -d "$instances" ] || { echo "check-fresh: no benchmark instances at $instances (set HORARIUM_INSTANCES)" >&2; exit 1; }
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    say "warning: uncommitted changes are not part of the check (it clones HEAD, $(git -C "$root" rev-parse --short HEAD))"
fi

# The README's two commands: the non-comment lines of its first ```sh block.
mapfile -t commands < <(awk '/^```sh$/ { inside = 1; next } inside && /^```/ { exit } inside && !/^#/ && NF' "$root/README.md")
[ "${#commands[@]}" -eq 2 ] || { echo "check-fresh: expected two commands in README.md's first sh block, found ${#commands[@]}" >&2; exit 1; }

if [ "$as_new_machine" = yes ]; then
    say "removing chromium, PostgreSQL, cmake, pkg-config, libclang-dev and the wasm32 target, as on a new machine"
    export DEBIAN_FRONTEND=noninteractive
    pg_lsclusters -h 2>/dev/null | while read -r version name _; do pg_dropcluster --stop "$version" "$name"; done
    apt-get purge -y -qq 'chromium*' 'postgresql*' cmake pkg-config 'libclang*-dev' >/dev/null
    apt-get autoremove -y -qq >/dev/null
    rustup target remove wasm32-unknown-unknown 2>/dev/null || true
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/horarium-fresh.XXXXXX")
suffix=$(basename "$tmp" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')
pg_role="fresh_$suffix"
pg_url="postgres://$pg_role:$pg_role@127.0.0.1:5432/$pg_role"
cleanup() {
    if command -v psql >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q ' 5432 online '; then
        runuser -u postgres -- psql -p 5432 -qtA -c "DROP DATABASE IF EXISTS \"$pg_role\"" >/dev/null 2>&1 || true
        runuser -u postgres -- psql -p 5432 -qtA -c "DROP ROLE IF EXISTS \"$pg_role\"" >/dev/null 2>&1 || true
    fi
    if [ "$keep" = yes ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

head=$(git -C "$root" rev-parse --short HEAD)
say "cloning $root (HEAD $head) into $tmp/horarium"
git clone --quiet "$root" "$tmp/horarium"

# rustup's proxies only: the rest of ~/.cargo/bin holds tools a developer installed by hand.
mkdir -p "$tmp/rustup-proxies"
for tool in cargo rustc rustdoc rustup rustfmt cargo-fmt cargo-clippy clippy-driver; do
    proxy=$(command -v "$tool" 2>/dev/null) || continue
    ln -s "$proxy" "$tmp/rustup-proxies/$tool"
done
path_without_cargo_bin=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "${CARGO_HOME:-$HOME/.cargo}/bin" | grep -vx "$HOME/.cargo/bin" | paste -sd: -)

run_env=(env -u CARGO_INSTALL_ROOT -u CARGO_TARGET_DIR
    CARGO_HOME="$tmp/cargo-home"
    PATH="$tmp/cargo-home/bin:$tmp/rustup-proxies:$path_without_cargo_bin"
    PIP_CACHE_DIR="$tmp/pip-cache" npm_config_cache="$tmp/npm-cache" HORARIUM_HIGHS_PREFIX="$tmp/highs"
    HORARIUM_TEST_POSTGRES_URL="$pg_url" HORARIUM_INSTANCES="$instances")

timings=()
run_command() {
    local label=$1 command=$2 start log status
    log="$tmp/$(printf '%s' "$label-$command" | tr -c 'a-zA-Z0-9\n' '_').log"
    say "$label: $command (output in $log)"
    start=$(date +%s)
    set +e
    (cd "$tmp/horarium" && "${run_env[@]}" bash -c "$command") 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    timings+=("$(printf '%-5s %6ss  exit %s  %s' "$label" "$(($(date +%s) - start))" "$status" "$command")")
    if [ "$status" -ne 0 ]; then
        say "FAILED ($label): $command exited with $status; its output is in $log"
        keep=yes
        printf '  %s\n' "${timings[@]}" >&2
        exit 1
    fi
}

for label in cold warm; do
    for command in "${commands[@]}"; do
        run_command "$label" "$command"
    done
done

say "passed from a fresh clone of $head on $(nproc) cores:"
printf '  %s\n' "${timings[@]}" >&2
