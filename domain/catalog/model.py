"""The skill catalog: competencies, call-scoring dimensions and what hangs off them.

The catalog ships with the app and an admin can replace it with their own
file, so every rule a Slack view or a coaching rule relies on is checked here,
once, when the catalog is loaded: a typo found at start-up is cheaper than a
broken modal in front of a rep. Models are frozen because one loaded catalog
is shared by every request and job.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from domain.errors import NotFound

# Slack limits (DESIGN.md 3.2) the catalog's text must fit: names become
# option text (75 chars); questions and rubric anchors are shown as labels
# and hints, which stay readable only when short.
NAME_MAX = 75
LINE_MAX = 150
PARAGRAPH_MAX = 1000
UNIT_MAX = 30
ID_MAX = 40
# The self-assessment is one modal (100 blocks at most): 4 questions x 2
# ratings per competency plus a header leaves room for 10 competencies.
# The call-scoring modal has one input and one hint per dimension.
MAX_COMPETENCIES = 10
MAX_DIMENSIONS = 10
SCORES = (1, 2, 3, 4, 5)
# A homework template may name up to this many of the rep's largest open deals.
MAX_PROSPECTS = 5


class Level(str, enum.Enum):
    """Foundational or advanced: the 2-skill rule picks one of each."""

    FOUNDATIONAL = "foundational"
    ADVANCED = "advanced"


class IndicatorType(str, enum.Enum):
    """What a leading indicator's value is, which decides the debrief field."""

    COUNT = "count"
    YES_NO = "yes_no"
    PERCENTAGE = "percentage"
    DAYS = "days"
    MINUTES = "minutes"


class Aggregate(str, enum.Enum):
    """How a week of calls' values becomes one weekly value (docs/scorecards.md)."""

    AVERAGE = "average"  # the mean per call that recorded it
    RATE = "rate"  # the share of those calls where it happened (yes, or more than 0), in %
    TOTAL = "total"  # the sum over the week (yes counts 1)


# When the catalog does not say: a number is averaged per call, a yes/no is a rate of yes.
DEFAULT_AGGREGATE = {
    IndicatorType.COUNT: Aggregate.AVERAGE,
    IndicatorType.YES_NO: Aggregate.RATE,
    IndicatorType.PERCENTAGE: Aggregate.AVERAGE,
    IndicatorType.DAYS: Aggregate.AVERAGE,
    IndicatorType.MINUTES: Aggregate.AVERAGE,
}


class Better(str, enum.Enum):
    """Which direction of change a scorecard shows as improvement."""

    HIGHER = "higher"
    LOWER = "lower"


def _one_line(value: str) -> str:
    # Names and labels end up in plain_text fields where a newline looks broken.
    if "\n" in value or "\r" in value:
        raise ValueError("must be on one line")
    return value


def _entries(low: int, high: int | None) -> AfterValidator:
    """A count check whose message an admin understands ("found 3")."""

    def check(values: tuple[Any, ...]) -> tuple[Any, ...]:
        found = len(values)
        if low <= found and (high is None or found <= high):
            return values
        if high == low:
            raise ValueError(f"must have exactly {low} {'entry' if low == 1 else 'entries'}, found {found}")
        if high is None:
            raise ValueError(f"must have at least {low} {'entry' if low == 1 else 'entries'}, found {found}")
        raise ValueError(f"must have {low} to {high} entries, found {found}")

    return AfterValidator(check)


# Ids end up in Slack action/block ids and in stored rows, so they are plain
# snake_case and never change meaning once data refers to them.
CatalogId = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]*$", max_length=ID_MAX)
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX), AfterValidator(_one_line)
]
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LINE_MAX), AfterValidator(_one_line)
]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PARAGRAPH_MAX)]
Unit = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=UNIT_MAX), AfterValidator(_one_line)
]


class _Entry(BaseModel):
    # extra="forbid": a misspelt key in an admin's file is an error, not a silent default.
    model_config = ConfigDict(frozen=True, extra="forbid")


