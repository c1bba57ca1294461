"""Solving: the same timetables as the command-line tool, progress, Ctrl-C, the GIL and warm starts."""

import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

import horarium
from conftest import FIXTURES, INSTANCES, ITC2007, REPO, run_cli

TINY = FIXTURES / "ctt" / "tiny.ctt"
STATISTICS_KEYS = {
    "moves_tried",
    "moves_accepted",
    "moves_per_second",
    "accepted_per_second",
    "time_to_first_feasible",
    "time_of_best",
    "elapsed",
    "threads",
    "repairs",
    "repairs_improved",
}


def cli_cost(stderr: str) -> tuple:
    match = re.search(r"^cost: hard (\d+) soft (\d+)$", stderr, re.MULTILINE)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


@pytest.mark.parametrize(
    "instance, seed, iterations",
    [
        (TINY, 3, 100_000),
        (ITC2007 / "comp01.ctt", 7, 300_000),
        (ITC2007 / "comp05.ctt", 2, 200_000),
        (FIXTURES / "json" / "school-small.json", 4, 100_000),
        (FIXTURES / "json" / "lengths_pins_rooms.json", 1, 50_000),
        (INSTANCES / "xhstt" / "BR-SA-00.xml", 1, 20_000),
    ],
    ids=lambda x: x.name if isinstance(x, Path) else str(x),
)
def test_same_timetable_as_the_cli(cli, tmp_path, instance, seed, iterations):
    """One thread, a seed and an iteration limit: the CLI's timetable and cost, to the byte."""
    out_file = tmp_path / ("out" + {".ctt": ".sol", ".xml": ".xml"}.get(instance.suffix, ".json"))
    out = run_cli(cli, "solve", instance, "--iterations", iterations, "--seed", seed, "--quiet", "-o", out_file)
    assert out.returncode == 0, out.stderr
    problem = horarium.Problem.from_file(instance)
    solution = horarium.solve(problem, iterations=iterations, seed=seed)
    assert solution.status == "iteration_limit"
    assert solution.statistics["moves_tried"] == iterations
    assert solution.cost == cli_cost(out.stderr)
    expected = out_file.read_text()
    if instance.suffix == ".ctt":
        assert solution.to_ctt_solution() == expected
    elif instance.suffix == ".json":
        assert solution.to_json() + "\n" == expected
    mine = tmp_path / ("mine" + out_file.suffix)
    solution.write(mine)
    assert mine.read_text() == expected


def test_same_warm_start_as_the_cli(cli, tmp_path, itc2007):
    instance, old = itc2007 / "comp01.ctt", itc2007 / "solutions" / "tests" / "comp01.ctt.sol.463"
    out_file = tmp_path / "out.sol"
    out = run_cli(cli, "solve", instance, "--iterations", 100_000, "--seed", 9, "--from", old, "--quiet", "-o", out_file)
    assert out.returncode == 0, out.stderr
    problem = horarium.Problem.from_ctt(instance)
    solution = horarium.solve(problem, iterations=100_000, seed=9, initial=old)
    assert solution.to_ctt_solution() == out_file.read_text()
    assert solution.cost <= (0, 463)


def test_one_thread_with_an_iteration_limit_is_reproducible(itc2007):
    problem = horarium.Problem.from_ctt(itc2007 / "comp07.ctt")
    first = horarium.solve(problem, iterations=100_000, seed=11)
    second = horarium.solve(problem, iterations=100_000, seed=11)
    assert first.assignments == second.assignments
    assert first.cost == second.cost


@pytest.mark.parametrize("name", ["comp01", "comp05"])
def test_itc2007_instances_become_feasible(itc2007, name):
    solution = horarium.solve(horarium.Problem.from_ctt(itc2007 / f"{name}.ctt"), time_limit=1.0, seed=1)
    assert solution.feasible and solution.cost[0] == 0
    assert solution.status == "time_limit"
    stats = solution.statistics
    assert set(stats) == STATISTICS_KEYS
    assert stats["threads"] == 1
    assert stats["time_to_first_feasible"] is not None and stats["time_to_first_feasible"] <= stats["elapsed"]
    assert 0 <= stats["time_of_best"] <= stats["elapsed"] < 1.5
    assert stats["moves_tried"] >= stats["moves_accepted"] > 0
    assert stats["moves_per_second"] > 100_000
    assert solution.score.cost == solution.cost
    assert horarium.score(solution.problem, solution).cost == solution.cost
    assert len(solution.assignments) == solution.problem.counts["lessons"]


def test_two_threads(itc2007):
    solution = horarium.solve(horarium.Problem.from_ctt(itc2007 / "comp01.ctt"), time_limit=0.5, threads=2, seed=3)
    assert solution.feasible
    assert solution.statistics["threads"] == 2


