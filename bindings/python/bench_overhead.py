"""The cost of solving through Python rather than the command-line tool.

Runs the same solve (one thread, same seed) through `horarium solve` and through `horarium.solve`,
each in a fresh process, alternating which goes first, and prints the moves per second, the final
cost and the wall time of each run, then the medians and the overhead.

    python bindings/python/bench_overhead.py                       # comp01, 10 s, 3 runs each
    python bindings/python/bench_overhead.py --iterations 20000000 # fixed work: same cost, compare time

Run it from the workspace root with the package installed (scripts/test-python.sh installs it in
target/python-venv) and the CLI built (cargo build --release -p horarium).
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PYTHON_RUN = """
import json, sys, horarium
problem = horarium.Problem.from_ctt(sys.argv[1])
time_limit, seed = float(sys.argv[2]), int(sys.argv[3])
iterations = int(sys.argv[4]) if sys.argv[4] != "none" else None
solution = horarium.solve(problem, time_limit=time_limit, seed=seed, iterations=iterations)
s = solution.statistics
print(json.dumps({"moves": s["moves_tried"], "elapsed": s["elapsed"], "mps": s["moves_per_second"], "cost": solution.cost}))
"""


def children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(cli: Path, instance: Path, time_limit: float, seed: int, iterations: "int | None") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        args = [str(cli), "solve", str(instance), "--time", str(time_limit), "--seed", str(seed), "--quiet", "-o", os.path.join(tmp, "out.sol")]
        if iterations is not None:
            args += ["--iterations", str(iterations)]
        start, cpu = time.monotonic(), children_cpu()
        out = subprocess.run(args, capture_output=True, text=True, check=True)
        wall, cpu = time.monotonic() - start, children_cpu() - cpu
    moves, mps = re.search(r"; (\d+) moves \((\d+)/s", out.stderr).groups()
    hard, soft = re.search(r"^cost: hard (\d+) soft (\d+)$", out.stderr, re.MULTILINE).groups()
    return {"moves": int(moves), "mps": float(mps), "elapsed": int(moves) / float(mps), "cost": (int(hard), int(soft)), "wall": wall, "cpu": cpu}


def run_python(python: str, instance: Path, time_limit: float, seed: int, iterations: "int | None") -> dict:
    args = [python, "-c", PYTHON_RUN, str(instance), str(time_limit), str(seed), str(iterations) if iterations is not None else "none"]
    start, cpu = time.monotonic(), children_cpu()
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu
    result = json.loads(out.stdout)
    result["cost"] = tuple(result["cost"])
    result["wall"] = wall
    result["cpu"] = cpu
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default="comp01")
    parser.add_argument("--time", type=float, default=10.0)
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "horarium")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    instances = Path(os.environ.get("HORARIUM_INSTANCES", "../shared/instances"))
    instances = instances if instances.is_absolute() else (REPO / instances).resolve()
    instance = instances / "itc2007" / f"{args.instance}.ctt"
    time_limit = args.time if args.iterations is None else max(args.time, 600.0)

    rows = {"cli": [], "python": []}
    for run in range(args.runs):
        order = ["cli", "python"] if run % 2 == 0 else ["python", "cli"]
        for who in order:
            if who == "cli":
                r = run_cli(args.cli, instance, time_limit, args.seed, args.iterations)
            else:
                r = run_python(args.python, instance, time_limit, args.seed, args.iterations)
            rows[who].append(r)
            print(
                f"run {run + 1} {who:6}  {r['moves']:>10} moves  {r['mps']:>10.0f} moves/s  search {r['elapsed']:6.2f} s"
                f"  wall {r['wall']:6.2f} s  cpu {r['cpu']:6.2f} s  cost hard {r['cost'][0]} soft {r['cost'][1]}",
                flush=True,
            )
    print()
    med = {who: {k: statistics.median(r[k] for r in rs) for k in ("mps", "elapsed", "wall", "cpu")} for who, rs in rows.items()}
    for who in ("cli", "python"):
        costs = sorted({r["cost"] for r in rows[who]})
        print(f"median {who:6}  {med[who]['mps']:>10.0f} moves/s  search {med[who]['elapsed']:6.2f} s  wall {med[who]['wall']:6.2f} s  cpu {med[who]['cpu']:6.2f} s  costs {costs}")
    overhead_mps = (med["cli"]["mps"] - med["python"]["mps"]) / med["cli"]["mps"] * 100
    overhead_wall = (med["python"]["wall"] - med["cli"]["wall"]) / med["cli"]["wall"] * 100
    overhead_cpu = (med["python"]["cpu"] - med["cli"]["cpu"]) / med["cli"]["cpu"] * 100
    print(f"overhead of Python: {overhead_mps:+.1f} % fewer moves/s, {overhead_wall:+.1f} % more wall time, {overhead_cpu:+.1f} % more CPU time")


if __name__ == "__main__":
    main()
