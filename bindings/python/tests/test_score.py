"""Scoring: equal to the command-line tool's `validate` and to the reference costs, whatever form the timetable takes."""

import csv
import json
from pathlib import Path

import pytest

import horarium
from conftest import FIXTURES, ITC2007, run_cli

# The ITC-2007 validator's components and the engine's kinds.
ITC_KINDS = {
    "Lectures": "unplaced",
    "Conflicts": "conflicts",
    "Availability": "unavailable",
    "RoomOccupancy": "room_occupancy",
    "RoomCapacity": "room_capacity",
    "MinWorkingDays": "min_working_days",
    "CurriculumCompactness": "isolated_lessons",
    "RoomStability": "room_stability",
}
# The engine's ViolationReport, as `horarium validate --json` writes it in `details`.
VIOLATION_KEYS = {"kind", "constraint", "level", "amount", "cost", "lessons", "slots", "resources", "message"}
ASSIGNMENT_KEYS = {"course", "lesson", "day", "period", "room"}


def reference_rows() -> list:
    path = ITC2007 / "solutions" / "reference_costs.csv"
    return list(csv.DictReader(path.open())) if path.is_file() else []


def assert_same_as_validate(score: horarium.Score, report: dict, itc: bool) -> None:
    """The binding's Score against `horarium validate --json`, whose details are the engine's violations."""
    name = (lambda component: ITC_KINDS[component]) if itc else (lambda kind: kind)
    none = {"hard": 0, "soft": 0, "violations": 0}
    assert score.cost == (report["violations"], report["cost"])
    assert score.feasible == report["feasible"]
    breakdown = score.breakdown
    for component, value in report["hard"].items():
        assert breakdown.get(name(component), none)["hard"] == value, component
    for component, value in report["soft"].items():
        assert breakdown.get(name(component), none)["soft"] == value, component
    violations = score.violations
    assert len(violations) == len(report["details"])
    for mine, theirs in zip(violations, report["details"]):
        assert set(mine) == VIOLATION_KEYS
        for key in VIOLATION_KEYS:
            assert mine[key] == theirs[key], (key, mine["message"])
    assert score.warnings == report["warnings"]


@pytest.mark.parametrize("row", reference_rows(), ids=lambda r: r["solution_file"])
def test_reference_solutions_score_as_the_cli_validates(cli, itc2007, row):
    instance, solution = itc2007 / row["instance_file"], itc2007 / row["solution_file"]
    problem = horarium.Problem.from_ctt(instance)
    score = horarium.score(problem, solution)
    out = run_cli(cli, "validate", instance, solution, "--json")
    assert out.returncode == 0, out.stderr
    assert_same_as_validate(score, json.loads(out.stdout), itc=True)


@pytest.mark.parametrize("row", reference_rows(), ids=lambda r: r["solution_file"])
def test_reference_solutions_have_their_reference_costs(itc2007, row):
    problem = horarium.Problem.from_ctt(itc2007 / row["instance_file"])
    score = horarium.score(problem, itc2007 / row["solution_file"])
    columns = {
        "unplaced": ("lectures_viol", "hard"),
        "conflicts": ("conflicts_viol", "hard"),
        "unavailable": ("availability_viol", "hard"),
        "room_occupancy": ("room_occupation_viol", "hard"),
        "room_capacity": ("room_capacity_cost", "soft"),
        "min_working_days": ("min_working_days_cost", "soft"),
        "isolated_lessons": ("curriculum_compactness_cost", "soft"),
        "room_stability": ("room_stability_cost", "soft"),
    }
    for kind, (column, side) in columns.items():
        assert score.breakdown[kind][side] == int(row[column]), kind
    assert score.soft == int(row["total_soft_cost"])


@pytest.mark.parametrize("sol", sorted((FIXTURES / "ctt").glob("*.sol")), ids=lambda p: p.name)
def test_fixture_solutions_have_their_expected_costs(sol):
    problem = horarium.Problem.from_ctt(sol.with_suffix(".ctt"))
    score = horarium.score(problem, sol)
    expected = {}
    for line in sol.with_suffix(".expected").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=")
            expected[key.strip()] = int(value)
    for component, kind in ITC_KINDS.items():
        totals = score.breakdown.get(kind, {"hard": 0, "soft": 0, "violations": 0})
        assert totals["hard"] + totals["soft"] == expected[component], component
    assert len(score.warnings) == expected["warnings"]


@pytest.mark.parametrize("name", ["school-small", "school-medium", "school-worked-example"])
def test_json_timetables_score_as_the_cli_validates(cli, name):
    problem_path, timetable_path = FIXTURES / "json" / f"{name}.json", FIXTURES / "json" / f"{name}.timetable.json"
    problem = horarium.Problem.from_file(problem_path)
    score = horarium.score(problem, timetable_path)
    out = run_cli(cli, "validate", problem_path, timetable_path, "--json")
    assert out.returncode == 0, out.stderr
    assert_same_as_validate(score, json.loads(out.stdout), itc=False)
    # The same timetable as text, as a dict and as a list of assignments.
    text = timetable_path.read_text()
    assert horarium.score(problem, text).cost == score.cost
    assert horarium.score(problem, json.loads(text)).cost == score.cost
    assert horarium.score(problem, json.loads(text)["assignments"]).violations == score.violations


