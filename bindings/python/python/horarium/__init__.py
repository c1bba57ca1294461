"""Horarium: timetables that satisfy hard constraints and explain what they could not satisfy.

The Python binding of the Horarium timetabling engine, a thin adapter over its three calls:

- read: ``Problem.from_ctt(path)``, ``Problem.from_json(text)``, ``Problem.from_dict(d)``,
  ``Problem.from_file(path)``;
- solve: ``solve(problem, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None,
  initial=None)`` returns a ``Solution``; the search runs in Rust without the GIL, and Ctrl-C
  stops it;
- score: ``score(problem, timetable)`` returns a ``Score``, computed from scratch.

Errors: ``ParseError`` (an input could not be read; the message is the command-line tool's),
``InfeasibleError`` (the pre-analysis proved the problem infeasible), both ``HorariumError``.

>>> import horarium
>>> problem = horarium.Problem.from_ctt("fixtures/ctt/tiny.ctt")  # doctest: +SKIP
>>> solution = horarium.solve(problem, time_limit=1.0)  # doctest: +SKIP
>>> solution.cost  # doctest: +SKIP
(0, 0)
"""

from ._horarium import (
    HorariumError,
    InfeasibleError,
    ParseError,
    Problem,
    Progress,
    Score,
    Solution,
    __version__,
    score,
    solve,
)
from ._types import Assignment, Cost, Counts, Issue, Reason, ResourceRef, Statistics, TimetableLike, Violation

__all__ = [
    "Assignment",
    "Cost",
    "Counts",
    "Issue",
    "Reason",
    "ResourceRef",
    "Statistics",
    "TimetableLike",
    "Violation",
    "HorariumError",
    "InfeasibleError",
    "ParseError",
    "Problem",
    "Progress",
    "Score",
    "Solution",
    "__version__",
    "score",
    "solve",
]
