"""Finding 3 of issue 8 through Slack: a member with no coach yet writes for a colleague, who reads it as text.

Anyone can `/coach team add @victim` and then score their calls and write
their contract. Whatever they type reaches the victim's DM and App Home
escaped: no `@channel`, no mention of a third person, no link to click.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.fake_slack import check_view, render_message, render_view
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.contract_steps import contract_values, submit_view
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score
from tests.unit.handlers.hostile_cases import foreign_markup, mrkdwn_and_plain

TITLE = "<!channel> <https://evil.example/sign|Click here to sign the contract>"
NOTES = "<!here> <!everyone> <@U0VICTIM> &lt;b&gt;"
TARGET = "<!everyone> <https://evil.example/x|8 per call>"
COMMITS = "<!channel> sign at <https://evil.example/sign|Click here to sign the contract> <@U0VICTIM> &amp;"
ATTACKER_NAME = "<!here> Mallory"
INVOLVED = frozenset({"UA", "UMAL", "UADMIN"})


def _live_markup_from_others(payload: dict[str, Any]) -> list[str]:
    mrkdwn, _ = mrkdwn_and_plain(payload)
    return [markup for text in mrkdwn for markup in foreign_markup(text, INVOLVED)]


def _read(payload: dict[str, Any]) -> str:
    """What a person reads, unwrapped: links as `label (url)`, broadcasts as `@channel`, entities decoded."""
    if payload.get("type") == "home":
        return render_view(payload, width=100_000)
    return render_message(payload, width=100_000)


def test_what_one_member_types_reaches_a_colleague_as_text_in_dm_and_app_home(slack: Slack, fake) -> None:
    fake.add_user("UMAL", ATTACKER_NAME, "America/New_York")
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMAL", "team add <@UA|alex>")
    slack.coach("UMAL", "start <@UA|alex>")

    modal = open_modal(slack, "UMAL", "score <@UA|alex>")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    reply = submit_score(slack, "UMAL", modal, score_values(TITLE, yesterday, dict.fromkeys(DIMENSIONS, 3),
                                                            link="https://evil.example/rec", notes=NOTES))
    assert reply.body == ""
    fake.wait_for(lambda: any("scored your call" in m["text"] for m in fake.messages_to("UA")))
    scored = next(m for m in fake.messages_to("UA") if "scored your call" in m["text"])
    assert _live_markup_from_others(scored) == []
    assert TITLE in _read(scored) and "@channel" not in _read(scored)  # shown as typed

    slack.coach("UMAL", "focus <@UA|alex> discovery closing")
    contract = open_modal(slack, "UMAL", "contract <@UA|alex>")
    rows = [("discovery", "discovery_questions_asked", TARGET), ("closing", "next_step_defined", "yes")]
    values = contract_values(rows, "2", COMMITS, COMMITS)
    assert submit_view(slack, "UMAL", ids.CONTRACT_VIEW, contract, values).body == ""
    fake.wait_for(lambda: any("wrote your coaching contract" in m["text"] for m in fake.messages_to("UA")))
    for message in fake.messages_to("UA"):
        assert _live_markup_from_others(message) == [], json.dumps(message)
        assert "@channel" not in _read(message) and "@here" not in _read(message)
    contract_dm = _read(fake.messages_to("UA")[-1])
    assert COMMITS in contract_dm and "evil.example/sign)" not in contract_dm  # text, not `label (url)`

    # Saving the contract republishes both App Homes after the DMs.
    fake.wait_for(lambda: "commits to" in json.dumps(fake.home_of("UA") or {}))
    home = fake.home_of("UA")
    assert home is not None and check_view(home) == []
    assert _live_markup_from_others(home) == []
    shown = _read(home)
    assert TARGET in shown and COMMITS in shown and "@everyone" not in shown

    manager_home = slack.open_home("UMAL")  # the rep's own name is theirs to choose: shown, not obeyed
    assert _live_markup_from_others(manager_home) == []
