"""A workspace's own wording of the micro-lessons: per lesson id, any of title, summary, example, exercise.

COACHFLOW_CATALOG swaps the whole catalog for a deployment; these overrides
change only the texts a workspace's reps read, stored in the database
(`coachflow catalog lessons FILE --team T`). They obey the catalog's own
limits, so a rewritten lesson fits Slack exactly as the shipped one does,
and every id must be a lesson of the catalog in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from domain.catalog.loader import CatalogError
from domain.catalog.model import Catalog, MicroLesson, Name, Paragraph

TEXT_FIELDS = ("title", "summary", "example", "exercise")


class LessonText(BaseModel):
    """The fields a workspace rewrites for one lesson; the others stay the catalog's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Name | None = None
    summary: Paragraph | None = None
    example: Paragraph | None = None
    exercise: Paragraph | None = None

    @model_validator(mode="after")
    def _something(self) -> LessonText:
        if all(getattr(self, name) is None for name in TEXT_FIELDS):
            raise ValueError(f"rewrites nothing: give at least one of {', '.join(TEXT_FIELDS)}")
        held = [name for name in TEXT_FIELDS if "\x00" in (getattr(self, name) or "")]
        if held:  # the database refuses it in any text
            raise ValueError(f"{', '.join(held)}: remove the invisible NUL character")
        return self

    def applied_to(self, lesson: MicroLesson) -> MicroLesson:
        changes = {name: value for name in TEXT_FIELDS if (value := getattr(self, name)) is not None}
        return lesson.model_copy(update=changes)


def worded(lesson: MicroLesson, texts: Mapping[str, LessonText]) -> MicroLesson:
    """The lesson as this workspace reads it: the catalog's, with its own texts over it."""
    text = texts.get(lesson.id)
    return text.applied_to(lesson) if text is not None else lesson


def parse_lesson_texts(raw: Any, catalog: Catalog, source: str = "lessons file") -> dict[str, LessonText]:
    """An admin's file (already read from JSON or YAML) as overrides by lesson id; every problem named.

    Raises `CatalogError`, one line per problem: an unknown lesson id (with
    the ids there are), a misspelt field, a text too long or on two lines.
    """
    if not isinstance(raw, dict) or not raw:
        raise CatalogError(source, [
            'must be an object keyed by lesson id, e.g. {"pain_framework": {"title": "...", "example": "..."}}'])
    known = [lesson.id for comp in catalog.competencies for lesson in comp.micro_lessons]
    unknown = [str(key) for key in raw if key not in known]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise CatalogError(source, [
            f"unknown lesson id{plural}: {', '.join(unknown)} (the catalog's lessons: {', '.join(known)})"])
    texts: dict[str, LessonText] = {}
    problems: list[str] = []
    for lesson_id, fields in raw.items():
        try:
            texts[lesson_id] = LessonText.model_validate(fields)
        except ValidationError as error:
            problems += [f"{lesson_id}: {_problem(issue)}" for issue in error.errors()]
    if problems:
        raise CatalogError(source, problems)
    return texts


def _problem(issue: Any) -> str:
    field = ".".join(str(step) for step in issue["loc"])
    kind, ctx, value = issue["type"], issue.get("ctx") or {}, issue.get("input")
    message = str(issue["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        reason = f"is not a lesson text (use {', '.join(TEXT_FIELDS)})"
    elif kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "too many"
        reason = f"is {length} characters; at most {ctx.get('max_length')} fit in Slack"
    elif kind == "string_too_short":
        reason = "is empty (leave it out to keep the catalog's)"
    elif kind == "string_type":
        reason = "must be text"
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        reason = "must be an object with title, summary, example or exercise"
    else:
        reason = message
    return f"{field} {reason}" if field else reason
