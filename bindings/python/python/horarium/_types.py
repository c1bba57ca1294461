"""The shapes of the plain data horarium returns (dicts and tuples), for type checkers.

The reports (scores, violations, the pre-analysis, statistics, moves) are the engine's own, as
``horarium validate --json`` and ``horarium analyze --json`` write them: every adapter of the
engine (the command-line tool, Python, Node, the browser) gives the same fields, with the same
names. Each is importable from ``horarium``: ``def show(v: horarium.Violation) -> None``.
"""

import os
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

if TYPE_CHECKING:
    from . import Solution

Cost = Tuple[int, int]
"""(hard, soft): the sum of hard violations (0 means feasible) and the weighted soft cost."""


class CostDict(TypedDict):
    """A cost in a report: the hard total (0 means feasible) and the weighted soft total."""

    hard: int
    soft: int


class KindTotals(TypedDict):
    """What the violations of one kind add up to (Score.breakdown)."""

    hard: int
    soft: int
    violations: int


class SoftLevel(TypedDict):
    """A soft level and its weight, as the problem format writes it: {"soft": 5}."""

    soft: int


Level = Union[Literal["hard"], SoftLevel]
"""A rule's level: "hard" or {"soft": weight}."""


class ResourceRef(TypedDict):
    """A teacher, group, room or course, by name: {"type": "teacher", "name": "Ada"}."""

    type: Literal["teacher", "group", "room", "course"]
    name: str


class Owner(TypedDict):
    """Whose calendar render_ics writes: {"type": "teacher", "name": "Ada"} (or a group's, a room's)."""

    type: Literal["teacher", "group", "room"]
    name: str


class LessonRef(TypedDict):
    """A lesson: its course's name and its index in the course, from 0."""

    course: str
    lesson: int


class SlotRef(TypedDict):
    """A slot of the week: day and period, from 0."""

    day: int
    period: int


class Issue(TypedDict):
    """One located issue of a ParseError."""

    line: Optional[int]
    field: str
    message: str


class Reason(TypedDict):
    """One reason of the pre-analysis (InfeasibleError.reasons, Problem.analyze())."""

    reason: Literal["teacher_overbooked", "group_overbooked", "no_room", "no_place", "rooms_overbooked", "too_few_days", "clashing_courses", "pinned_rooms"]
    resources: List[ResourceRef]
    message: str


class Analysis(TypedDict):
    """The pre-analysis (Problem.analyze()): feasible is True when no reason was found, which proves nothing."""

    feasible: bool
    reasons: List[Reason]


class BoundReport(TypedDict):
    """A lower bound on the soft cost (Problem.bound()): feasible False proves no timetable is free of hard violations."""

    feasible: bool
    soft: Optional[int]
    exact: bool
    method: str
    variables: int
    integer_variables: int
    rows: int
    priced: List[str]
    relaxed: List[str]
    seconds: float


class Violation(TypedDict):
    """One violated rule (Score.violations)."""

    kind: str
    constraint: Optional[int]
    level: Level
    amount: int
    cost: CostDict
    lessons: List[LessonRef]
    slots: List[SlotRef]
    resources: List[ResourceRef]
    message: str


class ScoreReport(TypedDict):
    """A whole score (Score.report())."""

    cost: CostDict
    feasible: bool
    breakdown: Dict[str, KindTotals]
    violations: List[Violation]


class Assignment(TypedDict):
    """One placed lesson (Solution.assignments); also accepted by score() and solve(initial=...)."""

    course: str
    lesson: Optional[int]
    day: int
    period: int
    room: Optional[str]


class Statistics(TypedDict):
    """Measurements of a finished search (Solution.statistics); durations in seconds."""

    moves_tried: int
    moves_accepted: int
    moves_per_second: float
    accepted_per_second: float
    time_to_first_feasible: Optional[float]
    time_of_best: float
    elapsed: float
    threads: int
    repairs: int
    repairs_improved: int


Status = Literal["time_limit", "iteration_limit", "target_reached", "cancelled"]
"""Why a search stopped."""


class TimetableDict(TypedDict):
    """A timetable in the Horarium JSON model; an absent lesson index or room is left out."""

    assignments: List[Dict[str, Any]]


class SolveReport(TypedDict):
    """A whole solve (Solution.report())."""

    status: Status
    statistics: Statistics
    score: ScoreReport
    timetable: TimetableDict


class Place(TypedDict):
    """Where a lesson is: its start day and period, and its room (None for none)."""

    day: int
    period: int
    room: Optional[str]


Move = TypedDict("Move", {"lesson": LessonRef, "from": Optional[Place], "to": Optional[Place]})
"""One lesson that moved in a re-solve (Resolution.moved): from is None for a lesson the old
timetable did not place, to for one left unplaced."""

ResolveReport = TypedDict(
    "ResolveReport",
    {"status": Status, "statistics": Statistics, "score": ScoreReport, "timetable": TimetableDict, "moved": List[Move]},
)
"""A whole re-solve (Resolution.report()): SolveReport's fields and moved."""


class Counts(TypedDict):
    """Problem.counts."""

    teachers: int
    groups: int
    rooms: int
    courses: int
    lessons: int
    constraints: int


TimetableLike = Union["Solution", str, Sequence[Mapping[str, Any]], Mapping[str, Any], "os.PathLike[str]"]
"""What score(), solve(initial=...), resolve(old) and the renderers accept: a Solution, Horarium
JSON text, a list of assignment dicts, a dict {"assignments": [...]}, or a path to a file
(``.json`` or an ITC-2007 solution)."""
