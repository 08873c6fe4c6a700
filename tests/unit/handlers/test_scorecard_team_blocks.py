"""The manager's Friday digest: a line per rep, who sent nothing, their full scorecard a click away, coaching time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.fake_slack import check_message, mrkdwn_to_text
from domain.coaching.scorecard import CoachingTime, TeamScorecard
from domain.model import Member
from handlers.blocks.limits import MESSAGE_BLOCKS
from handlers.blocks.scorecard_team import (
    SILENT,
    read_rep_scorecard_value,
    rep_scorecard_value,
    team_scorecard_message,
)
from handlers.edge import ids
from tests.unit.handlers.scorecard_samples import (
    MANAGER,
    WEEK,
    WS,
    card,
    discovery_and_closing,
    indicator_weeks,
    team_of,
)

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def _shown(built: dict[str, Any]) -> str:
    texts = [b["text"]["text"] for b in built["blocks"] if isinstance(b.get("text"), dict)]
    texts += [e["text"] for b in built["blocks"] for e in b.get("elements", []) if e.get("type") == "mrkdwn"]
    return "\n".join(mrkdwn_to_text(t).replace("*", "") for t in texts)


def _rep(user_id: str, name: str) -> Member:
    return Member(WS, user_id, name, "Europe/Berlin", manager_id="UMGR")


def _small_team() -> TeamScorecard:
    cards = (discovery_and_closing(rep=_rep("UALEX", "Alex")),
             discovery_and_closing(rep=_rep("USAM", "Sam"), debriefed=0, shadowed=0),
             discovery_and_closing(rep=_rep("UPRIYA", "Priya"), debriefed=0, shadowed=0))
    return TeamScorecard(WS, MANAGER, WEEK, cards, CoachingTime(shadowed_calls=3, feedback_given=4, agreed_hours=8))


def test_a_line_per_rep_with_their_headline_change_in_words_and_their_calls() -> None:
    text = _shown(team_scorecard_message(_small_team(), NOW))
    # The biggest better change by its share of last week: next step 75% -> 100% (a third) beats 5 -> 6.5 questions.
    line = "Alex · Next step defined with a date: 75 → 100% of calls (↑ better)\n3 debriefed · 1 shadowed (target 2-3)"
    assert line in text


def test_a_lower_is_better_headline_reads_better_with_a_down_arrow() -> None:
    team = _small_team()
    only_days = card({"closing": [indicator_weeks("proposal_to_decision_days", [(30, 3), (25, 3), (21, 3), (18, 3)])]})
    text = _shown(team_scorecard_message(replace(team, cards=(only_days,)), NOW))
    assert "Days from proposal to decision: 21 → 18 days (↓ better)" in text


def test_reps_who_sent_nothing_are_marked_and_named_at_the_end() -> None:
    built = team_scorecard_message(_small_team(), NOW)
    text = _shown(built)
    assert f"Sam · {SILENT}" in text and f"Priya · {SILENT}" in text
    assert text.splitlines()[-1] == "No data from Sam, Priya."
    assert "1 of 3 reps sent something" in built["text"] and "No data from Sam, Priya." in built["text"]


def test_everyone_active_and_an_empty_team_say_so() -> None:
    team = _small_team()
    assert _shown(team_scorecard_message(replace(team, cards=team.cards[:1]), NOW)).endswith(
        "Everyone sent something this week.")
    assert "No reps on your team yet." in _shown(team_scorecard_message(replace(team, cards=()), NOW))


def test_the_managers_coaching_time_against_the_hours_agreed() -> None:
    text = _shown(team_scorecard_message(_small_team(), NOW))
    assert "Your coaching this week: 3.7 h of 8 h agreed (3 shadowed calls, 4 feedback replies)" in text
    assert "An estimate: 60 min a shadowed call" in text
    none_agreed = replace(_small_team(), coaching=CoachingTime(sessions=1))
    assert "0.8 h; no hours agreed in a signed contract yet (0 shadowed calls, 0 feedback replies, 1 session)" in \
        _shown(team_scorecard_message(none_agreed, NOW))


def test_each_rep_has_a_full_scorecard_button_with_their_id_and_week() -> None:
    built = team_scorecard_message(_small_team(), NOW)
    buttons = [b["accessory"] for b in built["blocks"] if "accessory" in b]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        (ids.OPEN_REP_SCORECARD, "UALEX|2026-W48"), (ids.OPEN_REP_SCORECARD, "USAM|2026-W48"),
        (ids.OPEN_REP_SCORECARD, "UPRIYA|2026-W48")]
    assert {b["text"]["text"] for b in buttons} == {"Full scorecard"}


@pytest.mark.parametrize("reps", [40, 41, 120, 400])
def test_a_big_team_fits_one_message_and_every_rep_keeps_a_way_to_their_card(reps: int) -> None:
    built = team_scorecard_message(team_of(reps), NOW)
    assert check_message(built["blocks"], built["text"]) == []
    assert len(built["blocks"]) <= MESSAGE_BLOCKS
    values = []
    for block in built["blocks"]:
        accessory = block.get("accessory", {})
        values += [accessory["value"]] if accessory.get("type") == "button" else \
            [o["value"] for o in accessory.get("options", [])]
    reachable = {v.split("|")[0] for v in values}
    if reps <= 225:  # 45 sections of five
        assert reachable == {f"UREP{n:03d}" for n in range(reps)}
    else:
        assert len(reachable) >= 200 and "…and more reps" in _shown(built)
    assert _shown(built).splitlines()[-1].startswith("No data from Rep number 000")
    assert "and 0 more" not in _shown(built)


def test_forty_reps_each_get_a_button_of_their_own() -> None:
    built = team_scorecard_message(team_of(40), NOW)
    assert sum(1 for b in built["blocks"] if b.get("accessory", {}).get("type") == "button") == 40


def test_the_button_value_reads_back_and_a_forged_one_is_refused() -> None:
    assert read_rep_scorecard_value(rep_scorecard_value("U1", "2026-W48")) == ("U1", "2026-W48")
    for forged in (None, "", "U1", "|2026-W48", "U1|", "U1|2026|W48"):
        assert read_rep_scorecard_value(forged) is None