class LeadingIndicator(_Entry):
    """A number a rep records after calls that moves before revenue does."""

    id: CatalogId
    name: Name
    type: IndicatorType
    better: Better
    unit: Unit
    aggregate: Aggregate | None = None  # None: the type's default (DEFAULT_AGGREGATE)

    @property
    def aggregation(self) -> Aggregate:
        """How its weekly value is computed: as the catalog declares, else by its type."""
        return self.aggregate or DEFAULT_AGGREGATE[self.type]


class MicroLesson(_Entry):
    """A 15-minute lesson for the Develop stage: the technique, a real example, one exercise to practise it.

    `example` is optional so admins' catalogs written before it existed stay
    valid; the shipped catalog has one for every lesson.
    """

    id: CatalogId
    title: Name
    summary: Paragraph
    exercise: Paragraph
    example: Paragraph | None = None


class HomeworkTemplate(_Entry):
    id: CatalogId
    title: Name
    instructions: Paragraph
    # How many of the rep's largest open deals the assignment names (0: it is not about their prospects).
    prospects: Annotated[int, Field(ge=0, le=MAX_PROSPECTS)] = 0


class SelfAssessmentQuestion(_Entry):
    """A statement the rep rates twice, for confidence and for competence (1-5)."""

    id: CatalogId
    text: Line


class Competency(_Entry):
    id: CatalogId
    name: Name
    level: Level
    description: Line
    leading_indicators: Annotated[tuple[LeadingIndicator, ...], _entries(2, 3)]
    micro_lessons: Annotated[tuple[MicroLesson, ...], _entries(4, 4)]
    homework_templates: Annotated[tuple[HomeworkTemplate, ...], _entries(1, None)]
    self_assessment_questions: Annotated[tuple[SelfAssessmentQuestion, ...], _entries(4, 4)]
    # The default behaviour of the 21-day challenge; shown in every daily nudge.
    challenge_behavior: Line
    # What to practise in a role-play on a stalled deal ("practise uncovering the cost of
    # inaction"); optional, so older catalog files load (see domain.coaching.roleplay).
    roleplay_focus: Line | None = None


class ScoringDimension(_Entry):
    """A 1-5 call-scoring dimension; its scores are evidence for one competency."""

    id: CatalogId
    name: Name
    competency: CatalogId
    # Keyed by score ("1".."5" in the file) so an admin can see which anchor is which.
    rubric: dict[int, Line]

    @field_validator("rubric", mode="before")
    @classmethod
    def _five_anchors(cls, value: Any) -> Any:
        # Checked before conversion so a key like "six" gets this message, not an int-parsing one.
        if not isinstance(value, dict):
            raise ValueError('must be an object with one anchor per score: {"1": "...", ..., "5": "..."}')
        keys = {str(key).strip() for key in value}
        expected = {str(score) for score in SCORES}
        if keys != expected or len(value) != len(SCORES):
            details = []
            if missing := sorted(expected - keys):
                details.append("missing " + ", ".join(missing))
            if unexpected := sorted(keys - expected):
                details.append("unexpected " + ", ".join(repr(key) for key in unexpected))
            raise ValueError(
                f"must have exactly 5 anchors, one for each score 1 to 5 ({'; '.join(details) or 'duplicate keys'})"
            )
        return value

    def anchor(self, score: int) -> str:
        """The rubric sentence for `score` (1-5), e.g. as a hint in the scoring modal."""
        if score not in self.rubric:
            raise ValueError(f"scores run from 1 to 5, not {score}")
        return self.rubric[score]


class CompetencyQuestion(NamedTuple):
    """A self-assessment question together with the competency it belongs to."""

    competency: Competency
    question: SelfAssessmentQuestion


def entry_path(collection: str, index: int, entry_id: str | None = None) -> str:
    """How errors name an entry: `competencies[2] (closing)`; shared with the loader."""
    return f"{collection}[{index}]" + (f" ({entry_id})" if entry_id else "")


