"""`/coach admin checkin`: when the monthly maintenance check-ins come, set by an admin through Slack.

Alex (`UA`, Los Angeles) is a rep; the first person to use `/coach` is the admin.
"""

from __future__ import annotations

from datetime import time

import pytest

from domain.model import MonthlyTime, WorkspaceRef
from domain.scheduling.monthly_slots import CHECKIN_SLOT
from tests.handlers.conftest import TEAM, Slack

WS = WorkspaceRef(TEAM)


def _setup(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first person becomes the admin
    slack.coach("UMGR", "team add <@UA|alex>")


def _stored(uow_factory) -> tuple[MonthlyTime, ...]:
    with uow_factory() as uow:
        workspace = uow.workspaces.get(WS)
    return workspace.settings.monthly_times if workspace is not None else ()


def test_an_admin_moves_checkins_and_notify_and_settings_show_it(slack: Slack, uow_factory) -> None:
    _setup(slack)
    assert "First Tuesday of the month, 10:00 your time" in slack.coach("UA", "notify").last_text
    shown = slack.coach("UA", "admin checkin").last_text
    assert "*First Tuesday of the month at 10:00*" in shown and "(the default)" in shown

    moved = slack.coach("UADMIN", "admin checkin second wed 09:00").last_text
    assert "now come on the *Second Wednesday of the month at 09:00*" in moved
    assert _stored(uow_factory) == (MonthlyTime(CHECKIN_SLOT, 2, 2, time(9)),)
    assert "Second Wednesday of the month, 09:00 your time" in slack.coach("UA", "notify").last_text
    settings = slack.coach("UADMIN", "admin settings").last_text
    assert "Maintenance check-ins (each person's local time):* Second Wednesday of the month at 09:00" in settings

    reset = slack.coach("UADMIN", "admin checkin default").last_text
    assert "back to the default: the *First Tuesday of the month at 10:00*" in reset
    assert _stored(uow_factory) == ()


def test_only_an_admin_moves_checkins(slack: Slack, uow_factory) -> None:
    _setup(slack)
    refused = slack.coach("UMGR", "admin checkin second wed 09:00")
    assert "Only a Coachflow admin" in refused.last_text and refused.responses[-1]["response_type"] == "ephemeral"
    assert _stored(uow_factory) == ()


@pytest.mark.parametrize(("typed", "says"), [
    ("admin checkin last wed 09:00", "Which week of the month? Say first, second, third or fourth"),
    ("admin checkin second sun 09:00", "Which day? Say mon, tue, wed, thu or fri"),
    ("admin checkin second wed", "At what time?"),
    ("admin checkin second wed 25:00", "`25:00` is not a time I can use"),
])
def test_bad_input_says_what_to_type_and_changes_nothing(slack: Slack, uow_factory, typed: str, says: str) -> None:
    _setup(slack)
    reply = slack.coach("UADMIN", typed)
    assert says in reply.last_text and reply.responses[-1]["response_type"] == "ephemeral"
    assert _stored(uow_factory) == ()
