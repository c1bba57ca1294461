"""Re-solving a changed problem: nothing moves when nothing changed, what must move moves, and
the same timetable as the command-line tool's `resolve`."""

import json
import re
from pathlib import Path

import pytest

import horarium
from conftest import FIXTURES, run_cli

TINY = FIXTURES / "ctt" / "tiny.ctt"
SCHOOL = FIXTURES / "json" / "school-small.json"
SCHOOL_TIMETABLE = FIXTURES / "json" / "school-small.timetable.json"
MOVE_KEYS = {"lesson", "from", "to"}


def changed_school() -> dict:
    """school-small with Maths-5A one lesson shorter, and Adams, who teaches it, unavailable
    wherever the fixture timetable places the first two of its other lessons."""
    problem = json.loads(SCHOOL.read_text())
    maths = next(c for c in problem["courses"] if c["name"] == "Maths-5A")
    maths["lessons"] -= 1
    old = json.loads(SCHOOL_TIMETABLE.read_text())["assignments"]
    taken = [a for a in old if a["course"] == "Maths-5A" and a["lesson"] in (0, 1)]
    assert len(taken) == 2
    slots = [{"day": a["day"], "period": a["period"]} for a in taken]
    problem["constraints"].append({"kind": "unavailable", "level": "hard", "resource": {"teacher": "Adams"}, "slots": slots})
    return problem


def test_nothing_moves_when_nothing_changed():
    problem = horarium.Problem.from_ctt(TINY)
    solution = horarium.solve(problem, iterations=20_000, seed=1)
    assert solution.cost == (0, 0)
    again = horarium.resolve(problem, solution, iterations=20_000, seed=2)
    assert isinstance(again, horarium.Resolution) and isinstance(again, horarium.Solution)
    assert again.moved == [] and again.warnings == []
    assert again.assignments == solution.assignments
    assert again.cost == (0, 0) and again.feasible
    # The fixture school's timetable (soft cost 6, less than one move): nothing is worth moving.
    school = horarium.Problem.from_file(SCHOOL)
    for old in [SCHOOL_TIMETABLE, SCHOOL_TIMETABLE.read_text(), json.loads(SCHOOL_TIMETABLE.read_text())]:
        again = horarium.resolve(school, old, iterations=20_000, seed=1)
        assert again.moved == [] and again.warnings == []
        assert again.cost == horarium.score(school, SCHOOL_TIMETABLE).cost


def test_a_change_moves_what_must_move_and_scores_the_changed_problem_alone():
    old_problem = horarium.Problem.from_file(SCHOOL)
    old = horarium.solve(old_problem, initial=SCHOOL_TIMETABLE, iterations=0)
    problem = horarium.Problem.from_dict(changed_school())
    again = horarium.resolve(problem, old, iterations=50_000, seed=1)
    assert again.problem is problem
    assert again.feasible, again.violations
    # Maths-5A's last lesson is gone, which the old timetable placed: left out, with a warning.
    assert again.warnings == ['<solution>: field "assignments[%d].lesson": course "Maths-5A" has 3 lessons; lesson 3 does not exist (left out)' % index_of(old, "Maths-5A", 3)]
    moved = again.moved
    assert moved, "two lessons of Maths-5A sit where Adams is no longer available"
    assert all(set(m) == MOVE_KEYS and m["from"] != m["to"] for m in moved)
    moved_lessons = {(m["lesson"]["course"], m["lesson"]["lesson"]) for m in moved}
    assert {("Maths-5A", 0), ("Maths-5A", 1)} <= moved_lessons
    # Whatever did not move is where it was.
    before = {(a["course"], a["lesson"]): (a["day"], a["period"], a["room"]) for a in old.assignments}
    for a in again.assignments:
        key = (a["course"], a["lesson"])
        if key not in moved_lessons:
            assert before[key] == (a["day"], a["period"], a["room"]), key
        else:
            m = next(m for m in moved if (m["lesson"]["course"], m["lesson"]["lesson"]) == key)
            assert m["to"] == {"day": a["day"], "period": a["period"], "room": a["room"]}
            assert m["from"] == dict(zip(["day", "period", "room"], before[key]))
    # The score is the changed problem's alone, without the cost of moves.
    assert again.cost == horarium.score(problem, again).cost == again.score.cost
    report = again.report()
    assert list(report) == ["status", "statistics", "score", "timetable", "moved"]
    assert report["moved"] == moved and report["score"] == again.score.report()
    assert report["timetable"] == json.loads(again.to_json())
    assert re.fullmatch(r'<horarium\.Resolution "school-small[^"]*": hard 0 soft \d+, %d moved, iteration_limit after \d+\.\d s>' % len(moved), repr(again))


