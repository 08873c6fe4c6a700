"""`coachflow demo`, weeks 7-8 and after (issue 13): Alex's 21-day challenge with a mixed record, the cycle's
results with before/after figures, a success story, three monthly check-ins and a new cycle from the flag."""

from __future__ import annotations

from tests.bot.demo_text import box, box_after, flat, scene


def _words(text: str) -> str:
    """Text as one line of single-spaced words, whatever the terminal wrapping and box edges."""
    return " ".join(flat(text).replace("│", " ").split())


def test_alex_starts_his_challenge_from_the_invitation_in_his_home_and_maya_is_told(demo: str) -> None:
    shown = scene(demo, "Wednesday 20 January, 08:00 in Los Angeles")
    invitation = _words(box(shown, "Alex's Home tab, the challenge's part"))
    assert "*21-day challenge* · not started" in invitation and "[ Start my 21-day challenge ]" in invitation
    assert "Ask at least 5 probing questions in every discovery call" in _words(box(shown, "Modal open for Alex"))
    started = _words(box(shown, "DM from Coachflow to Alex"))
    assert "You started your 21-day challenge" in started and "the cost of delay first" in started
    assert "21 challenge days, the last on Wed 17 Feb" in started
    assert "@Alex Rivera's 21-day challenge has started" in _words(box(shown, "DM from Coachflow to Maya"))


def test_the_nudge_comes_at_0830_in_los_angeles_and_each_answer_shows_the_figures(demo: str) -> None:
    shown = scene(demo, "The first three mornings")
    nudge = _words(box_after(shown, "Tick Wed 16:30 UTC = Wed 08:30 for Alex (America/Los_Angeles)"))
    assert "Day 1 of 21 of your challenge" in nudge and "[ Did it ]" in nudge
    assert "Streak *1* · longest *1* · compliance *100%* (1/1 relevant days) · *20* days left" in _words(
        box_after(shown, "Alex clicks Did it"))
    missed = _words(box_after(shown, "Alex clicks Missed"))
    assert "Fri 22 Jan: *Missed*" in missed
    assert "Streak *0* · longest *2* · compliance *67%* (2/3 relevant days) · *18* days left" in missed


def test_mayas_friday_summary_shows_the_miss_and_she_sends_encouragement(demo: str) -> None:
    shown = scene(demo, "Friday 22 January: Maya shares this week's CRM export")
    words = _words(shown)
    assert "Imported 8 opportunities from northwind-deals-week-8.csv" in words
    summary = words[words.index("21-day challenges ="):]
    assert "@Alex Rivera · streak *0* (longest 2) · compliance *67%* · 18 days left" in summary
    assert "[ Send encouragement ]" in summary
    clicked = shown[shown.index("Maya clicks Send encouragement"):]
    assert "Sent @Alex Rivera your encouragement" in _words(box(clicked, "The message Maya clicked in"))
    assert "@Maya Chen is cheering you on in your 21-day challenge" in _words(box(clicked, "DM from Coachflow to Alex"))


def test_the_results_page_after_week_8_has_real_before_and_after_figures(demo: str) -> None:
    page = _words(scene(demo, "Monday 25 January, 09:00 in New York"))
    assert "@Alex Rivera's coaching cycle has passed week 8" in page
    assert "6.5 questions in week 3 → 8.5 questions in the last two weeks (↑ 2, better)" in page
    assert "0% of calls in week 3 → 75% of calls in the last two weeks" in page
    assert "Discovery quality: 2.5 → 4.5 (+2.0) · 2 and 2 calls" in page
    assert "win rate 50%, median deal 18,500 → win rate 60%" in page
    assert "compliance 67%, 2 of 3 relevant days done, longest streak 2 (so far: 18 days to go)" in page
    assert "cycle-results-of-alex-rivera.png" in page  # the chart, in Maya's DM


def test_a_repair_makes_up_friday_and_a_no_calls_day_does_not_count_against_him(demo: str) -> None:
    shown = scene(demo, "Monday 25 January, 08:30 in Los Angeles")
    assert "[ Repair yesterday ]" in _words(box_after(shown, "Tick Mon 16:30 UTC = Mon 08:30 for Alex"))
    repaired = _words(box_after(shown, "Alex clicks Repair yesterday"))
    assert "Fri 22 Jan made up" in repaired
    assert "Streak *3* · longest *3* · compliance *100%* (3/3 relevant days) · *18* days left" in repaired
    no_calls = _words(box_after(shown, "He picks “No relevant calls”"))
    assert "Mon 25 Jan: *No relevant calls today*" in no_calls and "Two renewals, no new logos" in no_calls
    assert "compliance *100%* (3/3 relevant days) · *17* days left" in no_calls
    assert "Monthly maintenance begins" in _words(box_after(shown, "Tick Mon 17:00 UTC = Mon 09:00 for Alex"))


