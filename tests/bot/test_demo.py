"""`coachflow demo`: the offline demo shows each person what Slack would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.demo import transcript
from tests.bot.demo_text import scene as _scene


def _box(demo: str, label: str) -> str:
    """The text inside the first `┌─ label` ... `└─` box of the transcript."""
    match = re.search(rf"┌─ {re.escape(label)}\n(.*?)\n\s*└─", demo, re.DOTALL)
    assert match, f"no box {label!r} in the demo transcript"
    return match.group(1)


def test_maya_adds_three_reps(demo: str) -> None:
    assert "Maya types:  /coach team add @Alex @Bea @Kenji" in demo
    reply = _box(demo, "Only visible to Maya")
    assert "3 added. Your team now has 3 reps." in reply
    for name in ("Alex Rivera", "Bea Schmidt", "Kenji Sato"):
        assert f"@{name} joined your team." in reply


@pytest.mark.parametrize("rep", ["Alex", "Bea", "Kenji"])
def test_each_new_rep_gets_a_dm(demo: str, rep: str) -> None:
    dm = _box(demo, f"DM from Coachflow to {rep}")
    assert "@Maya Chen added you to their Coachflow coaching team." in dm


def test_building_the_team_dms_no_one_outside_it(demo: str) -> None:
    setup = demo.split("Monday: the week-ahead note", maxsplit=1)[0]
    for person in ("Ada", "Maya", "Omar"):
        assert f"DM from Coachflow to {person}" not in setup


@pytest.mark.parametrize(
    ("manager", "tick_utc", "zone"),
    [("Priya", "02:30", "Asia/Kolkata"), ("Maya", "13:00", "America/New_York"), ("Omar", "14:00", "America/Chicago")],
)
def test_week_ahead_reaches_each_manager_at_8am_local(demo: str, manager: str, tick_utc: str, zone: str) -> None:
    assert f"Tick Mon {tick_utc} UTC = Mon 08:00 for {manager} ({zone})" in demo
    note = _box(demo, f"DM from Coachflow to {manager}")
    assert "Your week ahead: 30 Nov" in note
    monday = demo.split("Monday: the week-ahead note")[1].split("Maya starts Alex's", maxsplit=1)[0]
    assert monday.count(f"DM from Coachflow to {manager}") == 1  # once, not at every tick after


def test_the_week_ahead_note_says_who_is_away(demo: str) -> None:
    note = _box(demo, "DM from Coachflow to Maya")
    assert "@Kenji Sato" in note and "away until Mon 7 Dec" in note


@pytest.mark.parametrize("person", ["Maya", "Alex", "Ada", "Omar"])
def test_home_tab_for_each_person(demo: str, person: str) -> None:
    assert f"┌─ {person}'s Home tab (" in demo


def test_mayas_home_lists_her_reps_with_their_time_zones(demo: str) -> None:
    home = _box(demo, "Maya's Home tab (sales manager)")
    assert "Your team (3 reps)" in home
    lines = home.splitlines()
    for name, tz in (
        ("Alex Rivera", "America/Los_Angeles"),
        ("Bea Schmidt", "Europe/Berlin"),
        ("Kenji Sato", "Asia/Tokyo"),
    ):
        at = next(i for i, line in enumerate(lines) if f"@{name}" in line)
        assert tz in lines[at + 1], f"{name}'s time zone should follow the name"


def test_alex_sees_his_coach(demo: str) -> None:
    assert "Your coach: @Maya Chen" in _box(demo, "Alex's Home tab (account executive)")


def test_adas_home_shows_the_admin_view(demo: str) -> None:
    home = _box(demo, "Ada's Home tab (sales enablement lead)")
    assert "Workspace (admin)" in home
    assert "Admins: @Ada Okafor" in home
    assert "@Maya Chen* · 3 reps" in home


def test_omar_has_no_team_and_sees_how_to_start(demo: str) -> None:
    home = _box(demo, "Omar's Home tab (sales manager)")
    assert "Your team" not in home
    assert "Workspace (admin)" not in home
    assert "/coach team add" in home
    # He could not take Alex from Maya.
    assert "@Alex Rivera is coached by @Maya Chen" in _box(demo, "Only visible to Omar")


def test_the_demo_runs_to_the_end_without_errors(demo: str) -> None:
    assert "Demo finished:" in demo
    assert "Sorry, Coachflow hit a problem" not in demo


def test_the_demo_tells_the_same_story_every_run(demo: str) -> None:
    # Compared as printed, nothing normalised: pictures, DMs and App Homes
    # appear in the scene that caused them, and the call count is the same.
    assert transcript() == demo


def test_each_picture_is_shown_in_the_scene_that_made_it(demo: str) -> None:
    radar = "Picture in Alex's DM: skills-profile-of-alex-rivera.png"
    assert radar in _scene(demo, "Alex scores the Globex call himself")
    rated = _scene(demo, "Week 2: Maya rates")
    matrix = "Picture in Maya's DM: skill-gaps-of-alex-rivera.png"
    assert rated.index(matrix) < rated.index("Maya clicks Accept proposal")
    assert demo.count(radar) == 1 and demo.count(matrix) == 1


def test_a_demo_database_file_is_played_once_then_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "demo.db"
    assert main(["demo", "--database", str(database)]) == 0
    first = capsys.readouterr()
    assert f"SQLite at {database}" in first.out and "Demo finished" in first.out
    played = database.read_bytes()

    assert main(["demo", "--database", str(database)]) == 2  # a usage error, at once: no hang, no traceback
    again = capsys.readouterr()
    assert again.out == ""
    assert again.err == (f"coachflow: --database {database} already exists; the demo plays on a fresh database: "
                         "delete the file or name a new one.\n")
    assert database.read_bytes() == played  # left as the first run made it





def test_week_one_asks_alex_for_the_self_assessment_at_9am_his_time(demo: str) -> None:
    scene = _scene(demo, "Week 1, Monday 09:00")
    assert "Tick Mon 17:00 UTC = Mon 09:00 for Alex (America/Los_Angeles)" in scene
    assert "[ Take the self-assessment ]" in scene


def test_week_one_scoring_shows_inline_errors_then_tells_alex(demo: str) -> None:
    scene = _scene(demo, "Week 1, Tuesday")
    errors = _box(scene, "Inline errors in Maya's modal (everything typed stays)")
    assert "Date of the call: Wed 9 Dec is in the future" in errors and "Value connection: Pick a score" in errors
    assert "@Maya Chen scored your call “Globex discovery”" in scene


def test_week_one_profile_flags_perception_gaps_both_ways(demo: str) -> None:
    profile = _box(demo, "Only visible to Alex")
    assert "2.5  Discovery quality" in profile.split("Next-step")[0]  # weakest first
    words = " ".join(profile.replace("│", " ").split())  # as read, whatever the wrapping
    assert "thinks strong, data says weak" in words and "thinks weak, data says stronger" in words
    assert "themself" not in words
    assert "Globex discovery (27 Nov): Discovery quality +2" in profile


def test_week_one_wednesday_note_tells_maya_what_is_missing(demo: str) -> None:
    scene = _scene(demo, "Week 1, Wednesday")
    assert "1 rep in cycle weeks 1-2 still needs something this week." in scene
    assert "2 of 10 calls scored" in _box(scene, "Maya's Home tab (sales manager)")


def test_week_two_proposes_focus_refuses_a_third_and_both_sign(demo: str) -> None:
    rated = _scene(demo, "Week 2: Maya rates")
    assert "*Proposed focus*: *Discovery* (foundational) and *Value articulation*" in rated
    assert "at most 2 skills" in _scene(demo, "The 2-skill rule")
    contract = _scene(demo, "Maya writes the coaching contract")
    assert "@Alex Rivera signed the coaching contract (version 1)." in contract
    assert "signed by you both" in contract
    assert "Coaching contract (version 1, signed)" in _box(contract, "Alex's Home tab (account executive)")


def test_week_one_crm_export_in_the_dm_imports_mayas_team_only(demo: str) -> None:
    scene = _scene(demo, "Week 1: Maya shares her team's CRM export")
    assert "Imported 8 opportunities from northwind-deals.csv: 8 new" in scene
    assert "owner U0SAM is not on your team" in scene and "`line 8` no owner" in scene


def _words(text: str) -> str:
    """The text as read, whatever the wrapping and the box's frame."""
    return " ".join(text.replace("│", " ").split())


