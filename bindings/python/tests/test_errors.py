"""Errors: the same messages as the command-line tool, the exception classes, and bad arguments."""

import json
import re
from pathlib import Path

import pytest

import horarium
from conftest import FIXTURES, run_cli

TINY = FIXTURES / "ctt" / "tiny.ctt"

BAD_CTT = """Name: Bad
Courses: 2
Rooms: 1
Days: x
Periods_per_day: 2
Curricula: 0
Constraints: 0

COURSES:
Alg Ada 2 2 25

ROOMS:
R1 30

CURRICULA:

UNAVAILABILITY_CONSTRAINTS:

END.
"""

# A teacher with three lessons and two slots, under hard clashes: the pre-analysis proves it infeasible.
OVERBOOKED = {
    "name": "overbooked",
    "calendar": {"days": 1, "periods_per_day": 2},
    "teachers": [{"name": "Ada"}],
    "rooms": [{"name": "R", "capacity": 30}],
    "courses": [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}],
    "constraints": [{"kind": "clashes", "level": "hard"}],
}


def bad_inputs(tmp: Path) -> list:
    """Problem files the readers refuse, each with a different kind of error."""
    files = {
        "missing.ctt": None,
        "bad.ctt": BAD_CTT,
        "syntax.json": '{"name": "x", "calendar": {"days": 1,,}}',
        "types.json": '{"name": 3}',
        "reference.json": json.dumps({**OVERBOOKED, "courses": [{"name": "Maths", "teachers": ["Bob"], "lessons": 1}]}, indent=2),
        "latin1.ctt": None,
    }
    paths = []
    for name, text in files.items():
        path = tmp / name
        if text is not None:
            path.write_text(text)
        paths.append(path)
    (tmp / "latin1.ctt").write_bytes(BAD_CTT.replace("Bad", "B\xe9d").encode("latin-1"))
    return paths


def read_error(path: Path) -> horarium.ParseError:
    with pytest.raises(horarium.ParseError) as caught:
        horarium.Problem.from_file(path)
    return caught.value


def test_parse_errors_are_the_clis_messages(cli, tmp_path):
    for path in bad_inputs(tmp_path):
        err = read_error(path)
        out = run_cli(cli, "analyze", path)
        assert out.returncode == 2, out
        assert out.stderr == f"error: {err}\n", path.name
        assert err.file == str(path)


def test_parse_errors_name_file_line_and_field(tmp_path):
    # Known strings, so that the messages are checked even where the CLI is not built.
    paths = {p.name: p for p in bad_inputs(tmp_path)}
    assert str(read_error(paths["missing.ctt"])) == f"{paths['missing.ctt']}: No such file or directory (os error 2)"
    err = read_error(paths["bad.ctt"])
    assert str(err).startswith(f"{paths['bad.ctt']}:4: field \"Days\": ")
    assert err.issues[0]["line"] == 4 and err.issues[0]["field"] == "Days"
    assert all(set(issue) == {"line", "field", "message"} for issue in err.issues)
    assert len(str(err).splitlines()) == len(err.issues)
    err = read_error(paths["reference.json"])
    assert str(err) == f'{paths["reference.json"]}: field "courses[0].teachers[0]": unknown teacher "Bob"'
    assert err.issues == [{"line": None, "field": "courses[0].teachers[0]", "message": 'unknown teacher "Bob"'}]
    assert re.fullmatch(r".*latin1\.ctt:1: the file is not valid UTF-8 text", str(read_error(paths["latin1.ctt"])))


def test_text_and_dict_readers_name_their_input():
    with pytest.raises(horarium.ParseError, match=r"^<json>:1: "):
        horarium.Problem.from_json("{")
    with pytest.raises(horarium.ParseError, match=r"^mine\.json:1: "):
        horarium.Problem.from_json("[]", file="mine.json")
    with pytest.raises(horarium.ParseError) as caught:
        horarium.Problem.from_dict({**OVERBOOKED, "rooms": [{"name": "R", "capacity": "many"}]})
    assert str(caught.value).startswith("<dict>:1: invalid type: string \"many\"")
    with pytest.raises(horarium.ParseError, match=r'^<ctt>:4: field "Days"'):
        horarium.Problem.from_ctt_text(BAD_CTT)


def test_timetable_errors_are_the_clis_messages(cli, tmp_path):
    problem = horarium.Problem.from_ctt(TINY)
    bad = tmp_path / "bad.timetable.json"
    bad.write_text(json.dumps({"assignments": [{"course": "Nope", "day": 0, "period": 0, "room": "R9"}, {"course": "Alg", "day": 7, "period": 0}]}))
    with pytest.raises(horarium.ParseError) as caught:
        horarium.score(problem, bad)
    out = run_cli(cli, "validate", TINY, bad)
    assert out.returncode == 2
    assert out.stderr == f"error: {caught.value}\n"
    # The same document as text or as dicts names its origin instead of a file.
    with pytest.raises(horarium.ParseError, match=r'^<json>: field "assignments\[0\]\.course": unknown course "Nope"'):
        horarium.score(problem, bad.read_text())
    with pytest.raises(horarium.ParseError, match=r'^<assignments>: field "assignments\[0\]\.course": unknown course "Nope"'):
        horarium.score(problem, json.loads(bad.read_text())["assignments"])


