"""Steps shared by the diagnosis scenario tests: open the modals, fill them in as a person would."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import modal_values
from bot.modal_values import Values, call_values
from domain.catalog import load_catalog
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack

CATALOG = load_catalog()
DIMENSIONS = [d.id for d in CATALOG.scoring_dimensions]


def open_modal(slack: Slack, user_id: str, text: str) -> dict[str, Any]:
    """Run `/coach text` and return the modal it opened (the one opened with this command's trigger_id)."""
    request = slack.requests.slash_command(user_id, "/coach", text)
    assert slack.dispatch(request).status == 200
    trigger_id = request.payload["trigger_id"]
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None)
    modal = slack.fake.view_opened_by(trigger_id)
    assert modal is not None
    return modal


def score_values(title: str | None, day: date | str | None, scores: dict[str, Any], link: str | None = None,
                 notes: str | None = None) -> Values:
    return call_values(CATALOG, title, day, scores, link, notes)


def submit_score(slack: Slack, user_id: str, modal: dict[str, Any], values: dict[str, Any]) -> Reply:
    request = slack.requests.view_submission(
        user_id, ids.SCORE_CALL_VIEW, values, private_metadata=modal["private_metadata"]
    )
    return slack.dispatch(request)


def assessment_values(confidence: int, competence: dict[str, int] | int) -> Values:
    """Every question answered; `competence` per competency id, or one number for all."""
    return modal_values.assessment_values(CATALOG, confidence, competence)


def submit_assessment(slack: Slack, user_id: str, values: dict[str, Any]) -> Reply:
    return slack.dispatch(slack.requests.view_submission(user_id, ids.SELF_ASSESSMENT_VIEW, values))
