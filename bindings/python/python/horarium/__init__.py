"""Horarium: timetables that satisfy hard constraints and explain what they could not satisfy.

The Python binding of the Horarium timetabling engine, a thin adapter over its operations:

- read: ``Problem.from_ctt(path)``, ``Problem.from_json(text)``, ``Problem.from_dict(d)``,
  ``Problem.from_file(path)``;
- validate: ``score(problem, timetable)`` returns a ``Score``, computed from scratch;
- analyze: ``problem.analyze()``, the pre-analysis's reasons why no timetable without hard
  violations exists;
- bound: ``problem.bound(time=60.0)``, a proved lower bound on the soft cost (an integer
  program solved by HiGHS); a solution that meets it is optimal;
- solve: ``solve(problem, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None,
  initial=None)`` returns a ``Solution``; the search runs in Rust without the GIL, and Ctrl-C
  stops it;
- resolve: ``resolve(problem, old, move_cost=10, ...)`` solves a changed problem again from an
  earlier timetable, moving as few lessons as it can, and returns a ``Resolution``;
- render: ``render_html(problem, timetable)``, ``render_csv(problem, timetable)``,
  ``render_ics(problem, timetable, owner=None, dtstamp=None)``.

Reports are the engine's own shapes, as the command-line tool writes them with ``--json``:
``Score.breakdown``, ``Score.violations``, ``Solution.statistics``, ``Solution.status``,
``Problem.analyze()``, ``Problem.bound()``, ``Resolution.moved`` and every ``report()``.

Errors: ``ParseError`` (an input could not be read; the message is the command-line tool's),
``InfeasibleError`` (the pre-analysis proved the problem infeasible), both ``HorariumError``;
``ValueError`` for a parameter out of the engine's bounds.

>>> import horarium
>>> problem = horarium.Problem.from_ctt("fixtures/ctt/tiny.ctt")  # doctest: +SKIP
>>> solution = horarium.solve(problem, time_limit=1.0)  # doctest: +SKIP
>>> solution.cost  # doctest: +SKIP
(0, 0)
>>> solution.breakdown["unplaced"]  # doctest: +SKIP
{'hard': 0, 'soft': 0, 'violations': 0}
>>> again = horarium.resolve(problem, solution, iterations=10_000)  # doctest: +SKIP
>>> again.moved  # doctest: +SKIP
[]
"""

from ._horarium import (
    HorariumError,
    InfeasibleError,
    ParseError,
    Problem,
    Progress,
    Resolution,
    Score,
    Solution,
    __version__,
    render_csv,
    render_html,
    render_ics,
    resolve,
    score,
    solve,
)
from ._types import (
    Analysis,
    BoundReport,
    Owner,
    Assignment,
    Cost,
    CostDict,
    Counts,
    Issue,
    KindTotals,
    LessonRef,
    Level,
    Move,
    Place,
    Reason,
    ResolveReport,
    ResourceRef,
    ScoreReport,
    SlotRef,
    SoftLevel,
    SolveReport,
    Statistics,
    Status,
    TimetableDict,
    TimetableLike,
    Violation,
)

__all__ = [
    "Analysis",
    "BoundReport",
    "Owner",
    "Assignment",
    "Cost",
    "CostDict",
    "Counts",
    "Issue",
    "KindTotals",
    "LessonRef",
    "Level",
    "Move",
    "Place",
    "Reason",
    "ResolveReport",
    "ResourceRef",
    "ScoreReport",
    "SlotRef",
    "SoftLevel",
    "SolveReport",
    "Statistics",
    "Status",
    "TimetableDict",
    "TimetableLike",
    "Violation",
    "HorariumError",
    "InfeasibleError",
    "ParseError",
    "Problem",
    "Progress",
    "Resolution",
    "Score",
    "Solution",
    "__version__",
    "render_csv",
    "render_html",
    "render_ics",
    "resolve",
    "score",
    "solve",
]