def test_progress_is_reported(itc2007):
    reports: "list[horarium.Progress]" = []
    problem = horarium.Problem.from_ctt(itc2007 / "comp01.ctt")
    solution = horarium.solve(problem, time_limit=0.8, progress=reports.append)
    assert len(reports) >= 3
    assert all(isinstance(r, horarium.Progress) for r in reports)
    elapsed = [r.elapsed for r in reports]
    assert elapsed == sorted(elapsed)
    assert all(isinstance(r.best, tuple) and len(r.best) == 2 for r in reports)
    assert [r.best for r in reports] == sorted((r.best for r in reports), reverse=True), "the best cost never gets worse"
    assert all(0.0 <= r.fraction <= 1.0 for r in reports)
    assert reports[-1].fraction >= 0.99
    assert reports[-1].best == solution.cost, "the last report is the final best"
    assert reports[-1].iterations > 0 and reports[-1].moves_per_second > 0
    # Reported from the calling thread, at most every 50 ms.
    assert len(reports) <= 0.8 / 0.05 + 2
    assert "best hard 0" in repr(reports[-1])


def test_progress_runs_on_the_calling_thread():
    threads = set()
    horarium.solve(horarium.Problem.from_ctt(TINY), iterations=200_000, progress=lambda p: threads.add(threading.get_ident()))
    assert threads == {threading.get_ident()}


def test_an_exception_in_the_callback_stops_the_search(itc2007):
    problem = horarium.Problem.from_ctt(itc2007 / "comp05.ctt")

    def stop(progress):
        if progress.elapsed > 0.2:
            raise RuntimeError("enough")

    start = time.monotonic()
    with pytest.raises(RuntimeError, match="^enough$"):
        horarium.solve(problem, time_limit=30.0, progress=stop)
    assert time.monotonic() - start < 1.5


def test_ctrl_c_stops_the_search_within_a_second(itc2007):
    """SIGINT while solve runs with a 30 s limit: KeyboardInterrupt, well within a second."""
    problem = horarium.Problem.from_ctt(itc2007 / "comp05.ctt")
    sent = []

    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.5, interrupt)
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            horarium.solve(problem, time_limit=30.0, seed=1)
    finally:
        timer.cancel()
    end = time.monotonic()
    assert sent, "the signal was sent"
    assert end - sent[0] < 1.0
    assert end - start < 1.5
    # The search thread is gone and the module still works.
    assert horarium.solve(horarium.Problem.from_ctt(TINY), iterations=10_000).feasible


def test_ctrl_c_with_raise_signal_and_a_callback(itc2007):
    problem = horarium.Problem.from_ctt(itc2007 / "comp12.ctt")
    calls: "list[horarium.Progress]" = []
    timer = threading.Timer(0.3, signal.raise_signal, args=(signal.SIGINT,))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            horarium.solve(problem, time_limit=30.0, threads=2, progress=calls.append)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 1.5
    assert calls


def test_the_gil_is_released_while_searching(itc2007):
    """Another Python thread keeps running while solve works."""
    problem = horarium.Problem.from_ctt(itc2007 / "comp01.ctt")
    results = []
    worker = threading.Thread(target=lambda: results.append(horarium.solve(problem, time_limit=1.0)))
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.monotonic())
        time.sleep(0.005)
    worker.join()
    assert results and results[0].feasible
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 50
    assert max(gaps) < 0.25, f"the main thread was blocked for {max(gaps):.3f} s"


def test_warm_start_never_ends_worse(itc2007):
    problem = horarium.Problem.from_ctt(itc2007 / "comp01.ctt")
    first = horarium.solve(problem, iterations=50_000, seed=1)
    initials: "list[horarium.TimetableLike]" = [first, first.assignments, first.to_json()]
    for initial in initials:
        again = horarium.solve(problem, iterations=20_000, seed=2, initial=initial)
        assert again.cost <= first.cost


def test_iterations_without_a_time_limit():
    solution = horarium.solve(horarium.Problem.from_ctt(TINY), time_limit=None, iterations=5_000)
    assert solution.status == "iteration_limit"
    assert solution.statistics["moves_tried"] == 5_000


def test_solution_repr_and_problem():
    problem = horarium.Problem.from_ctt(TINY)
    solution = horarium.solve(problem, iterations=1_000)
    assert solution.problem is problem
    assert re.fullmatch(r'<horarium\.Solution "Tiny": hard 0 soft 0, iteration_limit after \d+\.\d s>', repr(solution))
    assert solution.breakdown == solution.score.breakdown
    assert solution.violations == []


def test_the_report_is_the_engines_whole_solve():
    problem = horarium.Problem.from_file(FIXTURES / "json" / "lengths_pins_rooms.json")
    solution = horarium.solve(problem, iterations=5_000, seed=2)
    report = solution.report()
    assert list(report) == ["status", "statistics", "score", "timetable"]
    assert report["status"] == solution.status == "iteration_limit"
    assert report["statistics"] == solution.statistics
    assert set(report["statistics"]) == STATISTICS_KEYS
    assert report["score"] == solution.score.report()
    assert report["timetable"] == json.loads(solution.to_json())


def test_the_workspace_root_is_where_the_tests_think():
    assert (REPO / "Cargo.toml").is_file() and (REPO / "bindings" / "python" / "pyproject.toml").is_file()
