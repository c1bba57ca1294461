#!/usr/bin/env bash
# Installs what building and testing Horarium needs, and only what is missing.
#
# Each need is one line at the bottom, through one of the helpers below; a second run finds
# everything present, installs nothing and prints nothing. What it may install:
#
# - rustfmt and clippy (rustup components);
# - Debian's chromium, for the browser app's end-to-end test (bindings/wasm);
# - Debian's postgresql, and it starts the cluster and creates the test role and database when
#   they are missing, for the platform's tests (platform/; its URL is $HORARIUM_TEST_POSTGRES_URL);
# - Debian's curl and jq, which the README's example of the platform's API uses;
# - the Rust target wasm32-unknown-unknown, and wasm-bindgen-cli of exactly the wasm-bindgen
#   version in bindings/wasm/Cargo.lock (cargo install into $CARGO_INSTALL_ROOT or $CARGO_HOME, a
#   few minutes once; with the CLI's own lock file when the registry serves all of it, else with
#   the newest dependency versions its manifest allows).
#
# - Debian's cmake, g++, pkg-config and libclang-dev, and HiGHS built once from the sources of
#   the highs-sys crate into a cache folder (scripts/lib/highs.sh), for the exact layer (good_lp).
#
# With the argument `build` it installs only what building the engine needs (the last item),
# which scripts/run-example.sh calls; with `fet` only Debian's fet (FET's `fet-cl`) and fet-data
# (its example schools), which scripts/race-fet.sh needs and the tests do not.
#
# Usage: ./scripts/setup.sh        (from anywhere; exits non-zero when a need cannot be met)
#        ./scripts/setup.sh build
#        ./scripts/setup.sh fet
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Fails with a hint when the command `$1` is not on PATH; `$2` says why it is needed.
need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed; it is needed for $2"
}

# Runs "$@" showing nothing, unless it fails: then its output is shown and its status returned,
# so that a caller can try another way (`quietly a || quietly b`).
quietly() {
    local out status
    out=$("$@" 2>&1) || { status=$?; printf '%s\n' "$out" >&2; return "$status"; }
}

# Like `quietly`, but a failure stops the script.
must() {
    quietly "$@" || die "failed: $*"
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not installed"
    fi
}

APT_UPDATED=0
# Installs the Debian packages among "$@" that are not installed yet. `apt-get update` runs at
# most once per run, and only when something is missing.
apt_install_if_missing() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    need_cmd apt-get "installing ${missing[*]}"
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        must as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "installing ${missing[*]}"
    must as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Adds the rustup component `$1` (such as clippy) when `$2` (a command that needs it) fails.
rustup_component_if_missing() {
    local component=$1 probe=$2
    # The probe is split into words on purpose: it is a command line such as "cargo fmt --version".
    # shellcheck disable=SC2086
    $probe >/dev/null 2>&1 && return 0
    need_cmd rustup "adding the Rust component $component"
    say "rustup component add $component"
    must rustup component add "$component"
}

# Adds the Rust target `$1` (such as wasm32-unknown-unknown) when it is not installed.
rustup_target_if_missing() {
    need_cmd rustup "adding the Rust target $1"
    rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
    say "rustup target add $1"
    must rustup target add "$1"
}

# The Rust toolchain itself comes with the machine (rustup); only its components are added here.
need_cmd cargo "building Horarium (install Rust with rustup: https://rustup.rs)"
rustup_component_if_missing rustfmt "cargo fmt --version"
rustup_component_if_missing clippy "cargo clippy --version"
# The independent ITC-2007 checker (../shared/tools/ctt_validate.py) that the tests compare with.
need_cmd python3 "the tests, which run the independent checker ctt_validate.py"

# Where `cargo install` puts binaries: $CARGO_INSTALL_ROOT, else $CARGO_HOME, else ~/.cargo.
cargo_bin_dir() {
    printf '%s/bin' "${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}"
}

# Installs wasm-bindgen-cli at the version of the wasm-bindgen crate in the lock file `$1`, which
# the CLI must match exactly, unless that version is already in cargo's bin folder or on PATH.
wasm_bindgen_cli_if_missing() {
    local lock=$1 version bin candidate
    version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$lock")
    [ -n "$version" ] || die "no wasm-bindgen in $lock"
    bin=$(cargo_bin_dir)
    for candidate in "$bin/wasm-bindgen" wasm-bindgen; do
        [ "$("$candidate" --version 2>/dev/null | awk '{ print $2 }')" = "$version" ] && return 0
    done
    say "cargo install wasm-bindgen-cli --version $version into $bin (a few minutes, once)"
    # The CLI's own lock file first. The registries this project's machines reach do not serve
    # every version it names (seen: webpki-roots 1.0.11 missing), and then cargo resolves the
    # newest versions that the CLI's manifest allows and the registry has; the CLI itself stays
    # at exactly $version either way.
    quietly cargo install wasm-bindgen-cli --version "$version" --locked && return 0
    say "the locked set is not available from the registry; resolving wasm-bindgen-cli's dependencies afresh"
    must cargo install wasm-bindgen-cli --version "$version"
}

