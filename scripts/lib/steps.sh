# Sourced by the test scripts: `step` runs one step under a header and records a failure, and
# `report_steps` ends the script with the list of failed steps (status 1) or a success line.
#
#   source "$root/scripts/lib/steps.sh"
#   step cargo test
#   report_steps "all steps"

failed=()

# Runs one step, "$@", under a header with its duration; records its name and returns 1 when it
# fails, so that a caller can skip what depends on it (`step build || built=no`).
step() {
    printf '\n==> %s\n' "$*"
    local start=$SECONDS
    if "$@"; then
        printf '==> ok (%ss): %s\n' "$((SECONDS - start))" "$*"
    else
        printf '==> FAILED (%ss): %s\n' "$((SECONDS - start))" "$*"
        failed+=("$*")
        return 1
    fi
}

# Prints the failed steps and exits 1 when there are any; otherwise prints "$1 passed in Ns".
report_steps() {
    echo
    if [ "${#failed[@]}" -gt 0 ]; then
        printf 'FAILED steps (%d):\n' "${#failed[@]}"
        printf '  %s\n' "${failed[@]}"
        exit 1
    fi
    echo "$1 passed in ${SECONDS}s"
}
