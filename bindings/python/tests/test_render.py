"""Rendering: the same HTML page, CSV and iCalendar file as the command-line tool's `render`."""

import json
import re

import pytest

import horarium
from conftest import FIXTURES, run_cli

CASES = [
    (FIXTURES / "json" / "school-small.json", FIXTURES / "json" / "school-small.timetable.json"),
    (FIXTURES / "json" / "school-worked-example.json", FIXTURES / "json" / "school-worked-example.timetable.json"),
    (FIXTURES / "ctt" / "room_stability.ctt", FIXTURES / "ctt" / "room_stability.sol"),
]


@pytest.mark.parametrize("problem_file, timetable_file", CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_same_text_as_the_cli(cli, problem_file, timetable_file, fmt):
    out = run_cli(cli, "render", problem_file, timetable_file, "--format", fmt)
    assert out.returncode == 0, out.stderr
    problem = horarium.Problem.from_file(problem_file)
    render = {"html": horarium.render_html, "csv": horarium.render_csv}[fmt]
    assert render(problem, timetable_file) == out.stdout


def test_every_form_of_a_timetable_renders_the_same():
    problem = horarium.Problem.from_file(FIXTURES / "json" / "school-small.json")
    path = FIXTURES / "json" / "school-small.timetable.json"
    text = path.read_text()
    page = horarium.render_html(problem, path)
    assert "<!DOCTYPE html>" in page
    assert horarium.render_html(problem, text) == page
    assert horarium.render_html(problem, json.loads(text)) == page
    solution = horarium.solve(problem, initial=path, iterations=1)
    assert horarium.render_csv(problem, solution) == horarium.render_csv(problem, solution.assignments)
    assert horarium.render_csv(problem, []).splitlines() == ["course,lesson,day,day_label,period,period_label,length,room,teachers,groups,violations"]


@pytest.mark.parametrize("owner", [None, ("teacher", "Adams"), ("group", "5A"), ("room", "Lab")], ids=str)
def test_the_same_calendar_as_the_cli(cli, tmp_path, owner):
    problem_file, timetable_file = CASES[0]
    flags = [f"--{owner[0]}", owner[1]] if owner else []
    out_file = tmp_path / "out.ics"
    out = run_cli(cli, "render", problem_file, timetable_file, "--format", "ics", "--dtstamp", "20250301T120000Z", *flags, "-o", out_file)
    assert out.returncode == 0, out.stderr
    problem = horarium.Problem.from_file(problem_file)
    owner_ref = {"type": owner[0], "name": owner[1]} if owner else None
    calendar = horarium.render_ics(problem, timetable_file, owner=owner_ref, dtstamp="20250301T120000Z")
    # Read as bytes: the lines end with CRLF, which reading text would turn into LF.
    assert calendar == out_file.read_bytes().decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")


def test_calendar_arguments():
    problem = horarium.Problem.from_file(FIXTURES / "json" / "school-small.json")
    timetable = FIXTURES / "json" / "school-small.timetable.json"
    stamps = re.findall(r"^DTSTAMP:(\d{8}T\d{6}Z)\r$", horarium.render_ics(problem, timetable), re.MULTILINE)
    assert stamps and len(set(stamps)) == 1, "now, in UTC, when not given"
    with pytest.raises(ValueError, match="DTSTAMP \"yesterday\" is not a UTC date-time"):
        horarium.render_ics(problem, timetable, dtstamp="yesterday")
    with pytest.raises(ValueError, match='has no teacher named "Nobody"'):
        horarium.render_ics(problem, timetable, owner={"type": "teacher", "name": "Nobody"})
    with pytest.raises(ValueError, match='owner type must be "teacher", "group" or "room", not "course"'):
        horarium.render_ics(problem, timetable, owner={"type": "course", "name": "Maths-5A"})
    with pytest.raises(TypeError, match="owner must be a dict"):
        horarium.render_ics(problem, timetable, owner=("teacher", "Adams"))  # type: ignore[arg-type]
