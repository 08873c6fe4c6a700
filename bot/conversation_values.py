"""The coaching conversation's modals filled in as a person would, as Slack submits them.

Pre-work (with the enablement pre-read), the manager's questions, the
takeaways, the action plan and the check-in's obstacles, keyed by the block ids the modal builders use, for the demo and
the full-loop tests alike. A value of None is a field left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.fake_slack import datepicker, plain_text, static_select
from bot.fake_slack.state_values import users_select
from domain.coaching.commitments import (
    ACTION,
    CONFIDENCE_FIELD,
    DEADLINE,
    EVIDENCE,
    OBSTACLES,
    OWNER,
    SUPPORT,
    field_key,
)
from domain.coaching.preread import answer_key
from domain.coaching.prework import BACKGROUND, QUESTIONS, item_key, question_key
from domain.coaching.takeaways import COVERED, TEXT
from handlers.blocks.commitment_modals import POST
from handlers.blocks.inputs import VALUE
from handlers.blocks.prework import CARRY

Values = dict[str, dict[str, dict[str, Any]]]


def _checked(values: Sequence[str]) -> dict[str, Any]:
    return {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}


def prework_values(items: Sequence[str | None], *, carried: Sequence[int] = (), questions: str | None = None,
                   background: str | None = None, preread: Sequence[str | None] = ()) -> Values:
    """The rep's pre-work: typed agenda items, last session's items ticked by position (0-based, as the
    options carry them), and the answers to the enablement pre-read's questions, in order."""
    values: Values = {item_key(n): {VALUE: plain_text(item)} for n, item in enumerate(items, start=1)}
    values.update({answer_key(n): {VALUE: plain_text(answer)} for n, answer in enumerate(preread, start=1)})
    values[QUESTIONS] = {VALUE: plain_text(questions)}
    values[BACKGROUND] = {VALUE: plain_text(background)}
    values[CARRY] = {VALUE: _checked([str(n) for n in carried])}
    return values


def question_values(*questions: str | None) -> Values:
    """The manager's 1-2 questions added to the rep's pre-work."""
    return {question_key(n): {VALUE: plain_text(q)} for n, q in enumerate(questions, start=1)}


def takeaways_values(text: str | None, covered: Sequence[int] = ()) -> Values:
    """The manager's takeaways, and the agenda items covered, ticked by position (0-based, as the options
    carry them)."""
    return {TEXT: {VALUE: plain_text(text)}, COVERED: {VALUE: _checked([str(n) for n in covered])}}


@dataclass(frozen=True)
class PlannedAction:
    """One action block of the plan modal as the manager leaves it."""

    action: str | None
    deadline: date | str | None
    owner: str | None = None  # None: the rep
    evidence: str | None = None
    confidence: int | None = None
    support: str | None = None


def plan_values(actions: Sequence[PlannedAction], *, post: bool = False) -> Values:
    values: Values = {}
    for n, typed in enumerate(actions, start=1):
        values[field_key(ACTION, n)] = {VALUE: plain_text(typed.action)}
        values[field_key(OWNER, n)] = {VALUE: users_select(typed.owner)}
        values[field_key(DEADLINE, n)] = {VALUE: datepicker(typed.deadline)}
        values[field_key(EVIDENCE, n)] = {VALUE: plain_text(typed.evidence)}
        values[field_key(CONFIDENCE_FIELD, n)] = {VALUE: static_select(
            None if typed.confidence is None else str(typed.confidence))}
        values[field_key(SUPPORT, n)] = {VALUE: plain_text(typed.support)}
    values[POST] = {VALUE: _checked([POST] if post else [])}
    return values


def obstacles_values(obstacles: str | None) -> Values:
    """The deadline check-in's "what got in the way?" after Partly or Not done."""
    return {OBSTACLES: {VALUE: plain_text(obstacles)}}
