"""The cycle's results through Slack: Maya (New York) coaches Alex and Bea; Omar coaches Chen; Ada is the admin.

`/coach results` for the rep, their manager and an admin, another manager refused with the same words as for
nobody; `/coach admin results` for admins only; a cycle Maya ends early sends the results to both by DM.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import partial

from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.results import not_yours
from tests.handlers.conftest import Slack
from tests.results_world import add_cycle, finished_start

T1 = WorkspaceRef("T1")
TODAY = datetime.now(UTC).date()


def _team(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    """Alex's cycle finished last week or the one before; Bea's runs (week 5)."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    with uow_factory() as uow:
        add_cycle(uow, "UA", finished_start(TODAY), "UMGR", T1)
        add_cycle(uow, "UB", finished_start(TODAY) + timedelta(weeks=5), "UMGR", T1)
        uow.commit()


def _received(slack: Slack, person: str, words: str) -> bool:
    return any(m["text"].startswith(words) for m in slack.fake.messages_to(person))


def _page(slack: Slack, user_id: str, text: str) -> str:
    reply = slack.coach(user_id, text).responses[-1]
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    return json.dumps(reply, ensure_ascii=False)


def test_the_rep_their_manager_and_an_admin_read_the_page_and_another_manager_is_refused(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack, uow_factory)
    own = _page(slack, "UA", "results")
    assert "Cycle results: Alex Rivera" in own and "finished" in own
    assert "3 questions in week 3 → 7 questions in the last two weeks (↑ 4, better)" in own
    assert "Discovery quality: 2.5 → 4.5 (+2.0)" in own and "win rate 0%, median deal 40,000 → win rate 50%" in own
    assert "6 1:1s held, 4.5 h of the 3 h the contract promised (150%)" in own
    assert "No 21-day challenge in this cycle." in own and "A chart of these figures follows" in own
    slack.fake.wait_for(lambda: any(m["text"].startswith("Cycle results of Alex Rivera")
                                    for m in slack.fake.messages_to("UA")))
    for person in ("UMGR", "UADMIN"):
        assert "Cycle results: Alex Rivera" in _page(slack, person, "results <@UA|alex>")
    refused = _page(slack, "UMGR2", "results <@UA|alex>")
    assert "Cycle results" not in refused and "4.5 h" not in refused
    nobody = _page(slack, "UMGR2", "results <@UZZZ|zed>")
    assert json.loads(refused)["text"].replace("UA", "X") == json.loads(nobody)["text"].replace("UZZZ", "X")
    assert str(not_yours("UA")).split("<@")[0] in refused
    assert "Cycle results" not in _page(slack, "UB", "results <@UA|alex>")  # another rep of the same team
    assert "no coaching cycle yet" in _page(slack, "UC", "results")
    assert "so far (the cycle is still running)" in _page(slack, "UMGR", "results <@UB|bea>")
    assert "Name one rep" in _page(slack, "UMGR", "results <@UA|alex> <@UB|bea>")


def test_an_admin_gets_every_reps_line_and_the_totals_and_a_manager_does_not(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack, uow_factory)
    since = (TODAY - timedelta(weeks=4)).isoformat()
    team = _page(slack, "UADMIN", f"admin results since {since}")
    assert "<@UA>: indicators 2 better, 0 worse" in team and "<@UB>" in team
    assert "*Totals* (2 reps)" in team and "12 1:1s" not in team  # Bea's cycle is in week 5: fewer 1:1s held
    assert "<@UB>" not in _page(slack, "UADMIN", f"admin results <@UMGR2|omar> since {since}")
    assert "Only a workspace admin" in _page(slack, "UMGR", "admin results")
    assert "YYYY-MM-DD" in _page(slack, "UADMIN", "admin results since yesterday")
    assert "in the future" in _page(slack, "UADMIN", "admin results since 2099-01-01")


def test_a_cycle_ended_before_week_8_sends_its_results_to_the_rep_and_the_manager(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack, uow_factory)
    slack.coach("UMGR", "cycle <@UB|bea> end")
    for person, words in (("UB", "<@UMGR> ended your coaching cycle"), ("UMGR", "You ended <@UB>'s coaching cycle")):
        slack.fake.wait_for(partial(_received, slack, person, words))
    slack.coach("UMGR", "cycle <@UA|alex> end")  # in maintenance: the results went the day after week 8
    slack.finish_listeners()
    assert not any("ended your coaching cycle" in m["text"] for m in slack.fake.messages_to("UA"))
