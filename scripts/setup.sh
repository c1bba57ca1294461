#!/usr/bin/env bash
# Installs what building and testing Horarium needs, and only what is missing.
#
# Each need is one line at the bottom, through one of the helpers below; a second run finds
# everything present, installs nothing and prints nothing. Later needs (cmake, chromium,
# postgresql, the wasm32 target, wasm-bindgen-cli) are added there the same way:
#
#   apt_install_if_missing cmake chromium chromium-driver postgresql
#   rustup_target_if_missing wasm32-unknown-unknown
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
