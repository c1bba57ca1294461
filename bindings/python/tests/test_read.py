"""Reading problems: ITC-2007 instances, the project's .ctt and JSON fixtures, text and dicts."""

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import horarium
from conftest import COMPS, FIXTURES, run_cli

CTT_FIXTURES = sorted((FIXTURES / "ctt").glob("*.ctt"))
JSON_PROBLEMS = sorted(p for p in (FIXTURES / "json").glob("*.json") if not p.name.endswith(".timetable.json"))


def ctt_header(path: Path) -> Dict[str, Any]:
    """The header values and the lecture total of a .ctt file, read independently of the engine."""
    lines = path.read_text().splitlines()
    header: Dict[str, Any] = {}
    for line in lines:
        if ":" in line and not line.strip().endswith(":"):
            key, value = line.split(":", 1)
            header[key.strip()] = value.strip()
        if line.strip() == "COURSES:":
            break
    start = lines.index("COURSES:") + 1
    courses = [line.split() for line in lines[start : start + int(header["Courses"])]]
    header["lessons"] = sum(int(c[2]) for c in courses)
    header["teachers"] = len({c[1] for c in courses})
    return header


@pytest.mark.parametrize("name", COMPS + ["toy", "toytoy"])
def test_reads_every_itc2007_instance(itc2007, name):
    path = itc2007 / f"{name}.ctt"
    problem = horarium.Problem.from_ctt(path)
    header = ctt_header(path)
    assert problem.name == header["Name"]
    assert problem.format == "ctt"
    assert (problem.days, problem.periods_per_day) == (int(header["Days"]), int(header["Periods_per_day"]))
    counts = problem.counts
    assert counts["courses"] == int(header["Courses"])
    assert counts["rooms"] == int(header["Rooms"])
    assert counts["groups"] == int(header["Curricula"])
    assert counts["teachers"] == header["teachers"]
    assert counts["lessons"] == header["lessons"]
    assert set(counts) == {"teachers", "groups", "rooms", "courses", "lessons", "constraints"}
    # A str path and an os.PathLike read the same problem; so does from_file for a .ctt name.
    assert horarium.Problem.from_ctt(str(path)).to_json() == problem.to_json()
    assert horarium.Problem.from_file(path).to_json() == problem.to_json()


@pytest.mark.parametrize("path", CTT_FIXTURES, ids=lambda p: p.name)
def test_reads_the_ctt_fixtures(path):
    problem = horarium.Problem.from_ctt(path)
    assert problem.name == ctt_header(path)["Name"]
    assert horarium.Problem.from_ctt_text(path.read_text()).to_json() == problem.to_json()
    # The JSON model of a .ctt problem reads back as the same problem.
    again = horarium.Problem.from_json(problem.to_json())
    assert again.to_json() == problem.to_json()
    assert again.format == "json"


@pytest.mark.parametrize("path", JSON_PROBLEMS, ids=lambda p: p.name)
def test_reads_the_json_fixtures(path):
    text = path.read_text()
    from_file = horarium.Problem.from_file(path)
    from_text = horarium.Problem.from_json(text)
    from_dict = horarium.Problem.from_dict(json.loads(text))
    assert from_file.format == from_text.format == from_dict.format == "json"
    assert from_file.name == json.loads(text)["name"]
    assert from_file.to_json() == from_text.to_json() == from_dict.to_json()
    assert horarium.Problem.from_dict(from_file.to_dict()).to_json() == from_file.to_json()
    assert from_file.counts["courses"] == len(json.loads(text)["courses"])


@pytest.mark.parametrize("relative", ["fixtures/ctt/tiny.ctt", "fixtures/json/school-small.json"])
def test_to_json_is_what_the_cli_converts(cli, relative):
    out = run_cli(cli, "convert", relative, "--to", "json")
    assert out.returncode == 0, out.stderr
    assert out.stdout == horarium.Problem.from_file(FIXTURES.parent / relative).to_json() + "\n"


def test_repr_names_the_problem():
    problem = horarium.Problem.from_ctt(FIXTURES / "ctt" / "tiny.ctt")
    assert repr(problem) == '<horarium.Problem "Tiny": 3 days x 2 periods, 3 courses, 5 lessons, 2 rooms, 12 constraints>'


def test_problems_are_immutable():
    problem = horarium.Problem.from_ctt(FIXTURES / "ctt" / "tiny.ctt")
    with pytest.raises(AttributeError):
        problem.name = "other"  # type: ignore[misc]


def test_fet_files_read_as_the_cli_converts_them(cli: Path) -> None:
    path = FIXTURES / "fet" / "small.fet"
    problem = horarium.Problem.from_file(path)
    assert problem.format == "fet"
    assert horarium.Problem.from_fet_text(path.read_text(), "small.fet").to_json() == problem.to_json()
    assert json.loads(problem.to_json()) == json.loads(run_cli(cli, "convert", path, "--to", "json").stdout)
    extra = "<ConstraintActivitiesOccupyMinTimeSlotsFromSelection><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>0</Number_of_Activities><Active>true</Active></ConstraintActivitiesOccupyMinTimeSlotsFromSelection>\n"
    text = path.read_text().replace("</Time_Constraints_List>", extra + "</Time_Constraints_List>")
    with pytest.raises(horarium.ParseError, match=r"ConstraintActivitiesOccupyMinTimeSlotsFromSelection \(1\)"):
        horarium.Problem.from_fet_text(text, "x.fet")
    assert horarium.Problem.from_fet_text(text, "x.fet", skip_unsupported=True).to_json() == problem.to_json()
