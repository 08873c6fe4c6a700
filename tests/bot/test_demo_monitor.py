"""`coachflow demo`, the monitor weeks: two Friday runs across time zones, /scorecard by role, peer learning."""

from __future__ import annotations

import re

import pytest

from tests.bot.demo_text import box_after as _box_after
from tests.bot.demo_text import flat as _flat
from tests.bot.demo_text import scene as _scene


@pytest.mark.parametrize(("tick", "who"), [
    ("Tick Thu 06:00 UTC = Thu 15:00 for Kenji (Asia/Tokyo)", "Kenji"),
    ("Tick Thu 14:00 UTC = Thu 15:00 for Bea (Europe/Berlin)", "Bea"),
    ("Tick Thu 21:00 UTC = Thu 15:00 for Sam (America/Chicago)", "Sam"),
    ("Tick Thu 23:00 UTC = Thu 15:00 for Alex (America/Los_Angeles)", "Alex"),
])
def test_the_first_run_reaches_each_rep_at_1500_their_time_on_thursday_before_the_holiday(
        demo: str, tick: str, who: str) -> None:
    scene = _scene(demo, "Thursday 31 December, 15:00 in each person's time zone")
    assert tick in scene
    assert re.search(rf"{re.escape(tick)}(?:\n\n  ┌─ DM from Coachflow to {who}\n  │ {who}[^\n]*'s scorecard|"
                     rf": “Your scorecard for Week 53)", scene), f"{who}'s scorecard at that tick"


def test_the_first_run_shows_real_week_over_week_changes_both_ways(demo: str) -> None:
    scene = _scene(demo, "Thursday 31 December, 15:00 in each person's time zone")
    alex = _box_after(scene, "Tick Thu 23:00 UTC = Thu 15:00 for Alex")
    assert "8 questions (4 calls) · ↑ 2.7 questions," in alex and "better · target 8 per discovery call" in alex
    assert "Asked who else feels the night-shift pain" in alex  # his own words
    digest = _box_after(scene, "Tick Thu 20:00 UTC = Thu 15:00 for Maya")
    assert "*Alex Rivera* · Questions asked per discovery call: 5.3 → 8 questions" in digest
    assert "*Bea Schmidt* · Questions asked per discovery call: 6.7 → 4.7 questions (↓" in digest


def test_the_digest_marks_kenji_who_sent_nothing_and_his_own_card_is_kind(demo: str) -> None:
    scene = _scene(demo, "Thursday 31 December, 15:00 in each person's time zone")
    digest = _box_after(scene, "Tick Thu 20:00 UTC = Thu 15:00 for Maya")
    assert "*Kenji Sato* · ⚪ nothing this week" in digest and "No data from Kenji Sato." in digest
    kenji = _box_after(scene, "Tick Thu 06:00 UTC = Thu 15:00 for Kenji")
    assert "No debriefs this week — that happens." in kenji and "[ Debrief a call ]" in kenji


def test_a_trend_chart_follows_with_its_alt_text_in_words(demo: str) -> None:
    scene = _scene(demo, "Alex adds a comment for Maya")
    assert "Picture in Alex's DM: your-indicators-up-to-week-53" in scene
    assert "W52 5.3, W53 8 (target 8 per discovery call; higher is better)" in _flat(scene)


def test_alexs_comment_reaches_maya(demo: str) -> None:
    scene = _scene(demo, "Alex adds a comment for Maya")
    assert "@Alex Rivera commented on their scorecard for week 53" in scene
    assert "[ Open Alex Rivera's scorecard ]" in scene and "Sent to @Maya Chen." in scene


def test_peer_learning_asks_alex_who_accepts_and_his_words_are_posted(demo: str) -> None:
    scene = _scene(demo, "Alex improved most on Maya's team")
    post = _flat(_box_after(scene, "┌─ Posted in #sales-coaching"))
    assert "@Alex Rivera made a big step in *Discovery*" in post
    assert "I ask what one bad week costs them before I show anything." in post


@pytest.mark.parametrize(("scene_start", "who"), [("Sam improved most", "Sam"), ("Bea improved most", "Bea")])
def test_a_rep_who_declines_has_nothing_posted(demo: str, scene_start: str, who: str) -> None:
    scene = _scene(demo, scene_start)
    assert "No problem — nothing was posted." in scene
    assert f"#sales-coaching: still 1 message(s); nothing about {who}." in scene


def test_scorecard_for_each_role_and_a_refusal_that_says_why(demo: str) -> None:
    scene = _scene(demo, "/scorecard: each role sees what it may")
    assert "Alex Rivera's scorecard · Week 52 · 21-27 Dec" in _box_after(scene, "Alex types:  /scorecard last")
    assert "Alex Rivera's scorecard · Week 53" in _box_after(scene, "Maya types:  /scorecard @Alex\n")
    assert "Team scorecard · Week 53" in _box_after(scene, "Maya types:  /scorecard team")
    assert "*Sam Okoye*" in _box_after(scene, "Ada types:  /scorecard team @Omar")
    for asker in ("Omar", "Bea"):
        refusal = _box_after(scene, f"{asker} types:  /scorecard @Alex")
        assert "is on @Maya Chen's team; only @Maya Chen and admins can" in refusal
    assert "File in Maya's DM: scorecard-U0ALEX.csv" in scene


def test_the_second_run_a_week_later_shows_the_next_changes(demo: str) -> None:
    scene = _scene(demo, "Friday 8 January, 15:00 in each person's time zone")
    bea = _box_after(scene, "Tick Fri 14:00 UTC = Fri 15:00 for Bea")
    assert "Week 1 · 4-10 Jan" in bea and "7.3 questions (3 calls) · ↑ 2.6" in bea
    digest = _box_after(scene, "Tick Fri 20:00 UTC = Fri 15:00 for Maya")
    assert "8 → 8.7 questions (↑" in digest and "4.7 → 7.3 questions (↑" in digest