def test_weeks_three_to_six_bring_two_lessons_at_10am_alexs_time(demo: str) -> None:
    first = _scene(demo, "Week 3, Tuesday 10:00")
    assert "Tick Tue 18:00 UTC = Tue 10:00 for Alex (America/Los_Angeles)" in first
    assert "The PAIN framework" in first and "Lessons done: 1 of 8" in _words(first)
    second = _scene(demo, "Thursday 10:00 in Los Angeles")
    assert "Tick Thu 18:00 UTC = Thu 10:00 for Alex" in second and "Tick Fri 18:00 UTC = Fri 10:00 for Alex" in second
    assert second.count("From features to outcomes") >= 2  # on Thursday, and again on Friday as Alex asked
    assert "As you asked: this lesson again" in second and "Lessons done: 2 of 8" in _words(second)


def test_the_end_of_day_prompt_is_answered_with_one_click_and_one_modal(demo: str) -> None:
    scene = _scene(demo, "Tuesday 17:00 in Los Angeles")
    assert "Tick Wed 01:00 UTC = Tue 17:00 for Alex (America/Los_Angeles)" in scene
    assert "[ Debrief a call ]  [ No calls today ]  [ Not today ]" in scene
    assert "Debrief a call (modal)" in _box(scene, "Modal open for Alex")
    saved = scene.split("Alex types the account")[1]
    assert "Debrief saved: *Pied Piper* · Discovery call · Tue 15 Dec" in _box(saved, "DM from Coachflow to Alex")
    # Others get theirs at 17:00 their time, in one line each.
    assert "Tick Tue 23:00 UTC = Tue 17:00 for Sam (America/Chicago)" in scene


