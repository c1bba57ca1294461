"""Type stubs of the horarium package (the native module horarium._horarium, re-exported)."""

import os
from typing import Any, Callable, Dict, List, Literal, Mapping, Optional, Union, final

from ._types import Analysis as Analysis
from ._types import BoundReport as BoundReport
from ._types import Owner as Owner
from ._types import Assignment as Assignment
from ._types import Cost as Cost
from ._types import CostDict as CostDict
from ._types import Counts as Counts
from ._types import Issue as Issue
from ._types import KindTotals as KindTotals
from ._types import LessonRef as LessonRef
from ._types import Level as Level
from ._types import Move as Move
from ._types import Place as Place
from ._types import Reason as Reason
from ._types import ResolveReport as ResolveReport
from ._types import ResourceRef as ResourceRef
from ._types import ScoreReport as ScoreReport
from ._types import SlotRef as SlotRef
from ._types import SoftLevel as SoftLevel
from ._types import SolveReport as SolveReport
from ._types import Statistics as Statistics
from ._types import Status as Status
from ._types import TimetableDict as TimetableDict
from ._types import TimetableLike as TimetableLike
from ._types import Violation as Violation

__version__: str
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

class HorariumError(Exception):
    """Base class of the errors horarium raises (bad arguments raise ValueError or TypeError)."""

class ParseError(HorariumError):
    """An input could not be read: a file that cannot be opened, or a malformed or inconsistent problem or timetable.

    ``str(error)`` is the message the command-line tool prints after ``error:``.
    """

    file: str
    issues: List[Issue]

class InfeasibleError(HorariumError):
    """The pre-analysis proved that the problem has no timetable without hard violations.

    ``str(error)`` is the message the command-line tool prints, one line per reason.
    """

    reasons: List[Reason]

@final
class Problem:
    """A timetabling problem: a calendar of days x periods, teachers, groups, rooms, courses with
    their lessons, and constraints. Immutable; build one with a ``from_*`` method."""

    @staticmethod
    def from_ctt(path: Union[str, os.PathLike[str]]) -> Problem:
        """Reads an ITC-2007 track 3 instance (``.ctt``) from a file. Raises ParseError."""
    @staticmethod
    def from_ctt_text(text: str, file: str = "<ctt>") -> Problem:
        """Parses the text of an ITC-2007 track 3 instance; ``file`` names it in error messages."""
    @staticmethod
    def from_fet_text(text: str, file: str = "<fet>", skip_unsupported: bool = False) -> Problem:
        """Parses the text of a FET file; with ``skip_unsupported``, unsupported constraint types are left out."""
    @staticmethod
    def from_json(text: str, file: str = "<json>") -> Problem:
        """Parses a problem in Horarium JSON; ``file`` names it in error messages."""
    @staticmethod
    def from_dict(d: Mapping[str, Any], file: str = "<dict>") -> Problem:
        """Builds a problem from a dict in the Horarium JSON model (as ``json.load`` gives it)."""
    @staticmethod
    def from_file(path: Union[str, os.PathLike[str]]) -> Problem:
        """Reads a problem file as the command-line tool does: ``.json`` as Horarium JSON, ``.fet`` as FET, ``.xml`` as an XHSTT archive of one instance, anything else as ``.ctt``."""
    @property
    def name(self) -> str:
        """The problem's name."""
    @property
    def format(self) -> Literal["ctt", "json", "fet", "xhstt"]:
        """The format it was read from."""
    @property
    def days(self) -> int:
        """Days in the week."""
    @property
    def periods_per_day(self) -> int:
        """Periods in a day."""
    @property
    def counts(self) -> Counts:
        """Numbers of teachers, groups, rooms, courses, lessons and constraints."""
    def to_json(self) -> str:
        """The problem in Horarium JSON (pretty-printed)."""
    def to_dict(self) -> Dict[str, Any]:
        """The problem as a dict in the Horarium JSON model."""
    def analyze(self) -> Analysis:
        """The pre-analysis, as the engine reports it: {"feasible": bool, "reasons": [...]}; no reason proves nothing."""
    def bound(self, time: float = 60.0) -> BoundReport:
        """A proved lower bound on the soft cost of every timetable without hard violations (HiGHS, within time seconds)."""

@final
class Score:
    """The evaluation of a timetable: totals, totals per kind, and every violation."""

    @property
    def cost(self) -> Cost:
        """(hard, soft)."""
    @property
    def hard(self) -> int:
        """The sum of the amounts of hard violations."""
    @property
    def soft(self) -> int:
        """The weighted sum of the amounts of soft violations."""
    @property
    def feasible(self) -> bool:
        """Whether no hard constraint is violated."""
    @property
    def breakdown(self) -> Dict[str, KindTotals]:
        """{kind: {"hard", "soft", "violations"}} for the built-in rules and every kind the problem uses, in catalog order."""
    @property
    def violations(self) -> List[Violation]:
        """Every violation, as the engine reports it."""
    @property
    def warnings(self) -> List[str]:
        """Lines of a solution file that were skipped, as the command-line tool's ``validate`` warns of them."""
    def report(self) -> ScoreReport:
        """The whole score as the engine reports it: cost, feasible, breakdown, violations."""

