"""The shapes of the plain data horarium returns (dicts and tuples), for type checkers.

Each is importable from ``horarium``: ``def show(v: horarium.Violation) -> None``.
"""

import os
from typing import TYPE_CHECKING, Any, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

if TYPE_CHECKING:
    from . import Solution

Cost = Tuple[int, int]
"""(hard, soft): the sum of hard violations (0 means feasible) and the weighted soft cost."""

ResourceRef = Tuple[Literal["teacher", "group", "room", "course"], str]
"""A resource as (type, name), such as ("teacher", "Ada")."""


class Issue(TypedDict):
    """One located issue of a ParseError."""

    line: Optional[int]
    field: str
    message: str


class Reason(TypedDict):
    """One reason of the pre-analysis (InfeasibleError.reasons, Problem.analyze())."""

    reason: Literal["teacher_overbooked", "group_overbooked", "no_room", "no_place", "rooms_overbooked"]
    resources: List[ResourceRef]
    message: str


class Violation(TypedDict):
    """One violated rule (Score.violations)."""

    kind: str
    constraint: Optional[int]
    level: Literal["hard", "soft"]
    weight: Optional[int]
    amount: int
    hard: int
    soft: int
    lessons: List[Tuple[str, int]]
    slots: List[Tuple[int, int]]
    resources: List[ResourceRef]
    message: str


class Assignment(TypedDict):
    """One placed lesson (Solution.assignments); also accepted by score() and solve(initial=...)."""

    course: str
    lesson: Optional[int]
    day: int
    period: int
    room: Optional[str]


class Statistics(TypedDict):
    """Measurements of a finished search (Solution.statistics)."""

    moves_tried: int
    moves_accepted: int
    moves_per_second: float
    accepted_per_second: float
    time_to_first_feasible: Optional[float]
    time_of_best: float
    elapsed: float
    threads: int


class Counts(TypedDict):
    """Problem.counts."""

    teachers: int
    groups: int
    rooms: int
    courses: int
    lessons: int
    constraints: int


TimetableLike = Union["Solution", str, Sequence[Mapping[str, Any]], Mapping[str, Any], "os.PathLike[str]"]
"""What score() and solve(initial=...) accept: a Solution, Horarium JSON text, a list of
assignment dicts, a dict {"assignments": [...]}, or a path to a file (``.json`` or an ITC-2007 solution)."""