def test_mayas_digest_waits_for_her_morning_and_her_feedback_lands_in_the_thread_of_alexs_copy(demo: str) -> None:
    scene = _scene(demo, "Maya's digest waits")
    assert "Tick Wed 12:00 UTC = Wed 07:00 for Maya (America/New_York)" in scene
    digest = _words(_box(scene, "DM from Coachflow to Maya"))
    assert "1 new debrief from your reps" in digest
    assert "@Alex Rivera debriefed a discovery call with *Pied Piper*" in digest
    assert "[ Reply with feedback ]" in digest
    reply = _box(scene, "DM from Coachflow to Alex, in the thread of “Debrief saved: Pied Piper, discovery call on…”")
    assert "@Maya Chen replied to your debrief" in reply and "Good instinct on who feels it" in reply


def test_alex_edits_his_debrief_and_the_copy_is_updated_in_place(demo: str) -> None:
    copy = _words(_box(_scene(demo, "Alex edits his debrief"), "Alex's DM: Coachflow updates its message in place"))
    assert "Debrief edited: *Pied Piper*" in copy and "*8 questions*" in copy and "*3 stakeholders*" in copy
    assert "Version 2; the earlier one is kept." in copy


def test_a_shadowed_call_sits_next_to_alexs_linked_debrief(demo: str) -> None:
    scene = _scene(demo, "Wednesday: Maya joins Alex's Hooli call")
    assert "Deal (optional): [ Hooli expansion v ]" in _box(scene, "Modal open for Maya")
    feedback = _words(_box(scene, "DM from Coachflow to Alex"))
    assert "@Maya Chen shadowed your demo call with *Hooli expansion*" in feedback
    assert "Discovery 4/5 · Value articulation 2/5" in feedback and "[ Add my debrief of this call ]" in feedback
    calls = _words(_box(scene, "Only visible to Maya"))
    hooli = calls.split("*Wed 16 Dec · Demo · Hooli expansion*")[1].split("*Tue 15 Dec")[0]
    assert "@Alex Rivera's debrief" in hooli and "I froze on the cost question" in hooli
    assert "Shadowed by @Maya Chen" in hooli and "give her the payback in her numbers" in hooli
    assert "(edited, version 2)" in calls.split("*Tue 15 Dec · Discovery · Pied Piper*")[1]


def test_the_role_play_card_comes_from_the_stalled_hooli_deal_and_is_marked_practised(demo: str) -> None:
    scene = _scene(demo, "Week 4: Maya asks for role-plays")
    cards = _words(_box(scene, "Only visible to Maya"))
    assert "1 of @Alex Rivera's 3 open deals is past the usual time in its stage" in cards
    assert ("*Role-play the next conversation with Hooli expansion*: in Presenting for 49 days "
            "(their average: 23)") in cards
    assert "Recorded: a role-play with @Alex Rivera" in _words(_box(scene, "DM from Coachflow to Maya"))
    assert "second time he led with the payback" in _words(_box(scene, "DM from Coachflow to Alex"))


def test_homework_is_assigned_from_a_template_handed_in_and_answered_in_the_thread(demo: str) -> None:
    assigned = _scene(demo, "Maya gives Alex homework")
    prefilled = _box(assigned, "Modal updated for Maya")
    for deal in ("• Hooli expansion (61,000)", "• Soylent onboarding (24,000)", "• Vandelay imports (12,500)"):
        assert deal in prefilled
    assert "@Maya Chen gave you homework, due Thu 24 Dec" in _words(_box(assigned, "DM from Coachflow to Alex"))
    due = _scene(demo, "Thursday 09:00 in Los Angeles: the due-date reminder")
    assert "Tick Thu 17:00 UTC = Thu 09:00 for Alex (America/Los_Angeles)" in due
    assert "Your homework from @Maya Chen is due today" in _words(due)
    assert "@Alex Rivera handed in their homework" in _box(due, "DM from Coachflow to Maya")
    thread = "DM from Coachflow to Alex, in the thread of “<@U0MAYA> gave you homework"
    assert due.count(thread) == 2  # the receipt, then the answer
    answered = _words(due.split(thread)[2])
    assert "@Maya Chen answered your homework" in answered and "put the 20 hours in dollars" in answered
