"""Through the real listeners: a submission is one unit of work, an App Home open reads only.

DESIGN.md section 3 rule 6. Every unit the app opens is recorded with the
repositories it used; a unit that used only the delivery ledger is the
sender recording how its DMs went, after the use case's commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event

from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers import homework_steps
from tests.handlers.conftest import TEAM, Slack, home_text, make_app
from tests.handlers.debrief_steps import (
    button_value,
    click,
    debrief_command,
    opened_by,
    submit,
    team_in_develop,
    wait_for_copy,
)
from tests.handlers.debrief_steps import values as debrief_form
from tests.handlers.diagnosis_steps import (
    DIMENSIONS,
    open_modal,
    score_values,
    submit_score,
)
from tests.handlers.roleplay_steps import open_form, submit_practised, teams_with_deals

LEDGER = {"deliveries", "workspaces"}
_WRITE = re.compile(r"^\s*(insert|update|delete)\b", re.IGNORECASE)


@dataclass
class _Unit:
    read_only: bool
    used: set[str] = field(default_factory=set)


class Recorder:
    """The app's unit-of-work factory, recording each unit's mode and the repositories it used."""

    def __init__(self, factory: UnitOfWorkFactory) -> None:
        self._factory = factory
        self.units: list[_Unit] = []

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        unit = _Unit(read_only)
        self.units.append(unit)
        return _Recorded(self._factory(read_only=read_only), unit)

    def use_cases(self) -> list[_Unit]:
        return [u for u in self.units if not u.used <= LEDGER]

    def ledger(self) -> list[_Unit]:
        return [u for u in self.units if u.used and u.used <= LEDGER]


def _writing_then_homes(recorder: Recorder) -> tuple[_Unit, _Unit]:
    """A debrief's units: the use case (one writing unit, the form's ack waits for it), then the App Homes it
    changed, built after its commit in one read-only unit (`Effects.homes_after_commit`)."""
    use_case, homes = recorder.use_cases()
    assert not use_case.read_only and homes.read_only
    return use_case, homes


class _Recorded:
    def __init__(self, inner: UnitOfWork, unit: _Unit) -> None:
        self._inner, self._unit = inner, unit

    def __enter__(self) -> _Recorded:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._inner.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("_") and name not in {"commit", "rollback", "answer_by"}:
            self._unit.used.add(name)
        return getattr(self._inner, name)


@pytest.fixture
def recorder(uow_factory: UnitOfWorkFactory) -> Recorder:
    return Recorder(uow_factory)


@pytest.fixture
def slack(recorder: Recorder, fake: FakeSlack, fake_server: FakeSlackServer,
          slack_requests: SlackRequests) -> Iterator[Slack]:
    app = make_app(recorder, fake, fake_server)
    yield Slack(app, fake, slack_requests)
    app.listener_runner.listener_executor.shutdown(wait=True)


@pytest.fixture
def writes(engine: Engine) -> Iterator[list[str]]:
    """Every INSERT, UPDATE and DELETE the database runs from here on."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if _WRITE.match(statement):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def _team(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    # This week's Monday in Alex's calendar, so the cycle is in week 1 whatever the day the test runs.
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
    slack.coach("UMGR", f"start <@UA|alex> {today - timedelta(days=today.weekday()):%Y-%m-%d}")


def test_a_score_submission_is_one_unit_of_work_and_the_sender_records_its_dms_in_one_more(
    slack: Slack, fake: FakeSlack, recorder: Recorder
) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    slack.open_home("UA")  # earlier listeners are done
    day = datetime.now(UTC).astimezone(ZoneInfo("America/New_York")).date() - timedelta(days=1)
    recorder.units.clear()

    reply = submit_score(slack, "UMGR", modal, score_values("Acme discovery", day, dict.fromkeys(DIMENSIONS, 4)))
    fake.wait_for(lambda: any("Acme discovery" in m["text"] for m in fake.messages_to("UA")))
    slack.finish_listeners()

    assert reply.status == 200 and reply.body == ""
    [use_case] = recorder.use_cases()
    assert not use_case.read_only and {"receipts", "call_scores", "deliveries"} <= use_case.used
    assert len(recorder.ledger()) == 1  # how both DMs went, recorded at once
    assert "Saved your scores" in fake.messages_to("UMGR")[-1]["text"]
    # Both Homes were built in that unit, after the save: they show the new score.
    assert "Skills profile* (1 call scored" in home_text(fake.home_of("UA") or {})
    assert "1 of 10 calls scored" in home_text(fake.home_of("UMGR") or {})


def test_opening_app_home_with_an_unchanged_profile_reads_only_and_writes_nothing(
    slack: Slack, recorder: Recorder, writes: list[str]
) -> None:
    _team(slack)
    slack.open_home("UA")  # the first open may bring the profile up to date
    recorder.units.clear()
    writes.clear()

    home = slack.open_home("UA")

    assert "Your coach: <@UMGR>" in home_text(home)
    assert [u.read_only for u in recorder.units] == [True]
    assert writes == []


def test_opening_app_home_after_a_trip_writes_the_new_time_zone(
    slack: Slack, fake: FakeSlack, recorder: Recorder, writes: list[str]
) -> None:
    _team(slack)
    slack.open_home("UA")
    fake.add_user("UA", "Alex Rivera", "Europe/Lisbon")  # Slack now says Lisbon
    recorder.units.clear()
    writes.clear()

    slack.open_home("UA")
    slack.finish_listeners()

    assert [u.read_only for u in recorder.units] == [True, False]
    assert any(w.lower().lstrip().startswith("update members") for w in writes)
    with recorder(read_only=True) as uow:
        alex = uow.members.get(WorkspaceRef(TEAM), "UA")
    assert alex is not None and alex.time_zone == "Europe/Lisbon"


