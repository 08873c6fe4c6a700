"""App Home during weeks 1 and 2: what each rep still needs, the rep's own tasks, profile and contract."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text
from tests.handlers.contract_steps import contract_values, submit_view
from tests.handlers.diagnosis_steps import (
    DIMENSIONS,
    assessment_values,
    open_modal,
    score_values,
    submit_assessment,
    submit_score,
)


def _monday(weeks_ago: int) -> date:
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    return today - timedelta(days=today.weekday(), weeks=weeks_ago)


def _team_in_week(slack: Slack, week: int) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.coach("UMGR", f"start <@UA|alex> {_monday(week - 1).isoformat()}")


def _score(slack: Slack, scores: dict[str, int]) -> None:
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    submit_score(slack, "UMGR", modal, score_values("Acme", _monday(0) - timedelta(days=3), scores))


def test_week_one_shows_the_manager_what_is_missing_and_the_rep_what_to_do(slack: Slack) -> None:
    _team_in_week(slack, 1)
    manager_home = home_text(slack.open_home("UMGR"))
    assert "Diagnose*, week 1" in manager_home
    assert "0 of 10 calls scored; self-assessment not done" in manager_home
    rep_home = home_text(slack.open_home("UA"))
    assert ids.OPEN_SELF_ASSESSMENT in rep_home and ids.OPEN_SCORE_CALL in rep_home

    _score(slack, dict.fromkeys(DIMENSIONS, 4) | {"discovery_quality": 1})
    submit_assessment(slack, "UA", assessment_values(4, 5))

    assert "1 of 10 calls scored" in home_text(slack.open_home("UMGR"))
    assert "self-assessment not done" not in home_text(slack.open_home("UMGR"))
    rep_home = home_text(slack.open_home("UA"))
    assert ids.OPEN_SELF_ASSESSMENT not in rep_home
    assert "weakest first, Discovery quality 1.0" in rep_home
    assert "thinks strong, data says weak" in rep_home


def test_week_two_asks_for_priorities_and_the_rep_signs_from_app_home(slack: Slack, fake) -> None:
    _team_in_week(slack, 2)
    submit_assessment(slack, "UA", assessment_values(3, 3))
    assert "gaps not rated; focus skills not chosen" in home_text(slack.open_home("UMGR"))

    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    modal = open_modal(slack, "UMGR", "contract <@UA|alex>")
    rows = [("discovery", "discovery_questions_asked", "8"), ("closing", "next_step_defined", "yes")]
    submit_view(slack, "UMGR", ids.CONTRACT_VIEW, modal, contract_values(rows, "2"))
    fake.wait_for(lambda: "wrote your coaching contract" in json.dumps(fake.messages_to("UA")))
    assert "contract not written" not in home_text(slack.open_home("UMGR"))
    assert "contract unsigned (awaiting both signatures)" in home_text(slack.open_home("UMGR"))

    home = slack.open_home("UA")
    assert "Coaching contract (version 1" in home_text(home) and "Sign version 1" in home_text(home)
    click = slack.requests.block_actions("UA", ids.SIGN_CONTRACT, value="UA:1", view=home)
    assert slack.dispatch(click).status == 200
    fake.wait_for(lambda: "<@UA> signed the coaching contract" in json.dumps(fake.messages_to("UMGR")))
    # Both homes refresh by themselves after the signature.
    fake.wait_for(lambda: "awaiting the manager's signature" in home_text(fake.home_of("UMGR") or {"blocks": []}))
    fake.wait_for(lambda: "Sign version 1" not in home_text(fake.home_of("UA") or {"blocks": []}))
    assert "awaiting the manager's signature" in home_text(fake.home_of("UA") or {"blocks": []})