# Builds HiGHS (the MIP solver behind good_lp) into $HIGHS_PREFIX when it is not there yet, from
# the sources of the highs-sys crate in the lock file and with the options highs-sys itself
# uses, so that every build of the engine links this one copy (scripts/lib/highs.sh says why).
highs_if_missing() {
    local pc="$HIGHS_PREFIX/lib/pkgconfig/highs.pc" done="$HIGHS_PREFIX/.complete" src build
    # The stamp is written last: a build that was interrupted is started again from scratch.
    [ -f "$done" ] && return 0
    rm -rf "$HIGHS_PREFIX"
    [ -n "$HIGHS_VERSION" ] || die "no highs-sys in $root/Cargo.lock"
    must cargo fetch --manifest-path "$root/Cargo.toml"
    src=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -mindepth 2 -maxdepth 2 -type d -name "highs-sys-$HIGHS_VERSION" | head -n 1)
    [ -n "$src" ] && [ -f "$src/HiGHS/CMakeLists.txt" ] || die "the sources of highs-sys $HIGHS_VERSION are not in cargo's registry"
    build=$(mktemp -d)
    say "building HiGHS $HIGHS_VERSION into $HIGHS_PREFIX (a few minutes, once)"
    must cmake -S "$src/HiGHS" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$HIGHS_PREFIX" \
        -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF -DFAST_BUILD=ON \
        -DBUILD_CXX_EXE=OFF -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DZLIB=OFF -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=FALSE
    must cmake --build "$build" --parallel "$(nproc)"
    must cmake --install "$build"
    rm -rf "$build"
    # The library is static and written in C++: whoever links it needs C++'s standard library,
    # which highs-sys adds when it builds HiGHS itself but not when pkg-config finds it.
    sed -i 's/^Libs: \(.*-lhighs\)$/Libs: \1 -lstdc++/' "$pc"
    grep -q '^Libs: .*-lstdc++' "$pc" || die "unexpected Libs line in $pc"
    touch "$done"
}

# Starts the PostgreSQL cluster when none is running, then creates the role and database of the
# URL `$1` (postgres://USER:PASSWORD@127.0.0.1:PORT/DATABASE) when they are missing.
postgres_running_with() {
    local url=$1 rest user password port database cluster
    rest=${url#postgres://}
    user=${rest%%:*}; rest=${rest#*:}
    password=${rest%%@*}; rest=${rest#*@}
    port=${rest#*:}; port=${port%%/*}
    database=${rest#*/}; database=${database%%\?*}
    if ! pg_lsclusters -h 2>/dev/null | awk -v port="$port" '$3 == port && $4 == "online" { found = 1 } END { exit !found }'; then
        cluster=$(pg_lsclusters -h 2>/dev/null | awk -v port="$port" '$3 == port { print $1 " " $2; exit }')
        if [ -z "$cluster" ]; then
            # Debian makes a cluster when the server is installed, unless its configuration says
            # not to (create_main_cluster = false) or that cluster was dropped: make one.
            local version name=main
            version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
            [ -n "$version" ] || die "PostgreSQL is installed but no server version is in /usr/lib/postgresql"
            pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }' && name=horarium
            say "creating the PostgreSQL $version cluster '$name' on port $port"
            must as_root pg_createcluster -p "$port" "$version" "$name"
            cluster="$version $name"
        fi
        say "starting PostgreSQL $cluster"
        # The cluster's version and name are two words on purpose.
        # shellcheck disable=SC2086
        must as_root pg_ctlcluster $cluster start
    fi
    local psql=(as_root runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    # CREATEDB: each platform test makes a database of its own, and drops it.
    case "$("${psql[@]}" -c "SELECT rolcreatedb FROM pg_roles WHERE rolname = '$user'")" in
        t) ;;
        f) say "letting the PostgreSQL role $user create databases"
           must "${psql[@]}" -c "ALTER ROLE \"$user\" CREATEDB" ;;
        *) say "creating the PostgreSQL role $user"
           must "${psql[@]}" -c "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$password'" ;;
    esac
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
        say "creating the PostgreSQL database $database"
        must "${psql[@]}" -c "CREATE DATABASE \"$database\" OWNER \"$user\""
    fi
}

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/highs.sh
source "$root/scripts/lib/highs.sh"

# What building the engine needs: HiGHS, and the tools highs-sys builds its bindings with.
build_needs() {
    apt_install_if_missing cmake g++ pkg-config libclang-dev
    highs_if_missing
}

case "${1:-all}" in
    build)
        build_needs
        ;;
    fet)
        apt_install_if_missing fet fet-data
        ;;
    all)
        build_needs
        # The browser app's end-to-end test drives Debian's Chromium (bindings/wasm/test/e2e.mjs).
        apt_install_if_missing chromium
        # The engine in the browser: the wasm32 target and the wasm-bindgen CLI of the crate's version.
        rustup_target_if_missing wasm32-unknown-unknown
        wasm_bindgen_cli_if_missing "$root/bindings/wasm/Cargo.lock"
        # The platform's tests run against SQLite (embedded) and this PostgreSQL; the README's
        # example of its API, which a test runs, uses curl and jq.
        apt_install_if_missing postgresql curl jq
        postgres_running_with "${HORARIUM_TEST_POSTGRES_URL:-postgres://horarium:horarium@127.0.0.1:5432/horarium_test}"
        ;;
    *)
        die "unknown argument '$1'; expected build, fet or nothing (everything)"
        ;;
esac
