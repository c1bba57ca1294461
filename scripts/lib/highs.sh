# Sourced by the scripts that build Horarium: where the HiGHS library of this checkout is kept,
# and the pkg-config path that lets the highs-sys crate find it there.
#
# highs-sys (HiGHS, the MIP solver behind good_lp) first asks pkg-config for an installed HiGHS,
# and builds HiGHS's C++ sources with cmake when there is none. That build takes about four
# minutes on two cores and happens again for every profile and every target folder (clippy,
# the release tests, each binding), so scripts/setup.sh builds it once into HIGHS_PREFIX, by
# the same options highs-sys uses, and every build finds it there. A plain `cargo build` without
# these scripts still works: highs-sys then builds its own copy.
#
#   source "$root/scripts/lib/highs.sh"
#
# A developer's own `cargo` commands should run with the same PKG_CONFIG_PATH (source this file
# in the shell), or cargo rebuilds highs-sys each time the setting changes.

root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# The version of highs-sys in the lock file: the HiGHS sources it ships are what is built.
HIGHS_VERSION=$(awk '/^name = "highs-sys"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock")
HIGHS_PREFIX=${HORARIUM_HIGHS_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/horarium/highs-$HIGHS_VERSION}
export PKG_CONFIG_PATH="$HIGHS_PREFIX/lib/pkgconfig:$HIGHS_PREFIX/lib64/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
