"""Wording a person reads: counts agree with their nouns, and a rep reading about themselves is not "they"."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from domain.coaching.scoring import DimensionAverage, PerceptionGap, SkillsProfile
from domain.pipeline.upload import NotSaved
from domain.services.roster import TeamListing
from handlers.blocks.contract import contract_blocks
from handlers.blocks.home_coaching import rep_profile_blocks
from handlers.blocks.pipeline_upload import upload_reply
from handlers.blocks.profile import profile_message
from handlers.blocks.roster import team_line
from tests.unit.handlers.hostile_cases import CATALOG, CONTRACT, MANAGER, PROFILE, REP


def _text(built: Any) -> str:
    return json.dumps(built, ensure_ascii=False)


def _profile(calls: int) -> Any:
    averages = [DimensionAverage("discovery_quality", 2.0, calls)]
    return replace(PROFILE, profile=SkillsProfile(calls, averages))


@pytest.mark.parametrize(("calls", "says"), [
    (1, "1 call scored by a manager so far; the profile averages up to 10"),
    (2, "2 calls scored by a manager so far; the profile averages up to 10"),
    (10, "the last 10 calls a manager scored"),
])
def test_the_profile_says_how_many_calls_its_averages_cover(calls: int, says: str) -> None:
    text = _text(profile_message(_profile(calls)))
    assert says in text and "of the aim of" not in text


def test_a_profile_without_scores_reads_the_same_to_the_rep_and_the_manager() -> None:
    text = _text(profile_message(replace(PROFILE, profile=SkillsProfile(0, []))))
    assert "No call scored by a manager yet." in text and "their manager" not in text


def test_the_reps_home_counts_one_call_as_one() -> None:
    text = _text(rep_profile_blocks(_profile(1)))
    assert "(1 call scored by your manager)" in text and "1 calls" not in text


def test_a_perception_flag_never_calls_the_rep_themself() -> None:
    low = PerceptionGap("discovery", 2.0, 4.5)
    assert low.flag == "thinks weak, data says stronger"
    assert "themself" not in _text(profile_message(replace(PROFILE, perception=[low])))


def test_one_rep_one_hour_one_minute() -> None:
    assert "· 1 rep\\n" in _text(team_line(TeamListing(MANAGER, [REP])))
    assert "*Weekly time*: 1 hour\"" in _text(contract_blocks(replace(CONTRACT, weekly_hours=1.0), CATALOG))
    assert "*Weekly time*: 2.5 hours\"" in _text(contract_blocks(replace(CONTRACT, weekly_hours=2.5), CATALOG))
    assert "again in a minute to try" in _text(upload_reply(NotSaved("deals.csv", timedelta(seconds=60))))
    assert "again in 2 minutes to try" in _text(upload_reply(NotSaved("deals.csv", timedelta(seconds=120))))
