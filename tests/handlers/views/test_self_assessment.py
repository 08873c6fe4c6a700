"""The 20-question self-assessment: one modal, perception gaps flagged both ways."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.fake_slack import check_view
from handlers.blocks.diagnosis_modals import question_block
from tests.handlers.conftest import Slack
from tests.handlers.diagnosis_steps import (
    CATALOG,
    DIMENSIONS,
    assessment_values,
    open_modal,
    score_values,
    submit_assessment,
    submit_score,
)


def test_the_modal_holds_all_twenty_questions_within_slacks_limits(slack: Slack, fake) -> None:
    modal = open_modal(slack, "UA", "assess")
    inputs = [b for b in modal["blocks"] if b["type"] == "input"]
    assert len(inputs) == 40 and check_view(modal) == []  # confidence and competence for 20 questions
    # Alex is the first /coach user: the modal opened first (trigger_id lasts 3 s), then the welcome.
    fake.wait_for(lambda: any("admin" in json.dumps(r) for r in fake.responses))
    methods = [c.method for c in fake.calls if c.method in ("views.open", "response_url")]
    assert methods[0] == "views.open"


def test_gaps_are_flagged_both_ways_against_the_managers_scores(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    day = datetime.now(UTC).date() - timedelta(days=2)
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    observed = dict.fromkeys(DIMENSIONS, 3) | {"discovery_quality": 1, "objection_response": 5}
    submit_score(slack, "UMGR", modal, score_values("Acme", day, observed))
    competence = {c.id: 3 for c in CATALOG.competencies} | {"discovery": 5, "objection_handling": 2}

    reply = submit_assessment(slack, "UA", assessment_values(4, competence))

    assert reply.body == ""
    fake.wait_for(lambda: any("self-assessment is saved" in m["text"] for m in fake.messages_to("UA")))
    saved = json.dumps(fake.messages_to("UA")[-1]["blocks"])
    assert "thinks strong, data says weak" in saved and "data says stronger" in saved
    assert "self-assessment not done" not in slack.coach("UMGR", "profile <@UA|alex>").last_text


def test_an_answer_missing_is_shown_inline_and_nothing_is_stored(slack: Slack, fake) -> None:
    values = assessment_values(3, 3)
    first = CATALOG.questions()[0].question.id
    values[question_block(first, "competence")] = {"value": {"type": "static_select", "selected_option": None}}

    reply = submit_assessment(slack, "UA", values)

    errors = json.loads(reply.body)["errors"]
    competence = question_block(first, "competence")
    assert list(errors) == [competence] and "competence" in errors[competence]
    # Alex is the workspace's first /coach user, so the admin welcome comes first.
    assert "self-assessment not done" in slack.coach("UA", "profile", replies=2).last_text
