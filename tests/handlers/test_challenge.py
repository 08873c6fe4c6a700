"""The 21-day challenge through Slack on a clock the test moves (issue 13).

Maya (New York) starts a challenge for Lena (London) on Monday 15 March
2027, 21 working days. Lena's nudges come at 08:30 her time; she answers
with one click: done, a double click and a Slack retry stored once, Maya's
click on Lena's button refused, a missed day repaired the next morning, a
no-calls day, a late answer after midnight within the grace, then a week
off that pauses the challenge (no nudges) and extends it, across the UK's
clock change: the first nudge after it is 08:30 BST, 07:30 UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from domain.coaching.challenge import Answer
from handlers.edge import ids
from tests.handlers.challenge_steps import (
    HALF_HOUR,
    NUDGE,
    answers_to,
    as_it_reads_now,
    button_value,
    challenge,
    click,
    has_button,
    lena_coached,
    nudge_of,
    open_start,
    start_lenas,
    stored_days,
    submit_start,
    text_of,
)
from tests.handlers.homework_steps import click_to_open, errors_of, submit_view
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)


def test_a_mixed_record_through_slack_with_time_off_and_the_clock_change(loop: Loop) -> None:
    lena_coached(loop)
    start_lenas(loop)

    # Monday: the nudge at 08:30 London, answered "did it"; a double click and Slack's retry count once.
    sent = loop.first_dm_at("UL", NUDGE, datetime(2027, 3, 15, 12, 0, tzinfo=UTC), HALF_HOUR)
    assert sent == datetime(2027, 3, 15, 8, 30, tzinfo=UTC)
    [monday] = loop.dms("UL", NUDGE)
    assert "Day 1 of 21" in text_of(monday) and "Ask 5 probing questions" in text_of(monday)
    assert all(has_button(monday, b) for b in (ids.CHALLENGE_DONE, ids.CHALLENGE_MISSED, ids.CHALLENGE_NO_CALLS,
                                               ids.CHALLENGE_ADD_NOTE))
    loop.at(datetime(2027, 3, 15, 17, 0, tzinfo=UTC))
    first = click(loop.slack, "UL", monday, ids.CHALLENGE_DONE)
    click(loop.slack, "UL", monday, ids.CHALLENGE_DONE)  # a double click
    assert loop.slack.dispatch(first).status == 200  # Slack's retry of the first
    monday_now = as_it_reads_now(loop, monday)
    assert "Streak *1*" in text_of(monday_now) and "compliance *100%*" in text_of(monday_now)
    home = json.dumps(loop.slack.open_home("UL")["blocks"])
    assert "21-day challenge" in home and "Streak *1*" in home and "Ask 5 probing questions" in home
    assert not has_button(monday_now, ids.CHALLENGE_DONE)
    assert stored_days(loop) == {date(2027, 3, 15): Answer.DONE}

    # Maya clicking Lena's button is refused and changes nothing.
    refused = click(loop.slack, "UMGR", monday, ids.CHALLENGE_MISSED)
    assert "only they can answer" in str(answers_to(loop.slack, refused))
    assert stored_days(loop) == {date(2027, 3, 15): Answer.DONE}

    # Tuesday missed; Wednesday's nudge offers the repair; then no relevant calls.
    tuesday = nudge_of(loop, date(2027, 3, 16))
    assert "Day 2 of 21" in text_of(tuesday) and "done :white_check_mark:" in text_of(tuesday)
    loop.at(datetime(2027, 3, 16, 18, 0, tzinfo=UTC))
    click(loop.slack, "UL", tuesday, ids.CHALLENGE_MISSED)
    assert "Streak *0*" in text_of(as_it_reads_now(loop, tuesday))
    wednesday = nudge_of(loop, date(2027, 3, 17))
    assert has_button(wednesday, ids.CHALLENGE_REPAIR) and "missed" in text_of(wednesday)
    loop.at(datetime(2027, 3, 17, 9, 0, tzinfo=UTC))
    click(loop.slack, "UL", wednesday, ids.CHALLENGE_REPAIR)
    repaired = as_it_reads_now(loop, wednesday)
    assert "made up" in text_of(repaired) and "Streak *2*" in text_of(repaired)
    assert "repairs left: 0" in text_of(repaired) and has_button(repaired, ids.CHALLENGE_NO_CALLS)
    click(loop.slack, "UL", repaired, ids.CHALLENGE_NO_CALLS)
    assert "compliance *100%* (2/2" in text_of(as_it_reads_now(loop, wednesday))

    # Thursday's answer after midnight, within the grace, counts for Thursday.
    thursday = nudge_of(loop, date(2027, 3, 18))
    loop.at(datetime(2027, 3, 19, 1, 30, tzinfo=UTC))  # Friday 01:30 in London
    click(loop.slack, "UL", thursday, ids.CHALLENGE_DONE)
    assert "Thu 18 Mar: *Did it*" in text_of(as_it_reads_now(loop, thursday))
    assert stored_days(loop)[date(2027, 3, 18)] is Answer.DONE

    # Friday done, then a week off: no nudges Monday 22 - Friday 26, the end moves out by five days.
    friday = nudge_of(loop, date(2027, 3, 19))
    loop.at(datetime(2027, 3, 19, 17, 0, tzinfo=UTC))
    click(loop.slack, "UL", friday, ids.CHALLENGE_DONE)
    loop.slack.coach("UL", "pause until 2027-03-29")
    before = len(loop.dms("UL", NUDGE))
    # The UK's clocks go forward on Sunday 28 March: Monday's 08:30 is 07:30 UTC.
    back = loop.first_dm_at("UL", NUDGE, datetime(2027, 3, 29, 12, 0, tzinfo=UTC), HALF_HOUR)
    assert back == datetime(2027, 3, 29, 7, 30, tzinfo=UTC)
    assert len(loop.dms("UL", NUDGE)) == before + 1
    monday_after = loop.dms("UL", NUDGE)[-1]
    assert "Day 6 of 21" in text_of(monday_after) and "Streak *4*" in text_of(monday_after)

    # The scorecard carries the challenge's line (`/scorecard`, as on Fridays from cycle week 4).
    card = loop.slack.requests.slash_command("UL", ids.SCORECARD_COMMAND, "")
    assert loop.slack.dispatch(card).status == 200
    assert "challenge: streak 4 (longest 4), compliance 100%, 16 days left" in str(answers_to(loop.slack, card))
    request, _ = challenge(loop.slack, "UL", "status")
    status = str(answers_to(loop.slack, request))
    assert "day 6 of 21" in status and "*16* days left" in status
    with loop.uow_factory(read_only=True) as uow:
        [active] = uow.challenges.active_for(T1, ["UL"]).values()
    assert active.start == date(2027, 3, 15)


def test_the_note_form_answers_with_a_note_and_a_late_click_after_the_grace_is_refused(loop: Loop) -> None:
    lena_coached(loop)
    start_lenas(loop)
    monday = nudge_of(loop, date(2027, 3, 15))
    loop.at(datetime(2027, 3, 16, 3, 30, tzinfo=UTC))  # Tuesday 03:30: Monday closed at 03:00
    late = click(loop.slack, "UL", monday, ids.CHALLENGE_DONE)
    assert "closed at midnight" in str(answers_to(loop.slack, late))
    tuesday = nudge_of(loop, date(2027, 3, 16))
    loop.at(datetime(2027, 3, 16, 17, 0, tzinfo=UTC))
    modal, _ = click_to_open(loop.slack, "UL", ids.CHALLENGE_ADD_NOTE, button_value(tuesday, ids.CHALLENGE_ADD_NOTE))
    assert modal is not None
    reply = submit_view(loop.slack, "UL", ids.CHALLENGE_NOTE_VIEW, modal, {
        "answer": {"value": {"type": "static_select", "selected_option": {"value": "done"}}},
        "note": {"value": {"type": "plain_text_input", "value": "Six questions on the <!channel> call & more"}}})
    assert errors_of(reply) == {}
    updated = as_it_reads_now(loop, tuesday)
    assert "Six questions on the &lt;!channel&gt; call &amp; more" in text_of(updated)
    assert stored_days(loop) == {date(2027, 3, 16): Answer.DONE}



def test_calendar_days_set_by_the_admin_and_the_last_answer_celebrated(loop: Loop) -> None:
    lena_coached(loop)
    refused = loop.slack.coach("UMGR", "admin challenge calendar").last_text
    assert "Only a Coachflow admin" in refused
    assert "calendar days" in loop.slack.coach("UADMIN", "admin challenge calendar").last_text
    assert "21-day challenges count:* calendar days" in loop.slack.coach("UADMIN", "admin settings").last_text
    assert submit_start(loop.slack, "UL", open_start(loop.slack, "UL")).status == 200  # Lena, for herself
    loop.slack.listeners.wait_idle()
    [started] = loop.dms("UL", "started your 21-day challenge")
    assert "You started" in text_of(started) and "Sun 4 Apr" in text_of(started)  # 21 calendar days
    for n in range(21):
        loop.at(datetime(2027, 3, 15, 17, 0, tzinfo=UTC) + timedelta(days=n))
        request, _ = challenge(loop.slack, "UL", "done" if n != 5 else "no-calls A quiet Saturday")
        assert "Streak" in str(answers_to(loop.slack, request))
    loop.slack.listeners.wait_idle()
    [party] = loop.dms("UL", "You finished your 21-day challenge")
    assert "Compliance *100%*" in text_of(party) and "longest streak *20*" in text_of(party)
    assert button_value(party, ids.SHARE_WIN) == "challenge"  # the offer to record a success story
    assert loop.dms("UMGR", "finished their 21-day challenge")
    request, _ = challenge(loop.slack, "UL", "done")
    assert "no challenge running" in str(answers_to(loop.slack, request))