def index_of(solution: horarium.Solution, course: str, lesson: int) -> int:
    return next(i for i, a in enumerate(solution.assignments) if (a["course"], a["lesson"]) == (course, lesson))


def test_progress_and_the_move_cost():
    problem = horarium.Problem.from_dict(changed_school())
    reports: "list[horarium.Progress]" = []
    cheap = horarium.resolve(problem, SCHOOL_TIMETABLE, move_cost=1, time_limit=0.5, progress=reports.append)
    assert reports and reports[-1].fraction > 0.9
    assert cheap.status == "time_limit" and cheap.feasible
    # Moving is dear: only the two lessons that must move do; cheap moves buy a lower cost (both
    # with the same number of moves tried, so that how busy the machine is does not decide it).
    dear = horarium.resolve(problem, SCHOOL_TIMETABLE, move_cost=1000, iterations=50_000)
    assert dear.feasible
    assert sorted((m["lesson"]["course"], m["lesson"]["lesson"]) for m in dear.moved) == [("Maths-5A", 0), ("Maths-5A", 1)]
    cheaper = horarium.resolve(problem, SCHOOL_TIMETABLE, move_cost=1, iterations=50_000)
    assert cheaper.cost < dear.cost and len(cheaper.moved) > len(dear.moved)


@pytest.mark.parametrize("seed, iterations", [(3, 30_000), (8, 60_000)])
def test_same_timetable_as_the_cli(cli, tmp_path, seed, iterations):
    """One thread, a seed and an iteration limit: the CLI's re-solve, to the byte, with the same moves and warnings."""
    if "--iterations" not in run_cli(cli, "resolve", "--help").stdout:
        pytest.skip("the command-line tool's resolve has no --iterations option: its result depends on the time it is given")
    problem_file = tmp_path / "changed.json"
    problem_file.write_text(json.dumps(changed_school(), indent=2))
    out_file = tmp_path / "out.json"
    out = run_cli(cli, "resolve", problem_file, "--from", SCHOOL_TIMETABLE, "--iterations", iterations, "--seed", seed, "--threads", 1, "-o", out_file)
    assert out.returncode == 0, out.stderr
    problem = horarium.Problem.from_file(problem_file)
    again = horarium.resolve(problem, SCHOOL_TIMETABLE, iterations=iterations, seed=seed, threads=1)
    assert again.status == "iteration_limit"
    assert again.to_json() + "\n" == out_file.read_text()
    mine = tmp_path / "mine.json"
    again.write(mine)
    assert mine.read_text() == out_file.read_text()
    cost = re.search(r"^cost: hard (\d+) soft (\d+)$", out.stderr, re.MULTILINE)
    assert cost and again.cost == (int(cost.group(1)), int(cost.group(2)))
    count = re.search(r"^(\d+) of \d+ lessons moved", out.stderr, re.MULTILINE)
    assert count and int(count.group(1)) == len(again.moved)
    cli_moved = re.findall(r"^moved: (.+) lesson (\d+): ", out.stderr, re.MULTILINE)
    assert cli_moved == [(m["lesson"]["course"], str(m["lesson"]["lesson"] + 1)) for m in again.moved]
    warnings = [line[len("warning: ") :] for line in out.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == again.warnings and len(warnings) == 1


def test_a_ctt_solution_file_as_the_old_timetable(tmp_path):
    problem = horarium.Problem.from_ctt(TINY)
    old = tmp_path / "old.sol"
    old.write_text(horarium.solve(problem, iterations=20_000).to_ctt_solution() + "nonsense\n")
    again = horarium.resolve(problem, old, iterations=5_000)
    assert again.moved == []
    assert len(again.warnings) == 1 and again.warnings[0].startswith(f"{old}:")


def test_an_unreadable_old_timetable_raises_parse_error(tmp_path):
    problem = horarium.Problem.from_ctt(TINY)
    with pytest.raises(horarium.ParseError, match=r"^<json>:1: "):
        horarium.resolve(problem, "{", iterations=10)
    with pytest.raises(horarium.ParseError, match=r"missing\.json: No such file"):
        horarium.resolve(problem, Path(tmp_path / "missing.json"), iterations=10)
    bad = tmp_path / "bad.json"
    bad.write_text('{"assignments": [{"course": "Alg"}]}')
    with pytest.raises(horarium.ParseError, match=r"^.*bad\.json:1: missing field `day`"):
        horarium.resolve(problem, bad, iterations=10)