def test_skipped_solution_lines_are_the_clis_warnings(cli, tmp_path):
    tiny = FIXTURES / "ctt" / "tiny.ctt"
    sol = tmp_path / "bad.sol"
    sol.write_text("Alg R1 0 0\nbad line\nXyz R1 0 0\nAlg R1 0 0\n")
    score = horarium.score(horarium.Problem.from_ctt(tiny), sol)
    out = run_cli(cli, "validate", tiny, sol)
    assert out.returncode == 0, out.stderr
    assert [line for line in out.stderr.splitlines() if line.startswith("warning: ")] == [f"warning: {w}" for w in score.warnings]
    assert len(score.warnings) == 3
    assert score.warnings[0] == f'{sol}:2: field "line": expected 4 fields (course room day period), found 2'


def test_every_form_of_a_timetable_scores_the_same():
    problem = horarium.Problem.from_ctt(FIXTURES / "ctt" / "room_stability.ctt")
    reference = horarium.score(problem, FIXTURES / "ctt" / "room_stability.sol")
    solution = horarium.solve(problem, iterations=20_000, seed=5)
    forms = [
        solution,
        solution.to_json(),
        json.loads(solution.to_json()),
        solution.assignments,
        tuple(solution.assignments),
        [{k: v for k, v in a.items() if k != "lesson"} for a in solution.assignments],
    ]
    for form in forms:
        assert horarium.score(problem, form).cost == solution.cost
    assert solution.score.cost == solution.cost
    # A solution carries over to an equal problem read again, and by names to another problem.
    again = horarium.Problem.from_ctt(FIXTURES / "ctt" / "room_stability.ctt")
    assert horarium.score(again, solution).cost == solution.cost
    assert horarium.score(horarium.Problem.from_json(problem.to_json()), solution).cost == solution.cost
    assert reference.cost == horarium.score(problem, Path(FIXTURES / "ctt" / "room_stability.sol")).cost


def test_violations_and_breakdown_have_the_documented_shape(itc2007):
    problem = horarium.Problem.from_ctt(itc2007 / "comp01.ctt")
    score = horarium.score(problem, itc2007 / "solutions" / "tests" / "comp01.ctt.sol.57")
    assert score.cost == (0, 57)
    breakdown = score.breakdown
    assert sum(totals["soft"] for totals in breakdown.values()) == 57
    assert list(breakdown)[:4] == ["unplaced", "day_boundary", "room_choice", "pinned"]
    assert all(set(totals) == {"hard", "soft", "violations"} for totals in breakdown.values())
    assert score.violations, "comp01.ctt.sol.57 has soft violations"
    for v in score.violations:
        assert set(v) == VIOLATION_KEYS
        weight = v["level"]["soft"]
        assert weight >= 1 and v["cost"] == {"hard": 0, "soft": weight * v["amount"]}
        assert all(set(lesson) == {"course", "lesson"} and isinstance(lesson["course"], str) and isinstance(lesson["lesson"], int) for lesson in v["lessons"])
        assert all(0 <= slot["day"] < problem.days and 0 <= slot["period"] < problem.periods_per_day for slot in v["slots"])
        assert all(r["type"] in {"teacher", "group", "room", "course"} and isinstance(r["name"], str) for r in v["resources"])
        assert isinstance(v["message"], str) and v["message"]
    assert sum(v["cost"]["soft"] for v in score.violations) == 57
    # The breakdown counts the violations of each kind.
    for kind, totals in breakdown.items():
        assert totals["violations"] == sum(1 for v in score.violations if v["kind"] == kind), kind
    assert repr(score) == f"<horarium.Score hard 0 soft 57, {len(score.violations)} violations>"


def test_the_report_is_the_engines_whole_score():
    problem = horarium.Problem.from_file(FIXTURES / "json" / "school-small.json")
    score = horarium.score(problem, FIXTURES / "json" / "school-small.timetable.json")
    report = score.report()
    assert report == {
        "cost": {"hard": score.hard, "soft": score.soft},
        "feasible": score.feasible,
        "breakdown": score.breakdown,
        "violations": score.violations,
    }
    assert list(report["breakdown"]) == list(score.breakdown)


def test_unplaced_lessons_are_hard_violations():
    problem = horarium.Problem.from_ctt(FIXTURES / "ctt" / "tiny.ctt")
    score = horarium.score(problem, [])
    assert score.cost[0] == problem.counts["lessons"]
    assert not score.feasible
    unplaced = [v for v in score.violations if v["kind"] == "unplaced"]
    assert len(unplaced) == problem.counts["lessons"]
    assert all(v["level"] == "hard" and v["constraint"] is None and v["cost"] == {"hard": 1, "soft": 0} for v in unplaced)
    assert score.breakdown["unplaced"] == {"hard": problem.counts["lessons"], "soft": 0, "violations": problem.counts["lessons"]}


def test_assignments_load_as_a_table():
    problem = horarium.Problem.from_file(FIXTURES / "json" / "school-small.json")
    solution = horarium.solve(problem, iterations=50_000, seed=2)
    rows = solution.assignments
    assert isinstance(rows, list) and len(rows) == problem.counts["lessons"]
    assert all(isinstance(row, dict) and set(row) == ASSIGNMENT_KEYS for row in rows)
    assert all(isinstance(row["room"], (str, type(None))) for row in rows)
    assert [(r["course"], r["lesson"], r["day"], r["period"], r["room"]) for r in rows] == [
        (a["course"], a["lesson"], a["day"], a["period"], a.get("room")) for a in json.loads(solution.to_json())["assignments"]
    ]
    import pandas  # a test dependency (pyproject's `test` extra), so this test never skips

    frame = pandas.DataFrame(rows)
    assert list(frame.columns) == ["course", "lesson", "day", "period", "room"]
    assert len(frame) == len(rows)
    assert horarium.score(problem, frame.to_dict("records")).cost == solution.cost
