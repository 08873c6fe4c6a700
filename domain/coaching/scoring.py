"""Call scores, the skills profile they add up to, and perception gaps.

Observed skill comes from calls a manager scored; a rep's own scores of the
same call show how they see themselves. A gap of a point or more either way
is worth a conversation ("thinks strong, data says weak", and the reverse).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import mean

from domain import field_lengths
from domain.model import WorkspaceRef

SCORE_RANGE = range(1, 6)
PROFILE_WINDOW = 10  # the aim: the last 10 scored calls
GAP_THRESHOLD = 1.0


@dataclass(frozen=True)
class CallScore:
    workspace: WorkspaceRef
    rep_id: str
    scored_by: str  # the rep themself (self-score) or their manager
    call_title: str  # as typed; "" when only a recording link names the call
    call_on: date
    scores: Mapping[str, int]  # dimension id -> 1..5
    call_link: str | None = None
    notes: str = ""
    created_at: datetime | None = None
    id: int | None = None

    @property
    def is_self_score(self) -> bool:
        return self.scored_by == self.rep_id

    @property
    def label(self) -> str:
        """What names the call for people: its title, or its recording link when it has none."""
        return self.call_title or self.call_link or ""

    def same_call_as(self, other: CallScore) -> bool:
        """Two scores of one call: the same recording link, or the same title on the same day."""
        if self.call_link and other.call_link:
            return self.call_link.strip() == other.call_link.strip()
        return self.call_on == other.call_on and _norm(self.label) == _norm(other.label)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def validate_scores(scores: Mapping[str, object], dimensions: Iterable[str]) -> dict[str, str]:
    """Problems by dimension id ({} when fine): every dimension scored 1-5."""
    problems: dict[str, str] = {}
    for dimension in dimensions:
        value = scores.get(dimension)
        if value is None or value == "":
            problems[dimension] = "Pick a score from 1 to 5."
        elif not isinstance(value, int) or isinstance(value, bool) or value not in SCORE_RANGE:
            shown = str(value) if len(str(value)) <= 8 else str(value)[:7] + "…"  # a crafted value may be huge
            problems[dimension] = f"Scores go from 1 to 5, not {shown}."
    return problems


def validate_call(title: str, link: str | None, call_on: date | None, today: date, notes: str = "") -> dict[str, str]:
    problems: dict[str, str] = {}
    if not title.strip() and not (link or "").strip():
        problems["call_title"] = "Name the call or paste its recording link."
    if link and not link.strip().lower().startswith(("http://", "https://")):
        problems["call_link"] = "A recording link starts with https://"
    # The modal's max_length is the same number, but a crafted submission skips it.
    for name, text, limit in (("call_title", title, field_lengths.CALL_TITLE),
                              ("call_link", link or "", field_lengths.CALL_LINK),
                              ("notes", notes, field_lengths.CALL_NOTES)):
        if problem := field_lengths.text_problem(text, limit):
            problems[name] = problem
    if call_on is None:
        problems["call_on"] = "Pick the day of the call."
    elif call_on > today:
        problems["call_on"] = f"{call_on:%a %-d %b} is in the future; score calls that happened."
    return problems


@dataclass(frozen=True)
class DimensionAverage:
    dimension: str
    average: float
    calls: int


@dataclass(frozen=True)
class SkillsProfile:
    """Averages over a manager's scores of the rep's last calls, weakest first."""

    calls_scored: int
    dimensions: list[DimensionAverage] = field(default_factory=list)

    def average(self, dimension: str) -> float | None:
        return next((d.average for d in self.dimensions if d.dimension == dimension), None)


def skills_profile(
    scores: Iterable[CallScore], dimensions: Iterable[str], window: int = PROFILE_WINDOW,
) -> SkillsProfile:
    observed = sorted((s for s in scores if not s.is_self_score), key=lambda s: (s.call_on, s.id or 0))[-window:]
    averages = [
        DimensionAverage(d, round(mean(values), 2), len(values))
        for d in dimensions
        if (values := [s.scores[d] for s in observed if d in s.scores])
    ]
    return SkillsProfile(len(observed), sorted(averages, key=lambda a: (a.average, a.dimension)))


@dataclass(frozen=True)
class CallGap:
    """Self minus manager, per dimension, for one call both scored."""

    call_title: str
    call_on: date
    gaps: dict[str, int]


def self_vs_manager(scores: Iterable[CallScore]) -> list[CallGap]:
    everything = list(scores)
    selves = [s for s in everything if s.is_self_score]
    managers = [s for s in everything if not s.is_self_score]
    found = []
    for own in selves:
        theirs = next((m for m in managers if m.same_call_as(own)), None)
        if theirs is not None:
            gaps = {d: own.scores[d] - theirs.scores[d] for d in own.scores if d in theirs.scores}
            found.append(CallGap(own.label, own.call_on, gaps))
    return sorted(found, key=lambda g: g.call_on, reverse=True)


@dataclass(frozen=True)
class PerceptionGap:
    competency: str
    self_rating: float
    observed: float

    @property
    def gap(self) -> float:
        return round(self.self_rating - self.observed, 2)

    @property
    def flag(self) -> str | None:
        if self.gap >= GAP_THRESHOLD:
            return "thinks strong, data says weak"
        if self.gap <= -GAP_THRESHOLD:
            return "thinks weak, data says stronger"  # read by the rep too: no "themself"
        return None


def perception_gaps(
    self_ratings: Mapping[str, float], profile: SkillsProfile, dimension_competency: Mapping[str, str]
) -> list[PerceptionGap]:
    """Self-assessment minus observed call scores, per competency the calls inform."""
    observed: dict[str, list[float]] = {}
    for average in profile.dimensions:
        competency = dimension_competency.get(average.dimension)
        if competency is not None:
            observed.setdefault(competency, []).append(average.average)
    gaps = [
        PerceptionGap(competency, self_ratings[competency], round(mean(values), 2))
        for competency, values in observed.items()
        if competency in self_ratings
    ]
    return sorted(gaps, key=lambda g: -abs(g.gap))
