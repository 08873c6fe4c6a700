"""The rep's own challenge nudge time (issue 13): picked in the start form, moved with `/challenge time`.

Lena (London) picks 07:15 when Maya starts her challenge on Monday 15 March
2027: Monday's nudge comes at 07:15 her time. She moves it to 09:00 after
Monday's came: Monday is not nudged again at 09:00, Tuesday's comes at
09:00. Times outside 06:00-20:00 are refused, in the form and the command.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.challenge_time import NUDGE_TIME
from tests.handlers.challenge_steps import (
    NUDGE,
    answers_to,
    challenge,
    lena_coached,
    open_start,
    submit_start,
    text_of,
)
from tests.handlers.homework_steps import errors_of
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)

QUARTER = timedelta(minutes=15)


def test_a_picked_time_then_a_moved_one_and_no_day_twice(loop: Loop) -> None:
    lena_coached(loop)
    modal = open_start(loop.slack, "UMGR", "start <@UL|lena>")
    assert "When should the nudge come?" in text_of(modal) and '"initial_time": "08:30"' in text_of(modal)
    # Too late in the evening: refused under the time picker, the behaviour typed is kept in the form.
    late = errors_of(submit_start(loop.slack, "UMGR", modal, {"discovery": "Ask 5 probing questions"}, "22:00"))
    assert set(late) == {NUDGE_TIME} and "06:00 to 20:00" in late[NUDGE_TIME]
    assert errors_of(submit_start(loop.slack, "UMGR", modal, {"discovery": "Ask 5 probing questions"}, "07:15")) == {}
    with loop.uow_factory(read_only=True) as uow:
        [active] = uow.challenges.active_for(T1, ["UL"]).values()
    assert f"{active.nudge_at:%H:%M}" == "07:15"

    # Monday: 07:15 in London (GMT).
    sent = loop.first_dm_at("UL", NUDGE, datetime(2027, 3, 15, 12, 0, tzinfo=UTC), QUARTER)
    assert sent == datetime(2027, 3, 15, 7, 15, tzinfo=UTC)

    # Lena moves it to 09:00 after Monday's came: Monday is not nudged again, Tuesday's is at 09:00.
    loop.at(datetime(2027, 3, 15, 8, 0, tzinfo=UTC))
    request, _ = challenge(loop.slack, "UL", "time 09:00")
    assert "now comes at 09:00 your time" in str(answers_to(loop.slack, request))
    loop.run_until(datetime(2027, 3, 15, 23, 0, tzinfo=UTC), QUARTER)
    assert len(loop.dms("UL", NUDGE)) == 1
    tuesday = loop.first_dm_at("UL", NUDGE, datetime(2027, 3, 16, 12, 0, tzinfo=UTC), QUARTER)
    assert tuesday == datetime(2027, 3, 16, 9, 0, tzinfo=UTC)
    assert len(loop.dms("UL", NUDGE)) == 2


def test_a_time_outside_the_day_or_unreadable_is_refused_and_changes_nothing(loop: Loop) -> None:
    lena_coached(loop)
    request, _ = challenge(loop.slack, "UL", "time 07:45")
    assert "no challenge running" in str(answers_to(loop.slack, request))
    modal = open_start(loop.slack, "UMGR", "start <@UL|lena>")
    assert errors_of(submit_start(loop.slack, "UMGR", modal)) == {}
    for typed, said in (("05:30", "06:00 to 20:00"), ("25:00", "not a time I can use"),
                        ("soon", "not a time I can use"), ("", "At what time?")):
        request, _ = challenge(loop.slack, "UL", f"time {typed}".strip())
        assert said in str(answers_to(loop.slack, request)), typed
    with loop.uow_factory(read_only=True) as uow:
        [active] = uow.challenges.active_for(T1, ["UL"]).values()
    assert f"{active.nudge_at:%H:%M}" == "08:30"