def test_an_answer_after_midnight_within_the_grace_counts_for_the_day_before(demo: str) -> None:
    late = _words(box_after(scene(demo, "Tuesday 26 January"), "Wednesday 00:40 in Los Angeles"))
    assert "Tue 26 Jan: *Did it*" in late and "Streak *4* · longest *4* · compliance *100%* (4/4" in late


def test_a_second_miss_resets_the_streak_but_not_the_longest_and_the_first_check_in_flags_nothing(
        demo: str) -> None:
    assert "Tue 2 Feb, 09:15 for Alex: he clicks Did it → streak 9 · longest 9 · compliance 100% (9/9" in scene(
        demo, "Wednesday 27 January to Tuesday 2 February")
    shown = scene(demo, "Wednesday 3 to Friday 5 February")
    assert ("Thu 4 Feb, 09:15 for Alex: he clicks Missed → streak 0 · longest 10 · compliance 91% "
            "(10/11 relevant days) · 9 days left") in shown
    assert "Fri 5 Feb, 09:15 for Alex: he clicks Did it → streak 1 · longest 10 · compliance 92%" in shown
    first = scene(demo, "Tuesday 2 February, 10:00 in Los Angeles")
    assert "monthly maintenance check-in for February 2027 is open" in _words(first)
    assert "Nothing flagged" in _words(box(first, "DM from Coachflow to Maya"))


def test_a_week_off_pauses_the_challenge_and_moves_its_end_a_week_out(demo: str) -> None:
    shown = scene(demo, "Friday 5 February: Alex takes next week off")
    assert "nothing scheduled until Monday 15 February 2027" in _words(box(shown, "Only visible to Alex"))
    assert "*21-day challenge* · ends Wed 24 Feb" in _words(box(shown, "Alex's Home tab"))
    away = shown[shown.index("Alex is away"):]
    assert "for Alex" not in away  # no nudge while he is away
    back = scene(demo, "Monday 15 February, 08:30")
    assert "Day 14 of 21 of your challenge" in _words(box_after(back, "Tick Mon 16:30 UTC = Mon 08:30 for Alex"))
    assert "Tue 23 Feb, 09:15 for Alex: he clicks Did it → streak 8 · longest 10 · compliance 95%" in back


def test_the_last_day_is_celebrated_and_the_win_reaches_maya_the_channel_and_bea(demo: str) -> None:
    shown = scene(demo, "Wednesday 24 February")
    last = shown[shown.index("Alex clicks Did it on day 21"):]
    party = _words(box(last, "DM from Coachflow to Alex"))
    assert "You finished your 21-day challenge! Compliance *95%*, longest streak *10* days" in party
    assert "19 days done of 20 relevant · 1 repair used" in party and "[ Share a win ]" in party
    assert "finished their 21-day challenge: compliance *95%*" in _words(box(shown, "DM from Coachflow to Maya"))
    posted = _words(box(shown, "Posted in #sales-coaching"))
    assert "@Alex Rivera shares a win in *Discovery*: Deal size $12.5k → $48k" in posted
    assert "Vandelay agreed to a three-year deal" in _words(box_after(shown, "Bea types:  /coach wins discovery"))


def test_the_results_on_demand_carry_the_finished_challenge(demo: str) -> None:
    page = _words(scene(demo, "Thursday 25 February"))
    assert "compliance 95%, 19 of 20 relevant days done, longest streak 10" in page
    assert "8.5 questions in the last two weeks" in page


def test_the_third_check_in_flags_discovery_and_maya_starts_a_new_cycle_from_the_flag(demo: str) -> None:
    assert "Nothing flagged" in _words(scene(demo, "Tuesday 2 March"))
    shown = scene(demo, "Tuesday 6 April")
    flagged = _words(box_after(shown, "Alex rates discovery 3"))
    assert "self-rating 3 (last month 4)" in flagged
    assert "*Discovery*: self-rating down 1 point; worse two months running: Questions asked" in flagged
    assert "[ Start a new cycle on Discovery ]" in flagged
    clicked = _words(box_after(shown, "Maya clicks Start a new cycle on Discovery"))
    assert "A new coaching cycle for @Alex Rivera on *Discovery* starts Mon 12 Apr" in clicked
    assert "started your 8-week coaching cycle on Monday 12 April" in _words(shown)
    assert "30 Nov 2026 to 6 Apr 2027" in _words(box_after(shown, "Maya types:  /coach cycle @Alex"))


def test_ada_sees_alexs_cycle_among_every_teams_results(demo: str) -> None:
    page = _words(scene(demo, "Ada reads every team's results"))
    assert "@Alex Rivera: indicators" in page and "challenge 95%" in page
