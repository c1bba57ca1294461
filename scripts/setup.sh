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
#   version in bindings/wasm/Cargo.lock (cargo install, a few minutes once).
#
# Usage: ./scripts/setup.sh        (from anywhere; exits non-zero when a need cannot be met)
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Fails with a hint when the command `$1` is not on PATH; `$2` says why it is needed.
need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed; it is needed for $2"
}

# Runs "$@" showing nothing, unless it fails: then its output is shown and the script stops.
quietly() {
    local out
    out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; die "failed: $*"; }
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
        quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "installing ${missing[*]}"
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Adds the rustup component `$1` (such as clippy) when `$2` (a command that needs it) fails.
rustup_component_if_missing() {
    local component=$1 probe=$2
    # The probe is split into words on purpose: it is a command line such as "cargo fmt --version".
    # shellcheck disable=SC2086
    $probe >/dev/null 2>&1 && return 0
    need_cmd rustup "adding the Rust component $component"
    say "rustup component add $component"
    quietly rustup component add "$component"
}

# Adds the Rust target `$1` (such as wasm32-unknown-unknown) when it is not installed.
rustup_target_if_missing() {
    need_cmd rustup "adding the Rust target $1"
    rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
    say "rustup target add $1"
    quietly rustup target add "$1"
}

# The Rust toolchain itself comes with the machine (rustup); only its components are added here.
need_cmd cargo "building Horarium (install Rust with rustup: https://rustup.rs)"
rustup_component_if_missing rustfmt "cargo fmt --version"
rustup_component_if_missing clippy "cargo clippy --version"
# The independent ITC-2007 checker (../shared/tools/ctt_validate.py) that the tests compare with.
need_cmd python3 "the tests, which run the independent checker ctt_validate.py"

# Installs wasm-bindgen-cli at the version of the wasm-bindgen crate in the lock file `$1`, which
# the CLI must match exactly, unless that version is already on PATH.
wasm_bindgen_cli_if_missing() {
    local lock=$1 version
    version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$lock")
    [ -n "$version" ] || die "no wasm-bindgen in $lock"
    [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" = "$version" ] && return 0
    say "cargo install wasm-bindgen-cli --version $version (a few minutes, once)"
    # --locked first; the registry may lack a version that the CLI's own lock file names (seen:
    # webpki-roots 1.0.11), and then the newest compatible versions do.
    quietly cargo install wasm-bindgen-cli --version "$version" --locked ||
        quietly cargo install wasm-bindgen-cli --version "$version"
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
        [ -n "$cluster" ] || die "no PostgreSQL cluster on port $port (pg_lsclusters lists none); create one with pg_createcluster"
        say "starting PostgreSQL $cluster"
        # The cluster's version and name are two words on purpose.
        # shellcheck disable=SC2086
        quietly as_root pg_ctlcluster $cluster start
    fi
    local psql=(as_root runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    # CREATEDB: each platform test makes a database of its own, and drops it.
    case "$("${psql[@]}" -c "SELECT rolcreatedb FROM pg_roles WHERE rolname = '$user'")" in
        t) ;;
        f) say "letting the PostgreSQL role $user create databases"
           quietly "${psql[@]}" -c "ALTER ROLE \"$user\" CREATEDB" ;;
        *) say "creating the PostgreSQL role $user"
           quietly "${psql[@]}" -c "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$password'" ;;
    esac
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
        say "creating the PostgreSQL database $database"
        quietly "${psql[@]}" -c "CREATE DATABASE \"$database\" OWNER \"$user\""
    fi
}

root=$(cd "$(dirname "$0")/.." && pwd)
# The browser app's end-to-end test drives Debian's Chromium (bindings/wasm/test/e2e.mjs).
apt_install_if_missing chromium
# The engine in the browser: the wasm32 target and the wasm-bindgen CLI of the crate's version.
rustup_target_if_missing wasm32-unknown-unknown
wasm_bindgen_cli_if_missing "$root/bindings/wasm/Cargo.lock"
# The platform's tests run against SQLite (embedded) and this PostgreSQL; the README's
# example of its API, which a test runs, uses curl and jq.
apt_install_if_missing postgresql curl jq
postgres_running_with "${HORARIUM_TEST_POSTGRES_URL:-postgres://horarium:horarium@127.0.0.1:5432/horarium_test}"