def test_infeasible_problem_is_refused_with_the_clis_message(cli, tmp_path):
    path = tmp_path / "overbooked.json"
    path.write_text(json.dumps(OVERBOOKED))
    problem = horarium.Problem.from_file(path)
    with pytest.raises(horarium.InfeasibleError) as caught:
        horarium.solve(problem, time_limit=5.0)
    err = caught.value
    expected = "overbooked: the problem has no timetable without hard violations:\n  - teacher Ada has 3 periods of lessons but can teach in only 2 slots"
    assert str(err) == expected
    assert err.reasons == [
        {
            "reason": "teacher_overbooked",
            "resources": [{"type": "teacher", "name": "Ada"}],
            "message": "teacher Ada has 3 periods of lessons but can teach in only 2 slots",
        }
    ]
    assert problem.analyze() == {"feasible": False, "reasons": err.reasons}
    out = run_cli(cli, "solve", path, "--time", "5")
    assert out.returncode == 3
    assert out.stderr == expected + "\n"
    # The pre-analysis is the engine's report, as `horarium analyze --json` writes it.
    out = run_cli(cli, "analyze", path, "--json")
    assert out.returncode == 3
    assert json.loads(out.stdout) == problem.analyze()
    # A re-solve is refused the same way.
    with pytest.raises(horarium.InfeasibleError) as again:
        horarium.resolve(problem, [], iterations=10)
    assert str(again.value) == expected and again.value.reasons == err.reasons


def test_a_problem_without_reasons_analyzes_as_feasible(cli):
    assert horarium.Problem.from_ctt(TINY).analyze() == {"feasible": True, "reasons": []}
    out = run_cli(cli, "analyze", TINY, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"feasible": True, "reasons": []}


def test_every_reason_is_listed():
    two = {**OVERBOOKED, "teachers": [{"name": "Ada"}, {"name": "Bob"}]}
    two["courses"] = [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}, {"name": "Art", "teachers": ["Bob"], "lessons": 4}]
    with pytest.raises(horarium.InfeasibleError) as caught:
        horarium.solve(horarium.Problem.from_dict(two))
    assert [r["resources"] for r in caught.value.reasons] == [[{"type": "teacher", "name": "Ada"}], [{"type": "teacher", "name": "Bob"}]]
    assert len(str(caught.value).splitlines()) == 3


def test_exception_classes():
    assert issubclass(horarium.HorariumError, Exception)
    assert issubclass(horarium.ParseError, horarium.HorariumError)
    assert issubclass(horarium.InfeasibleError, horarium.HorariumError)
    assert not issubclass(horarium.ParseError, horarium.InfeasibleError)
    assert horarium.ParseError.__module__ == "horarium"


def test_writing_a_roomless_lesson_as_ctt_is_a_horarium_error():
    outdoor = {
        "name": "outdoor",
        "calendar": {"days": 1, "periods_per_day": 2},
        "teachers": [{"name": "Ada"}],
        "rooms": [{"name": "R", "capacity": 30}],
        "courses": [{"name": "Run", "teachers": ["Ada"], "lessons": 1, "rooms": "no_room"}],
        "constraints": [],
    }
    solution = horarium.solve(horarium.Problem.from_dict(outdoor), iterations=1000)
    assert solution.assignments == [{"course": "Run", "lesson": 0, "day": solution.assignments[0]["day"], "period": solution.assignments[0]["period"], "room": None}]
    with pytest.raises(horarium.HorariumError, match="^cannot write ctt solution: a lesson of course Run has no room$"):
        solution.to_ctt_solution()


# The bounds and their messages are the engine's (SolveParameters::check); only what is not a
# number of the right type is the binding's.
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"time_limit": 0}, "time_limit must be a positive number of seconds up to 604800, not 0"),
        ({"time_limit": -1.5}, "time_limit must be a positive number of seconds up to 604800, not -1.5"),
        ({"time_limit": float("nan")}, "time_limit must be a positive number of seconds up to 604800, not NaN"),
        ({"time_limit": float("inf")}, "time_limit must be a positive number of seconds up to 604800, not inf"),
        ({"time_limit": 1e9}, "time_limit must be a positive number of seconds up to 604800, not 1000000000"),
        ({"seed": -1}, "seed must be a non-negative integer, not -1"),
        ({"seed": 1.5}, "seed must be a non-negative integer, not 1.5"),
        ({"threads": 0}, "threads must be from 1 to 256, not 0"),
        ({"threads": 257}, "threads must be from 1 to 256, not 257"),
        ({"threads": -1}, "threads must be a non-negative integer, not -1"),
        ({"iterations": -5}, "iterations must be a non-negative integer, not -5"),
        ({"time_limit": None}, "time_limit or iterations must be given: a search needs a limit"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, message):
    problem = horarium.Problem.from_ctt(TINY)
    with pytest.raises(ValueError) as caught:
        horarium.solve(problem, **kwargs)
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:
        horarium.resolve(problem, [], **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize("move_cost", [0, -1, 2**32, 1.5])
def test_a_bad_move_cost_raises_value_error(move_cost):
    with pytest.raises(ValueError, match=rf"^move_cost must be an integer from 1 to 4294967295, not {re.escape(repr(move_cost))}$"):
        horarium.resolve(horarium.Problem.from_ctt(TINY), [], move_cost=move_cost)


def test_wrong_types_raise_type_error():
    problem = horarium.Problem.from_ctt(TINY)
    with pytest.raises(TypeError, match="progress must be callable, not int"):
        horarium.solve(problem, progress=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timetable must be a Solution, JSON text"):
        horarium.score(problem, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="initial must be a Solution"):
        horarium.solve(problem, iterations=10, initial=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        horarium.solve("tiny.ctt")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="old must be a Solution"):
        horarium.resolve(problem, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="progress must be callable, not int"):
        horarium.resolve(problem, [], progress=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timetable must be a Solution"):
        horarium.render_html(problem, 5)  # type: ignore[arg-type]
