"""The challenge's forms and buttons are stored once, whatever the replay, retry or double click (issue 13).

Listed in tests/handlers/views/test_replays.py's table; "Did it" is replayed in test_challenge.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from domain.coaching.challenge import Answer
from handlers.edge import ids
from tests.handlers.challenge_steps import (
    button_value,
    click,
    lena_coached,
    nudge_of,
    open_start,
    stored_days,
    submit_start,
    text_of,
)
from tests.handlers.homework_steps import click_to_open, submit_view
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)


def test_the_start_form_sent_twice_starts_one_challenge_and_tells_once(loop: Loop) -> None:
    lena_coached(loop)
    modal = open_start(loop.slack, "UMGR", "start <@UL|lena>")
    request = loop.slack.requests.view_submission("UMGR", ids.CHALLENGE_VIEW, {
        "behaviour:discovery": {"value": {"type": "plain_text_input", "value": "Ask 5 questions"}},
        "behaviour:closing": {"value": {"type": "plain_text_input", "value": "Book a next step"}}},
        private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    assert loop.slack.dispatch(request).status == 200
    assert loop.slack.dispatch(request).status == 200
    loop.slack.listeners.wait_idle()
    with loop.uow_factory(read_only=True) as uow:
        assert len(uow.challenges.latest_for(T1, ["UL"])) == 1 and len(uow.challenges.active_for(T1, ["UL"])) == 1
    assert len(loop.dms("UL", "started your 21-day challenge")) == 1
    assert len(loop.dms("UMGR", "21-day challenge has started")) == 1


def test_the_note_form_sent_twice_stores_one_answer_with_its_note(loop: Loop) -> None:
    lena_coached(loop)
    submit_start(loop.slack, "UMGR", open_start(loop.slack, "UMGR", "start <@UL|lena>"))
    monday = nudge_of(loop, date(2027, 3, 15))
    loop.at(datetime(2027, 3, 15, 17, 0, tzinfo=UTC))
    modal, _ = click_to_open(loop.slack, "UL", ids.CHALLENGE_ADD_NOTE, button_value(monday, ids.CHALLENGE_ADD_NOTE))
    assert modal is not None
    values: dict[str, dict[str, dict[str, Any]]] = {
        "answer": {"value": {"type": "static_select", "selected_option": {"value": "missed"}}},
              "note": {"value": {"type": "plain_text_input", "value": "Back-to-back demos"}}}
    request = loop.slack.requests.view_submission("UL", ids.CHALLENGE_NOTE_VIEW, values,
                                                  private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    for _ in range(2):
        assert loop.slack.dispatch(request).status == 200
    assert stored_days(loop) == {date(2027, 3, 15): Answer.MISSED}
    assert submit_view(loop.slack, "UL", ids.CHALLENGE_NOTE_VIEW, modal, values).status == 200  # a new submission
    assert stored_days(loop) == {date(2027, 3, 15): Answer.MISSED}


def test_missed_no_calls_and_the_repair_clicked_twice_count_once(loop: Loop) -> None:
    lena_coached(loop)
    submit_start(loop.slack, "UMGR", open_start(loop.slack, "UMGR", "start <@UL|lena>"))
    monday = nudge_of(loop, date(2027, 3, 15))
    loop.at(datetime(2027, 3, 15, 17, 0, tzinfo=UTC))
    for _ in range(2):
        click(loop.slack, "UL", monday, ids.CHALLENGE_MISSED)
    tuesday = nudge_of(loop, date(2027, 3, 16))
    loop.at(datetime(2027, 3, 16, 9, 0, tzinfo=UTC))
    repair = click(loop.slack, "UL", tuesday, ids.CHALLENGE_REPAIR)
    assert loop.slack.dispatch(repair).status == 200  # Slack's retry
    click(loop.slack, "UL", tuesday, ids.CHALLENGE_NO_CALLS, button_value(tuesday, ids.CHALLENGE_NO_CALLS))
    click(loop.slack, "UL", tuesday, ids.CHALLENGE_NO_CALLS, button_value(tuesday, ids.CHALLENGE_NO_CALLS))
    loop.slack.listeners.wait_idle()
    assert stored_days(loop) == {date(2027, 3, 15): Answer.DONE, date(2027, 3, 16): Answer.NO_CALLS}
    with loop.uow_factory(read_only=True) as uow:
        [active] = uow.challenges.active_for(T1, ["UL"]).values()
    assert active.repairs_used == 1
    shown = text_of(next(m for m in loop.fake.messages_to("UL") if m["ts"] == tuesday["ts"]))
    assert "No relevant calls today" in shown and "repairs left: 0" in shown
