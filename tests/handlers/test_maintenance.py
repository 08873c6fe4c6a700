"""Monthly maintenance check-ins through Slack on a clock the test moves (issue 13): three first-Tuesday DMs
from the dispatch job, Lena's modal each month, Maya's DMs, a flagged backslide, a new cycle started from the
flag, the wrong people refused, replays stored once, and no check-in once the new cycle runs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.fake_slack import SlackRequests
from domain.coaching.cycle import CycleStatus
from domain.coaching.maintenance_checkins import SLIPPING, rating_field
from handlers.edge import ids
from tests.handlers.conftest import SECRET as SIGNING
from tests.handlers.homework_steps import click_to_open, errors_of
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)
from tests.handlers.maintenance_steps import (
    DM,
    checkin_dm_at,
    checkin_values,
    checkins,
    lena_in_maintenance,
    open_checkin,
    restart_values,
    shown,
    submit_checkin,
)
from tests.handlers.receipt_steps import replay, texts_to
from tests.unit.domain.maintenance_world import DECEMBER, FEBRUARY, JANUARY

HOSTILE = "<!channel> forgot *PAIN* on <https://evil.example|Hooli> & more"


def _month(loop: Loop, first_tuesday: datetime, discovery: str, closing: str, slipping: str = "") -> dict:
    came, message = checkin_dm_at(loop, first_tuesday)
    assert came is not None and message is not None
    assert came.astimezone(UTC).hour == 10  # 10:00 London (GMT in winter)
    modal, _ = open_checkin(loop, message)
    assert modal is not None and modal["callback_id"] == ids.MAINTENANCE_CHECKIN_VIEW
    assert errors_of(submit_checkin(loop, modal, checkin_values(discovery, closing, slipping))) == {}
    return modal


def _click_answer(loop: Loop, user_id: str, flag: str) -> str:
    """Click "Start a new cycle on ..." as `user_id`; what the app answered them where they clicked."""
    request = loop.slack.requests.block_actions(user_id, ids.RESTART_FROM_CHECKIN, flag, channel_id=f"D{user_id}")
    assert loop.slack.dispatch(request).status == 200
    token = request.response_token or ""
    loop.slack.fake.wait_for(lambda: bool(loop.slack.fake.responses_for(token)))
    return str(loop.slack.fake.responses_for(token))


def test_three_monthly_check_ins_flag_a_backslide_and_maya_starts_a_new_cycle_from_it(loop: Loop) -> None:
    old_cycle = lena_in_maintenance(loop)

    december = _month(loop, DECEMBER, "4", "4", HOSTILE)
    text = shown(december)
    assert "Questions asked per discovery call: 6 questions (20 calls)" in text and "last month" not in text
    told = loop.dms("UMGR", "sent their December 2026 maintenance check-in")
    assert len(told) == 1
    body = shown(told[0])
    assert "&lt;!channel&gt; forgot *PAIN*" in body and "<!channel>" not in body and "<https://evil" not in body
    assert "Nothing flagged" in body and restart_values(told[0]) == []
    assert loop.dms("UL", "December 2026 check-in is sent")

    january = _month(loop, JANUARY, "4", "4")
    assert "5 questions (20 calls) · last month 6 questions" in shown(january)
    assert "you rated it 4 last month" in shown(january)
    assert "Nothing flagged" in shown(loop.dms("UMGR", "January 2027 maintenance check-in")[0])

    _month(loop, FEBRUARY, "3", "4", "Skipping the impact questions")
    [february] = loop.dms("UMGR", "February 2027 maintenance check-in")
    body = shown(february)
    assert "Backsliding" in body and "self-rating down 1 point" in body
    assert "worse two months running: Questions asked per discovery call" in body
    assert "self-rating 3 (last month 4)" in body
    [flag] = restart_values(february)
    assert flag.endswith(":discovery") and "Start a new cycle on Discovery" in body
    assert [c.month for c in checkins(loop)] == [date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]

    # Lena and Omar may not click it; nothing starts.
    for stranger in ("UL", "UMGR2"):
        assert "Only the rep's manager" in _click_answer(loop, stranger, flag)
    with loop.uow_factory(read_only=True) as uow:
        active = uow.cycles.active_for(T1, "UL")
        assert active is not None and active.id == old_cycle

    # Maya clicks: a new cycle on discovery from Monday 8 February; the old one ends.
    click = loop.slack.requests.block_actions("UMGR", ids.RESTART_FROM_CHECKIN, flag, channel_id="DUMGR")
    assert loop.slack.dispatch(click).status == 200
    loop.slack.fake.wait_for(lambda: bool(loop.dms("UMGR", "A new coaching cycle for")))
    started = loop.dms("UMGR", "A new coaching cycle for")
    assert len(started) == 1 and "*Discovery* starts Mon 8 Feb" in started[0]["text"]
    with loop.uow_factory(read_only=True) as uow:
        history = uow.cycles.history(T1, "UL")
        new = uow.cycles.active_for(T1, "UL")
        assert new is not None and new.id != old_cycle and new.starts_on == date(2027, 2, 8)
        assert [c.status for c in history if c.id == old_cycle] == [CycleStatus.ENDED]
        assert uow.priorities.focus(new.id or 0) == ["discovery"]
    # Week 2's priorities show it chosen.
    assert "Discovery" in loop.slack.coach("UMGR", "focus <@UL|lena>").last_text

    # A second click says it already happened; March brings no check-in: the new cycle is not in maintenance.
    assert "already started" in _click_answer(loop, "UMGR", flag)
    came, _ = checkin_dm_at(loop, datetime(2027, 3, 2, 10, tzinfo=UTC))
    assert came is None and len(loop.dms("UL", DM)) == 3


def test_a_second_check_in_the_same_month_replaces_the_first_and_bad_input_stays_inline(loop: Loop) -> None:
    lena_in_maintenance(loop)
    came, message = checkin_dm_at(loop, DECEMBER)
    assert came is not None and message is not None
    modal, _ = open_checkin(loop, message)
    assert modal is not None
    missing = errors_of(submit_checkin(loop, modal, checkin_values(None, "9", "x" * 2001)))
    assert set(missing) == {rating_field("discovery"), rating_field("closing"), SLIPPING}
    assert "2000 characters" in missing[SLIPPING] and checkins(loop) == []
    assert errors_of(submit_checkin(loop, modal, checkin_values("4", "4", "first"))) == {}
    again, _ = open_checkin(loop, message)
    assert again is not None and "already checked in this month" in shown(again)
    assert '"initial_value": "first"' in shown(again)
    assert errors_of(submit_checkin(loop, again, checkin_values("2", "5", "second"))) == {}
    [kept] = checkins(loop)
    assert (kept.rating("discovery"), kept.rating("closing"), kept.slipping) == (2, 5, "second")
    loop.slack.fake.wait_for(lambda: bool(loop.dms("UMGR", "(edited)")))


def test_maya_ends_maintenance_with_coach_cycle_end_and_the_check_ins_stop(loop: Loop) -> None:
    lena_in_maintenance(loop)
    _month(loop, DECEMBER, "4", "4")
    message = loop.dms("UL", DM)[-1]
    ended = loop.slack.coach("UMGR", "cycle <@UL|lena> end")
    assert "cycle has ended" in ended.last_text
    came, _ = checkin_dm_at(loop, JANUARY)
    assert came is None and len(loop.dms("UL", DM)) == 1
    opened, request = open_checkin(loop, message)  # December's button, clicked in January
    assert opened is None
    assert "no longer in monthly maintenance" in str(loop.slack.fake.responses_for(request.response_token or ""))


def test_someone_else_cannot_open_or_submit_lenas_check_in(loop: Loop) -> None:
    lena_in_maintenance(loop)
    came, message = checkin_dm_at(loop, DECEMBER)
    assert came is not None and message is not None
    modal, _ = open_checkin(loop, message, user_id="UC")
    assert modal is None
    lena_modal, _ = open_checkin(loop, message)
    assert lena_modal is not None
    refused = errors_of(submit_checkin(loop, lena_modal, checkin_values("1", "1", "sabotage"), user_id="UMGR"))
    assert "not yours" in refused[SLIPPING] and checkins(loop) == []


def test_a_check_in_sent_twice_is_stored_once_and_told_once(loop: Loop) -> None:
    lena_in_maintenance(loop)
    came, message = checkin_dm_at(loop, DECEMBER)
    assert came is not None and message is not None
    modal, _ = open_checkin(loop, message)
    assert modal is not None
    request = loop.slack.requests.view_submission("UL", ids.MAINTENANCE_CHECKIN_VIEW,
                                                  checkin_values("4", "3", "Once only"),
                                                  private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    assert all(r.status == 200 and r.body == "" for r in replay(loop.slack, request, request, request))
    assert len(checkins(loop)) == 1
    assert texts_to(loop.slack, "UMGR", "Once only") == 1 and texts_to(loop.slack, "UL", "December 2026 check-in") == 1


def test_a_restart_clicked_twice_starts_one_cycle(loop: Loop) -> None:
    lena_in_maintenance(loop)
    for first_tuesday, discovery in ((DECEMBER, "4"), (JANUARY, "4"), (FEBRUARY, "2")):
        _month(loop, first_tuesday, discovery, "4")
    [february] = loop.dms("UMGR", "February 2027 maintenance check-in")
    [flag] = restart_values(february)
    click = loop.slack.requests.block_actions("UMGR", ids.RESTART_FROM_CHECKIN, flag, channel_id="DUMGR")
    assert all(r.status == 200 for r in replay(loop.slack, click, click, click))
    with loop.uow_factory(read_only=True) as uow:
        assert len(uow.cycles.history(T1, "UL")) == 2
    assert texts_to(loop.slack, "UMGR", "A new coaching cycle for") == 1


SECRET = "Zephyr-Q7 slipping"


def nobody_else_touches_lenas_checkin(loop: Loop) -> None:
    """The check-in button and form, and the flag's button, crafted by Chen (another rep), Omar (another
    manager), Maya (who reads it but does not fill it in), another workspace, and with crafted values."""
    lena_in_maintenance(loop)
    for first_tuesday, discovery in ((DECEMBER, "4"), (JANUARY, "4"), (FEBRUARY, "2")):
        _month(loop, first_tuesday, discovery, "4", SECRET)
    message = loop.dms("UL", DM)[-1]
    [flag] = restart_values(loop.dms("UMGR", "February 2027 maintenance check-in")[0])
    lena_modal, _ = open_checkin(loop, message)
    assert lena_modal is not None

    for person in ("UC", "UMGR2", "UMGR"):
        opened, _ = open_checkin(loop, message, user_id=person)
        assert opened is None
        crafted = errors_of(submit_checkin(loop, lena_modal, checkin_values("1", "1", "Overwritten"), user_id=person))
        assert "not yours" in crafted[SLIPPING]
    for crafted_id in ("999999", "-1", "1 OR 1=1", ""):
        opened, _ = click_to_open(loop.slack, "UL", ids.OPEN_MAINTENANCE_CHECKIN, crafted_id)
        assert opened is None
    for person, value in (("UMGR2", flag), ("UC", flag), ("UMGR", "999999:discovery"), ("UMGR", "1:<!channel>"),
                          ("UMGR", flag.replace("discovery", "closing"))):
        assert ":warning:" in _click_answer(loop, person, value)  # refused where they clicked
    outsider = SlackRequests(SIGNING, team_id="T0TWO", response_url_base=loop.slack.requests.response_url_base)
    loop.slack.dispatch(outsider.block_actions("UMGR", ids.RESTART_FROM_CHECKIN, value=flag, channel_id="DUMGR"))
    loop.slack.dispatch(outsider.view_submission("UL", ids.MAINTENANCE_CHECKIN_VIEW,
                                                 checkin_values("1", "1", "Overwritten"),
                                                 private_metadata=lena_modal["private_metadata"],
                                                 blocks=lena_modal["blocks"]))
    loop.slack.listeners.wait_idle()

    with loop.uow_factory(read_only=True) as uow:
        assert len(uow.cycles.history(T1, "UL")) == 1
    assert [c.slipping for c in checkins(loop)] == [SECRET] * 3
    for person in ("UC", "UMGR2"):
        assert texts_to(loop.slack, person, SECRET) == 0


def test_nobody_else_touches_lenas_checkin(loop: Loop) -> None:
    nobody_else_touches_lenas_checkin(loop)
