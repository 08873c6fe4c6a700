"""`coachflow demo`, the coaching conversation: two 1:1s of Maya (New York) and Alex (Los Angeles), the four steps."""

from __future__ import annotations

from tests.bot.demo_text import box, box_after, flat, scene


def _words(text: str) -> str:
    """A box's text as one line of single-spaced words, whatever the terminal wrapping."""
    return " ".join(flat(text).replace("│", " ").split())


def test_the_pre_work_comes_24_hours_before_in_alexs_morning_and_a_short_agenda_is_refused(demo: str) -> None:
    shown = scene(demo, "Monday 11 January, 24 hours before")
    assert "Tick Mon 18:00 UTC = Mon 10:00 for Alex (America/Los_Angeles)" in shown
    assert "Your 1:1 with @Maya Chen is on Tue 12 Jan 10:00 (your time)" in _words(shown)
    assert "Give 3 or 4 agenda items (you have 2)" in box_after(shown, "Alex writes two agenda items")
    arrived = _words(box_after(shown, "Alex adds a third item"))
    assert "sent their pre-work for your 1:1 on Tue 12 Jan 13:00" in arrived  # Maya's own time
    assert "Pre-read from enablement" in arrived and "the cost of one bad week" in arrived
    assert "What keeps you up at night that I can help with?" in _words(box_after(shown, "Maya adds one"))


def test_the_card_reaches_maya_five_minutes_before_her_1300_with_the_reps_agenda_first(demo: str) -> None:
    shown = scene(demo, "Tuesday 12 January, 12:55 in New York")
    card = _words(box_after(shown, "Tick Tue 17:55 UTC = Tue 12:55 for Maya (America/New_York)"))
    assert "Tue 12 Jan 13:00 for you (New York) · 10:00 for Alex Rivera (Los Angeles)" in card
    assert (card.index("The rep's agenda") < card.index("Can you join the Hooli call") < card.index(
        "Maya Chen's questions") < card.index("Pre-read from enablement") < card.index("Probing questions")
        < card.index("[ Record takeaways ] [ Record action plan ]"))
    assert "Results against commitments" not in card  # their first 1:1
    assert "Hooli expansion* in Presenting" in card  # a stalled deal worth a role-play


def test_takeaways_and_a_three_action_plan_with_one_delegated_reach_each_person(demo: str) -> None:
    shown = scene(demo, "After the 1:1: Maya records the takeaways")
    told = _words(box(shown, "DM from Coachflow to Alex"))
    assert "recorded the takeaways of your 1:1" in told and "Carries forward: Q1 forecast" in told
    assert "Saved @Alex Rivera's action plan (3 actions)" in _words(box_after(shown, "Maya writes three actions"))
    bea = _words(box(shown, "DM from Coachflow to Bea"))
    assert "buying-group map template" in bea and "Hooli CFO" not in bea  # only her own action
    assert "Recent 1:1s and their takeaways" in _words(box_after(shown, "Alex types:  /coach sessions"))


def test_each_owner_is_reminded_at_nine_and_checked_in_at_four_their_own_time(demo: str) -> None:
    reminders = scene(demo, "The working day before each deadline")
    assert "Reminder: your action is due Thu 14 Jan" in box_after(
        reminders, "Tick Wed 08:00 UTC = Wed 09:00 for Bea (Europe/Berlin)")
    assert "cost-of-delay question" in box_after(
        reminders, "Tick Wed 17:00 UTC = Wed 09:00 for Alex (America/Los_Angeles)")
    check_ins = scene(demo, "Thursday 14 January, 16:00")
    assert "Today is the deadline" in box_after(check_ins, "Tick Fri 00:00 UTC = Thu 16:00 for Alex")
    partly = _words(box_after(check_ins, "Alex says what got in the way"))
    assert "answered the check-in: *partly done*" in partly and "renewals: no discovery to open" in partly


def test_the_next_pre_work_carries_only_the_uncovered_item_and_the_next_card_opens_with_the_review(
        demo: str) -> None:
    pre_work = _words(box_after(scene(demo, "Monday 18 January"), "Alex clicks Prepare for our 1:1"))
    assert "Carry forward from last time (optional): [ ] Q1 forecast: which deals are real?" in pre_work
    assert "My discovery calls run long" not in pre_work

    shown = scene(demo, "Tuesday 19 January, 12:55 in New York")
    card = _words(box_after(shown, "Tick Tue 17:55 UTC = Tue 12:55 for Maya"))
    assert card.index("Results against commitments") < card.index("The rep's agenda")
    assert "Last time's takeaways:_ Lead every discovery call with the cost of delay" in card
    assert "_partly done_" in card and "renewals: no discovery to open" in card and "_overdue_" in card
    assert "moved an action of yours to Fri 22 Jan" in _words(box_after(shown, "Maya moves it to Friday 22 January"))
    assert "Kept on time this cycle: 1 of 2" in _words(box_after(shown, "Maya types:  /coach commitments @Alex"))
