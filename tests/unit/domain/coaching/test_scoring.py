"""Call scores add up to a skills profile; self and manager views are compared fairly."""

from __future__ import annotations

from datetime import date, timedelta

from domain.coaching.scoring import (
    CallScore,
    perception_gaps,
    self_vs_manager,
    skills_profile,
    validate_call,
    validate_scores,
)
from domain.model import WorkspaceRef

WS = WorkspaceRef("T1")
DIMENSIONS = ["discovery_quality", "value_connection", "objection_response", "next_step_clarity", "executive_presence"]
INFORMS = {
    "discovery_quality": "discovery",
    "value_connection": "value_articulation",
    "objection_response": "objection_handling",
    "next_step_clarity": "closing",
    "executive_presence": "closing",
}
TODAY = date(2026, 11, 30)


def _score(by: str, day: int, values: list[int], title: str = "Acme discovery", link: str | None = None) -> CallScore:
    return CallScore(WS, "UA", by, title, TODAY - timedelta(days=day), dict(zip(DIMENSIONS, values, strict=True)),
                     call_link=link, id=day)


def test_every_dimension_needs_a_score_from_1_to_5() -> None:
    problems = validate_scores({"discovery_quality": 0, "value_connection": 6, "objection_response": True,
                                "next_step_clarity": 3}, DIMENSIONS)
    assert problems == {
        "discovery_quality": "Scores go from 1 to 5, not 0.",
        "value_connection": "Scores go from 1 to 5, not 6.",
        "objection_response": "Scores go from 1 to 5, not True.",
        "executive_presence": "Pick a score from 1 to 5.",
    }


def test_a_call_needs_a_name_or_link_and_a_day_not_in_the_future() -> None:
    assert validate_call("", None, TODAY, TODAY) == {"call_title": "Name the call or paste its recording link."}
    assert validate_call("Acme", "gong.io/x", TODAY, TODAY) == {"call_link": "A recording link starts with https://"}
    assert "in the future" in validate_call("Acme", None, TODAY + timedelta(days=1), TODAY)["call_on"]
    assert validate_call("", "https://gong.io/call/1", TODAY, TODAY) == {}


def test_each_text_fits_its_column_and_holds_no_nul() -> None:
    link = "https://gong.io/" + "通" * 484
    assert validate_call("通" * 150, link, TODAY, TODAY, "🎯" * 3000) == {}
    assert validate_call("通" * 151, link + "x", TODAY, TODAY, "🎯" * 3001) == {
        "call_title": "Keep it to 150 characters; this is 151.",
        "call_link": "Keep it to 500 characters; this is 501.",
        "notes": "Keep it to 3000 characters; this is 3001.",
    }
    assert "NUL" in validate_call("Acme\x00", None, TODAY, TODAY)["call_title"]


def test_a_call_named_only_by_its_link_is_shown_and_matched_by_it() -> None:
    link = "https://gong.io/call/" + "a" * 213  # longer than any title may be
    manager, own = _score("UMGR", 1, [2] * 5, "", link), _score("UA", 1, [4] * 5, "", link)
    assert manager.call_title == "" and manager.label == link
    [gap] = self_vs_manager([manager, own])
    assert gap.call_title == link


def test_profile_averages_the_managers_last_ten_calls_weakest_first() -> None:
    old = [_score("UMGR", 40 + n, [1, 1, 1, 1, 1]) for n in range(3)]  # outside the last 10
    recent = [_score("UMGR", n, [4, 2, 3, 5, 3]) for n in range(10)]
    own = [_score("UA", n, [5, 5, 5, 5, 5]) for n in range(5)]  # self-scores never count as observed

    profile = skills_profile(old + recent + own, DIMENSIONS)

    assert profile.calls_scored == 10
    assert [(d.dimension, d.average) for d in profile.dimensions] == [
        ("value_connection", 2.0),
        ("executive_presence", 3.0),
        ("objection_response", 3.0),
        ("discovery_quality", 4.0),
        ("next_step_clarity", 5.0),
    ]


def test_self_and_manager_scores_of_the_same_call_are_compared() -> None:
    manager = _score("UMGR", 2, [2, 3, 3, 4, 3], title="Acme  Discovery")
    own = _score("UA", 2, [4, 3, 2, 4, 3], title="acme discovery")
    other_call = _score("UA", 3, [5, 5, 5, 5, 5], title="Globex demo")
    by_link = [_score("UMGR", 5, [1, 1, 1, 1, 1], title="x", link="https://gong.io/c/9"),
               _score("UA", 5, [3, 1, 1, 1, 1], title="y", link="https://gong.io/c/9")]

    gaps = self_vs_manager([manager, own, other_call, *by_link])

    assert [g.gaps["discovery_quality"] for g in gaps] == [2, 2]
    assert gaps[0].gaps["objection_response"] == -1


def test_perception_gaps_are_flagged_both_ways_from_one_point() -> None:
    profile = skills_profile([_score("UMGR", n, [2, 4, 3, 3, 3]) for n in range(4)], DIMENSIONS)

    gaps = {g.competency: g for g in perception_gaps(
        {"discovery": 4.0, "value_articulation": 2.5, "objection_handling": 3.5, "closing": 3.0},
        profile, INFORMS)}

    assert gaps["discovery"].gap == 2.0 and gaps["discovery"].flag == "thinks strong, data says weak"
    assert gaps["value_articulation"].gap == -1.5 and "stronger" in (gaps["value_articulation"].flag or "")
    assert gaps["objection_handling"].flag is None
    assert gaps["closing"].observed == 3.0 and gaps["closing"].flag is None