class Catalog(_Entry):
    """The whole catalog; a loaded instance is valid by construction."""

    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ID_MAX)]
    competencies: Annotated[tuple[Competency, ...], _entries(1, MAX_COMPETENCIES)]
    scoring_dimensions: Annotated[tuple[ScoringDimension, ...], _entries(1, MAX_DIMENSIONS)]

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        # All cross-entry problems at once, one per line, so an admin fixes them in one pass.
        problems = [*self._duplicate_ids(), *self._unknown_competencies(), *self._missing_levels()]
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def _duplicate_ids(self) -> Iterator[str]:
        # Ids are unique per kind across the whole catalog, not only within one
        # competency: stored answers, contracts and debriefs refer to them by id alone.
        kinds: dict[str, list[tuple[str, str]]] = {}
        for c_index, comp in enumerate(self.competencies):
            owner = entry_path("competencies", c_index, comp.id)
            kinds.setdefault("competencies", []).append((comp.id, entry_path("competencies", c_index)))
            for field in ("leading_indicators", "micro_lessons", "homework_templates", "self_assessment_questions"):
                for index, item in enumerate(getattr(comp, field)):
                    kinds.setdefault(field, []).append((item.id, f"{owner}.{field}[{index}]"))
        for index, dim in enumerate(self.scoring_dimensions):
            kinds.setdefault("scoring_dimensions", []).append((dim.id, entry_path("scoring_dimensions", index)))
        for entries in kinds.values():
            first: dict[str, str] = {}
            for entry_id, where in entries:
                if entry_id in first:
                    yield f"{where}: id '{entry_id}' is already used by {first[entry_id]}"
                else:
                    first[entry_id] = where

    def _unknown_competencies(self) -> Iterator[str]:
        known = list(dict.fromkeys(comp.id for comp in self.competencies))  # dict: ordered and deduplicated
        for index, dim in enumerate(self.scoring_dimensions):
            if dim.competency not in known:
                yield (
                    f"{entry_path('scoring_dimensions', index, dim.id)}: competency '{dim.competency}' "
                    f"is not in competencies (known: {', '.join(known)})"
                )

    def _missing_levels(self) -> Iterator[str]:
        # The 2-skill rule proposes one foundational and one advanced focus skill.
        for level in Level:
            if not any(comp.level is level for comp in self.competencies):
                yield (
                    f"competencies: no {level.value} competency; the 2-skill rule needs "
                    "at least one foundational and one advanced"
                )

    def competency(self, competency_id: str) -> Competency:
        for comp in self.competencies:
            if comp.id == competency_id:
                return comp
        raise NotFound(f"There is no competency '{competency_id}' in the skill catalog.")

    def lesson(self, lesson_id: str) -> tuple[Competency, MicroLesson]:
        """A micro-lesson by id alone (ids are catalog-wide), with the competency it teaches."""
        for comp in self.competencies:
            for item in comp.micro_lessons:
                if item.id == lesson_id:
                    return comp, item
        raise NotFound(f"There is no micro-lesson '{lesson_id}' in the skill catalog.")

    def dimension(self, dimension_id: str) -> ScoringDimension:
        for dim in self.scoring_dimensions:
            if dim.id == dimension_id:
                return dim
        raise NotFound(f"There is no call-scoring dimension '{dimension_id}' in the skill catalog.")

    def indicator(self, indicator_id: str) -> LeadingIndicator:
        """An indicator by id alone (ids are catalog-wide), e.g. a contract's success metric."""
        for comp in self.competencies:
            for item in comp.leading_indicators:
                if item.id == indicator_id:
                    return item
        raise NotFound(f"There is no leading indicator '{indicator_id}' in the skill catalog.")

    def foundational(self) -> tuple[Competency, ...]:
        return tuple(comp for comp in self.competencies if comp.level is Level.FOUNDATIONAL)

    def advanced(self) -> tuple[Competency, ...]:
        return tuple(comp for comp in self.competencies if comp.level is Level.ADVANCED)

    def questions(self) -> tuple[CompetencyQuestion, ...]:
        """Every self-assessment question in catalog order (competency by competency)."""
        return tuple(
            CompetencyQuestion(comp, question)
            for comp in self.competencies
            for question in comp.self_assessment_questions
        )

    def indicators_for(self, competency_id: str) -> tuple[LeadingIndicator, ...]:
        return self.competency(competency_id).leading_indicators

    def dimensions_for(self, competency_id: str) -> tuple[ScoringDimension, ...]:
        """The dimensions whose scores inform a competency; may be empty (pipeline management)."""
        self.competency(competency_id)  # an unknown id is an error, not "no dimensions"
        return tuple(dim for dim in self.scoring_dimensions if dim.competency == competency_id)
