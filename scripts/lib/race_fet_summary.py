"""Summarises scripts/race-fet.sh's race.tsv as Markdown: the counts the targets are stated in,
then one line per file.

Usage: race_fet_summary.py RACE.tsv TIME_LIMIT CORES
"""

import csv
import statistics
import subprocess
import sys


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def main(path, time_limit, cores):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "?"
    for r in rows:
        r["fet_solved"] = r["fet"] == "solved"
        r["h_solved"] = r["horarium_hard"] == "0"
        r["h_at"] = number(r["horarium_feasible_at"])
        r["fet_at"] = number(r["fet_seconds"])
    read = [r for r in rows if not r["read"].startswith("refused")]
    both = [r for r in rows if r["fet_solved"] and r["h_solved"]]
    fet_only = [r for r in rows if r["fet_solved"] and not r["h_solved"]]
    h_only = [r for r in rows if r["h_solved"] and not r["fet_solved"]]
    out = []
    say = out.append
    say(f"FET race at `{commit}`: {len(rows)} files, {time_limit} s each, fet-cl and horarium (1 thread) side by side, one core each of {cores}.")
    say("")
    say(f"- Read by Horarium: {sum(r['read'] == 'strict' for r in rows)} with every constraint, "
        f"{sum(r['read'].startswith('skipping') for r in rows)} with `--skip-unsupported`, {len(rows) - len(read)} refused.")
    say(f"- FET: {sum(r['fet_solved'] for r in rows)} solved, {sum(r['fet'] == 'unsolved' for r in rows)} not within the time, "
        f"{sum(r['fet'] == 'refused' for r in rows)} refused by fet-cl itself.")
    say(f"- Zero hard violations: both {len(both)}; FET only {len(fet_only)}; Horarium only {len(h_only)}; "
        f"Horarium in all {sum(r['h_solved'] for r in rows)}.")
    if fet_only:
        say("  FET only: " + ", ".join(f"`{r['file']}` ({r['read']})" for r in fet_only) + ".")
    if both:
        h_times = [r["h_at"] for r in both if r["h_at"] is not None]
        f_times = [r["fet_at"] for r in both if r["fet_at"] is not None]
        ratios = [r["h_at"] / r["fet_at"] for r in both if r["h_at"] is not None and r["fet_at"]]
        say(f"- Time to zero hard violations over the {len(both)} files both solve: median Horarium {statistics.median(h_times):.2f} s, "
            f"FET {statistics.median(f_times):.2f} s (ratio of medians {statistics.median(h_times) / statistics.median(f_times):.3f}; "
            f"median of per-file ratios {statistics.median(ratios):.3f}).")
        lower = sum(int(r["horarium_soft"]) < int(r["fet_soft"]) for r in both)
        equal = sum(int(r["horarium_soft"]) == int(r["fet_soft"]) for r in both)
        zero = sum(int(r["horarium_soft"]) == 0 == int(r["fet_soft"]) for r in both)
        say(f"- Soft cost by Horarium's scorer over those files: Horarium lower on {lower}, equal on {equal} ({zero} of them 0 for both), "
            f"higher on {len(both) - lower - equal}.")
    checked = [r for r in rows if r["fet_accepts_horarium"] in ("yes", "no")]
    say(f"- Horarium's timetables handed back to fet-cl, locked: accepted {sum(r['fet_accepts_horarium'] == 'yes' for r in checked)} "
        f"of {len(checked)} (a file read with `--skip-unsupported` has constraints Horarium did not see).")
    say("")
    say("| file | read | FET | FET s | FET hard | FET soft | Horarium feasible at s | Horarium hard | Horarium soft | FET accepts Horarium's |")
    say("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        say(f"| `{r['file']}` | {r['read']} | {r['fet']} | {r['fet_seconds']} | {r['fet_hard']} | {r['fet_soft']} | "
            f"{r['horarium_feasible_at']} | {r['horarium_hard']} | {r['horarium_soft']} | {r['fet_accepts_horarium']} |")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