@final
class Progress:
    """A report on a running search, passed to the ``progress`` callback of ``solve``."""

    @property
    def elapsed(self) -> float:
        """Seconds since the solve started."""
    @property
    def best(self) -> Cost:
        """The best (hard, soft) cost found so far."""
    @property
    def moves_per_second(self) -> float:
        """Moves tried per second (per thread) since the start."""
    @property
    def iterations(self) -> int:
        """Moves tried so far by the reporting thread."""
    @property
    def fraction(self) -> float:
        """Fraction of the budget (time or iterations) used, from 0 to 1."""

class Solution:
    """The result of ``solve``: the best timetable found, its score, why the search stopped, and measurements."""

    @property
    def problem(self) -> Problem:
        """The problem that was solved."""
    @property
    def score(self) -> Score:
        """The timetable's Score, computed from scratch by the engine's scorer."""
    @property
    def cost(self) -> Cost:
        """(hard, soft)."""
    @property
    def feasible(self) -> bool:
        """Whether no hard constraint is violated."""
    @property
    def breakdown(self) -> Dict[str, KindTotals]:
        """The totals per kind, as ``score.breakdown``."""
    @property
    def violations(self) -> List[Violation]:
        """Every violation, as ``score.violations``."""
    @property
    def assignments(self) -> List[Assignment]:
        """One dict per placed lesson; ``pandas.DataFrame(solution.assignments)`` makes a table of them."""
    @property
    def status(self) -> Status:
        """Why the search stopped."""
    @property
    def statistics(self) -> Statistics:
        """Measurements: moves tried and accepted (and per second), time to the first feasible timetable, time of the best, elapsed."""
    def report(self) -> SolveReport:
        """The whole solve as the engine reports it: status, statistics, score, timetable."""
    def to_json(self) -> str:
        """The timetable in Horarium JSON, as ``horarium solve -o out.json`` writes it (less the final newline)."""
    def to_ctt_solution(self) -> str:
        """The timetable in the ITC-2007 solution format, as ``horarium solve -o out.sol`` writes it. Raises HorariumError when a lesson has no room."""
    def write(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the timetable as ``horarium solve -o path`` does: ITC-2007 format for a ``.ctt`` problem, the archive with the solution for an XHSTT archive, JSON otherwise."""

@final
class Resolution(Solution):
    """The result of ``resolve``: a Solution of the changed problem, whose score is the changed problem's alone (without the cost of moves), with the lessons that moved."""

    @property
    def moved(self) -> List[Move]:
        """Every lesson whose slot or room changed: lesson, from and to."""
    @property
    def warnings(self) -> List[str]:
        """What of the old timetable no longer fits the problem and was left out, as ``horarium resolve`` warns of it."""
    def report(self) -> ResolveReport:  # type: ignore[override]
        """The whole re-solve as the engine reports it: Solution.report()'s fields and moved."""

def score(problem: Problem, timetable: TimetableLike) -> Score:
    """Scores a timetable against a problem, from scratch, with the engine's exact scorer."""

def solve(
    problem: Problem,
    time_limit: Optional[float] = 10.0,
    seed: int = 1,
    threads: int = 1,
    iterations: Optional[int] = None,
    progress: Optional[Callable[[Progress], object]] = None,
    initial: Optional[TimetableLike] = None,
) -> Solution:
    """Searches for a timetable of ``problem`` and returns the best one found.

    Stops at the first limit reached: ``time_limit`` seconds or ``iterations`` moves per thread.
    One thread, a seed and an iteration limit reached well before the time limit give the same
    timetable as ``horarium solve --iterations N --seed S``. The GIL is released while the search
    runs; Ctrl-C stops it and KeyboardInterrupt is re-raised. Raises InfeasibleError when the
    pre-analysis proves the problem infeasible, ValueError for an argument out of the engine's bounds.
    """

def resolve(
    problem: Problem,
    old: TimetableLike,
    move_cost: int = 10,
    time_limit: Optional[float] = 10.0,
    seed: int = 1,
    threads: int = 1,
    iterations: Optional[int] = None,
    progress: Optional[Callable[[Progress], object]] = None,
) -> Resolution:
    """Solves a changed problem again from an earlier timetable, moving as few lessons as it can, as ``horarium resolve`` does.

    What of ``old`` no longer fits ``problem`` is left out (``Resolution.warnings``); each lesson
    moved costs ``move_cost`` soft units during the search. One thread, a seed and an iteration
    limit give the same timetable as ``horarium resolve --iterations N --seed S``. The rest is as
    for ``solve``.
    """

def render_html(problem: Problem, timetable: TimetableLike) -> str:
    """The timetable as one self-contained HTML page, as ``horarium render --format html`` writes it."""

def render_csv(problem: Problem, timetable: TimetableLike) -> str:
    """The timetable as CSV, one row per placed lesson, as ``horarium render --format csv`` writes it."""

def render_ics(problem: Problem, timetable: TimetableLike, owner: Optional[Owner] = None, dtstamp: Optional[str] = None) -> str:
    """The timetable as an iCalendar file, as ``horarium render --format ics`` writes it: every placed lesson, or only ``owner``'s.

    ``dtstamp`` is the creation time in UTC (``YYYYMMDDTHHMMSSZ``), now when None. Raises
    ValueError for an owner the problem does not have or a malformed ``dtstamp``.
    """
