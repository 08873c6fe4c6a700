"""Coachflow's coaching modals filled in as a person would, as Slack submits them (`view.state.values`).

One set of builders for the demo and the scenario tests, keyed by the block
ids the modal builders use, so neither can drift from the modals themselves.
A value of None is a field left empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.fake_slack import datepicker, file_input, plain_text, static_select
from domain.catalog import Catalog
from domain.coaching.homework import ANSWER, DUE_ON, FEEDBACK, FILE, HAND_IN_KIND, LINK, TEMPLATE
from domain.services.prioritization import difficulty_field, impact_field
from domain.services.roleplays import NOTE
from handlers.blocks import call_fields
from handlers.blocks.contract import (
    MANAGER_COMMITMENTS,
    REP_COMMITMENTS,
    WEEKLY_HOURS,
    indicator_block,
    skill_block,
    target_block,
)
from handlers.blocks.diagnosis_modals import CALL_LINK, CALL_ON, CALL_TITLE, NOTES, dimension_block, question_block
from handlers.blocks.homework_modals import FREE, text_block
from handlers.blocks.inputs import VALUE
from handlers.blocks.shadow_modal import FEEDBACK_BLOCK, score_block
from handlers.edge import ids

Values = dict[str, dict[str, dict[str, Any]]]


def _choice(value: object) -> dict[str, Any]:
    return {VALUE: static_select(None if value is None else str(value))}


def call_values(catalog: Catalog, title: str | None, on: date | str | None, scores: Mapping[str, object],
                link: str | None = None, notes: str | None = None) -> Values:
    """The score-call modal; dimensions missing from `scores` are left unscored."""
    values: Values = {
        CALL_TITLE: {VALUE: plain_text(title)},
        CALL_LINK: {VALUE: plain_text(link)},
        CALL_ON: {VALUE: datepicker(on)},
        NOTES: {VALUE: plain_text(notes)},
    }
    for dimension in catalog.scoring_dimensions:
        values[dimension_block(dimension.id)] = _choice(scores.get(dimension.id))
    return values


def assessment_values(catalog: Catalog, confidence: int, competence: Mapping[str, int] | int) -> Values:
    """Every question answered; `competence` per competency id, or one number for all."""
    values: Values = {}
    for item in catalog.questions():
        mine = competence if isinstance(competence, int) else competence[item.competency.id]
        values[question_block(item.question.id, "confidence")] = _choice(confidence)
        values[question_block(item.question.id, "competence")] = _choice(mine)
    return values


def rating_values(ratings: Mapping[str, tuple[int | None, int | None]]) -> Values:
    values: Values = {}
    for competency, (impact, difficulty) in ratings.items():
        values[impact_field(competency)] = _choice(impact)
        values[difficulty_field(competency)] = _choice(difficulty)
    return values


def contract_values(rows: Sequence[tuple[str | None, str | None, str | None]], hours: str | None,
                    rep_commitments: str | None, manager_commitments: str | None) -> Values:
    """The contract modal: (skill, indicator, target) per row, hours as typed in the number input."""
    values: Values = {}
    for n, (skill, indicator, target) in enumerate(rows):
        values[skill_block(n)] = _choice(skill)
        values[indicator_block(n)] = _choice(indicator)
        values[target_block(n)] = {VALUE: plain_text(target)}
    values[WEEKLY_HOURS] = {VALUE: {"type": "number_input", "value": hours}}
    values[REP_COMMITMENTS] = {VALUE: plain_text(rep_commitments)}
    values[MANAGER_COMMITMENTS] = {VALUE: plain_text(manager_commitments)}
    return values


def homework_values(template_id: str | None, text: str | None, due_on: date | str | None, hand_in: str | None,
                    text_block_id: str | None = None) -> Values:
    """The assignment modal as the manager left it: `template_id` None is Free text.

    `text_block_id`: the assignment's block as the modal shows it (its metadata's "text"); by default
    the one the template picked gives it.
    """
    return {
        TEMPLATE: {ids.HOMEWORK_TEMPLATE: static_select(template_id or FREE)},
        text_block_id or text_block(template_id): {VALUE: plain_text(text)},
        DUE_ON: {VALUE: datepicker(due_on)},
        HAND_IN_KIND: {VALUE: static_select(hand_in)},
    }


def hand_in_values(answer: str | None = None, link: str | None = None,
                   files: Sequence[dict[str, Any]] | None = None) -> Values:
    """The hand-in modal: the answer (or note), a link, or the uploaded files (`fake_slack.uploaded_file`)."""
    values: Values = {ANSWER: {VALUE: plain_text(answer)}}
    if link is not None:
        values[LINK] = {VALUE: plain_text(link)}
    if files is not None:
        values[FILE] = {VALUE: file_input(*files)}
    return values


def feedback_values(feedback: str | None) -> Values:
    return {FEEDBACK: {VALUE: plain_text(feedback)}}


def practised_values(note: str | None) -> Values:
    """The role-play's "Mark practised" form: the note."""
    return {NOTE: {VALUE: plain_text(note)}}


def debrief_values(account: str | None, on: date | str | None, answers: Sequence[str | None],
                   call_type: str | None = "discovery", deal: tuple[str, str] | None = None,
                   indicators: Mapping[str, str | None] | None = None, link: str | None = None) -> Values:
    """The debrief modal (and the call part of the shadow modal): `deal` is (deal id, label);
    `indicators` the text typed per indicator id (radio buttons take "yes" / "no")."""
    chosen = None if deal is None else {"text": {"type": "plain_text", "text": deal[1]}, "value": deal[0]}
    values: Values = {
        call_fields.DEAL: {ids.DEBRIEF_DEAL_SELECT: {"type": "external_select", "selected_option": chosen}},
        call_fields.ACCOUNT: {VALUE: plain_text(account)},
        call_fields.CALL_TYPE: _choice(call_type),
        call_fields.CALL_ON: {VALUE: datepicker(on)},
        call_fields.RECORDING_LINK: {VALUE: {"type": "url_text_input", "value": link}},
    }
    for block, answer in zip((call_fields.WENT_WELL, call_fields.DO_DIFFERENTLY, call_fields.PRACTICE_NEXT),
                             answers, strict=True):
        values[block] = {VALUE: plain_text(answer)}
    for indicator_id, typed in (indicators or {}).items():
        element = ({"type": "radio_buttons", "selected_option": None if typed is None else {"value": typed}}
                   if typed in ("yes", "no") else {"type": "number_input", "value": typed})
        values[call_fields.indicator_block(indicator_id)] = {VALUE: element}
    return values


def shadow_values(*, on: date | str | None, answers: Sequence[str | None], scores: Mapping[str, int | str | None],
                  feedback: str | None, deal: tuple[str, str] | None = None, account: str | None = None,
                  call_type: str | None = "discovery", indicators: Mapping[str, str | None] | None = None,
                  link: str | None = None) -> Values:
    """The observer's modal (`/coach shadow`): the call as in the debrief, a 1-5 score per focus skill
    (None: left unscored) and the feedback for the rep."""
    values = debrief_values(account, on, answers, call_type, deal, indicators, link)
    values[FEEDBACK_BLOCK] = {VALUE: plain_text(feedback)}
    for skill, score in scores.items():
        values[score_block(skill)] = _choice(score)
    return values
