"""Problem.bound(): the exact layer's lower bound, as `horarium bound --json` reports it."""

import json

import pytest

import horarium
from conftest import FIXTURES, run_cli

TRIANGLE = {
    "name": "triangle",
    "calendar": {"days": 1, "periods_per_day": 2},
    "teachers": [{"name": "T1"}, {"name": "T2"}, {"name": "T3"}],
    "rooms": [{"name": "R", "capacity": 30}],
    "courses": [
        {"name": "A", "teachers": ["T1", "T3"], "lessons": 1},
        {"name": "B", "teachers": ["T1", "T2"], "lessons": 1},
        {"name": "C", "teachers": ["T2", "T3"], "lessons": 1},
    ],
    "constraints": [{"kind": "clashes", "level": "hard"}],
}


def without_seconds(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "seconds"}


def test_the_bound_is_the_command_line_tools(cli):
    path = FIXTURES / "ctt" / "more_working_days_than_days.ctt"
    found = horarium.Problem.from_ctt(path).bound(time=5.0)
    assert found["feasible"] and found["exact"]
    assert found["soft"] == 15
    out = run_cli(cli, "bound", path, "--time", "5", "--json")
    assert out.returncode == 0, out.stderr
    assert without_seconds(json.loads(out.stdout)) == without_seconds(found)


def test_a_solution_at_the_bound_is_optimal():
    problem = horarium.Problem.from_ctt(FIXTURES / "ctt" / "more_working_days_than_days.ctt")
    solution = horarium.solve(problem, time_limit=5.0, iterations=20_000)
    assert solution.cost == (0, problem.bound(time=5.0)["soft"])


def test_an_infeasible_problem_has_no_bound():
    found = horarium.Problem.from_dict(TRIANGLE).bound(time=5.0)
    assert found["feasible"] is False
    assert found["soft"] is None


@pytest.mark.parametrize("time", [0.0, -1.0, float("nan")])
def test_a_bad_time_is_a_value_error(time):
    with pytest.raises(ValueError, match="time must be a positive number of seconds"):
        horarium.Problem.from_dict(TRIANGLE).bound(time=time)