def test_a_writing_coach_command_is_one_unit_of_work_after_the_callers_enrolment(
    slack: Slack, fake: FakeSlack, recorder: Recorder
) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.listeners.wait_idle()
    recorder.units.clear()

    reply = slack.coach("UMGR", "start <@UA|alex>")
    slack.finish_listeners()

    assert "Coaching cycle" in reply.last_text
    assert any("started your 8-week coaching cycle" in m["text"] for m in fake.messages_to("UA"))
    enrolment, use_case = recorder.use_cases()  # nothing reads again to build Homes or replies
    assert not enrolment.read_only and "cycles" not in enrolment.used
    assert not use_case.read_only and {"cycles", "deliveries"} <= use_case.used
    assert len(recorder.ledger()) == 1  # how the rep's DM went
    # Both Homes were built in that unit, after the start: they show the new cycle.
    assert "Coaching cycle" in home_text(fake.home_of("UA") or {})
    assert "<@UA>" in home_text(fake.home_of("UMGR") or {})


def test_roleplay_cards_are_one_read_and_marking_one_practised_is_one_unit(
    slack: Slack, fake: FakeSlack, recorder: Recorder, writes: list[str]
) -> None:
    teams_with_deals(slack, recorder)
    form = open_form(slack, "UMGR", "UA:A1")
    slack.listeners.wait_idle()
    recorder.units.clear()
    writes.clear()

    cards = slack.coach("UMGR", "roleplay <@UA|alex>")
    slack.listeners.wait_idle()

    assert "Globex" in cards.last_text
    caller, read = recorder.use_cases()  # the caller looked up (known: nothing written), then the cards
    assert caller.read_only and read.read_only and {"pipeline", "roleplays"} <= read.used
    assert writes == []
    recorder.units.clear()

    reply = submit_practised(slack, "UMGR", form["private_metadata"], "Ran it")
    fake.wait_for(lambda: any("recorded a role-play with you" in m["text"] for m in fake.messages_to("UA")))
    slack.finish_listeners()

    assert reply.body == ""
    [use_case] = recorder.use_cases()
    assert not use_case.read_only and {"receipts", "roleplays", "deliveries"} <= use_case.used
    assert len(recorder.ledger()) == 1  # how both DMs went


def test_a_hand_in_is_one_unit_with_the_reps_schedule_and_the_sender_records_its_dms_in_one_more(
    slack: Slack, fake: FakeSlack, recorder: Recorder
) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    assert homework_steps.assign(slack, modal, "Five questions", homework_steps.local_today("America/New_York"),
                                 "text").body == ""
    assignment = homework_steps.dm_with(slack, "UA", "gave you homework")
    form, _ = homework_steps.click_to_open(slack, "UA", ids.OPEN_HAND_IN,
                                           homework_steps.button_value(assignment, ids.OPEN_HAND_IN))
    assert form is not None
    slack.open_home("UA")  # earlier listeners are done
    recorder.units.clear()

    assert homework_steps.hand_in(slack, "UA", form, answer="1. What does waiting cost you?").body == ""
    homework_steps.dm_with(slack, "UMGR", "handed in their homework")
    slack.finish_listeners()

    [use_case] = recorder.use_cases()
    assert not use_case.read_only and {"receipts", "homework", "schedules", "deliveries"} <= use_case.used
    assert len(recorder.ledger()) == 1  # how the rep's receipt and the manager's DM went


def test_a_debrief_and_its_edit_are_one_unit_of_work_each(slack: Slack, fake: FakeSlack, recorder: Recorder,
                                                           uow_factory: UnitOfWorkFactory) -> None:
    team_in_develop(slack, uow_factory)
    modal = debrief_command(slack, "UA", "Contoso")
    slack.open_home("UA")  # earlier listeners are done
    recorder.units.clear()

    reply = submit(slack, "UA", modal, debrief_form("Contoso"))
    copy = wait_for_copy(slack, "UA")
    slack.finish_listeners()

    assert reply.status == 200 and reply.body == ""
    use_case, homes = _writing_then_homes(recorder)
    assert {"receipts", "debriefs", "deliveries"} <= use_case.used
    assert homes.read_only  # both Homes, after the commit and the ack
    assert len(recorder.ledger()) == 1  # how the copy went
    assert button_value(copy, ids.EDIT_DEBRIEF)


def test_editing_a_debrief_is_one_unit_and_updates_the_copy_without_another(
        slack: Slack, fake: FakeSlack, recorder: Recorder, uow_factory: UnitOfWorkFactory) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Contoso"), debrief_form("Contoso"))
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    assert debrief_id
    trigger, _ = click(slack, "UA", ids.EDIT_DEBRIEF, debrief_id)
    modal = opened_by(slack, trigger)
    slack.listeners.wait_idle()
    recorder.units.clear()

    submit(slack, "UA", modal, debrief_form("Contoso Ltd"))
    slack.finish_listeners()

    use_case, homes = _writing_then_homes(recorder)
    assert {"receipts", "debriefs", "deliveries"} <= use_case.used and homes.read_only
    assert recorder.ledger() == []  # no new DM: the copy was updated in place
    assert [c.method for c in fake.calls_to("chat.update")] == ["chat.update"]
