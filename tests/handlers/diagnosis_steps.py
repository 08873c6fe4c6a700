"""Steps shared by the diagnosis scenario tests: open the modals, fill them in as a person would."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.fake_slack.state_values import datepicker, plain_text, static_select
from domain.catalog import load_catalog
from handlers import ids
from handlers.blocks.diagnosis_modals import CALL_LINK, CALL_ON, CALL_TITLE, NOTES, dimension_block, question_block
from handlers.blocks.inputs import VALUE
from tests.handlers.conftest import Reply, Slack

CATALOG = load_catalog()
DIMENSIONS = [d.id for d in CATALOG.scoring_dimensions]


def open_modal(slack: Slack, user_id: str, text: str) -> dict[str, Any]:
    """Run `/coach text` and return the modal it opened."""
    before = len(slack.fake.opened_views)
    slack.coach(user_id, text, replies=0)
    slack.fake.wait_for(lambda: len(slack.fake.opened_views) > before)
    return slack.fake.opened_views[-1]


def score_values(title: str | None, day: date | str | None, scores: dict[str, Any], link: str | None = None,
                 notes: str | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    values = {
        CALL_TITLE: {VALUE: plain_text(title)},
        CALL_LINK: {VALUE: plain_text(link)},
        CALL_ON: {VALUE: datepicker(day)},
        NOTES: {VALUE: plain_text(notes)},
    }
    for dimension in DIMENSIONS:
        value = scores.get(dimension)
        values[dimension_block(dimension)] = {VALUE: static_select(None if value is None else str(value))}
    return values


def submit_score(slack: Slack, user_id: str, modal: dict[str, Any], values: dict[str, Any]) -> Reply:
    request = slack.requests.view_submission(
        user_id, ids.SCORE_CALL_VIEW, values, private_metadata=modal["private_metadata"]
    )
    return slack.dispatch(request)


def assessment_values(confidence: int, competence: dict[str, int] | int) -> dict[str, dict[str, dict[str, Any]]]:
    """Every question answered; `competence` per competency id, or one number for all."""
    values = {}
    for q in CATALOG.questions():
        mine = competence if isinstance(competence, int) else competence[q.competency.id]
        values[question_block(q.question.id, "confidence")] = {VALUE: static_select(str(confidence))}
        values[question_block(q.question.id, "competence")] = {VALUE: static_select(str(mine))}
    return values


def submit_assessment(slack: Slack, user_id: str, values: dict[str, Any]) -> Reply:
    return slack.dispatch(slack.requests.view_submission(user_id, ids.SELF_ASSESSMENT_VIEW, values))
