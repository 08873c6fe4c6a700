"""The footer's use cases over the fakes: Pause a week keeps a longer pause, Undo restores it, only the
recipient may click, a kind that must be sent cannot be stopped, and a receipt stores a click once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.errors import InvalidInput, NotAllowed
from domain.model import Member, Workspace, WorkspaceRef
from domain.notifications.registry import KINDS
from domain.receipts import Receipt, Replayed
from domain.services import preferences
from domain.services.preferences import PreferenceService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)  # Tuesday 1 December, 10:00 in New York


@pytest.fixture
def prefs() -> PreferenceService:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York"))
        uow.members.add(Member(WS, "UA", "Alex", "America/New_York", manager_id="UMGR"))
        uow.commit()
    return PreferenceService(store.uow, ScheduleService(store.uow), lambda: NOW)


def test_pause_a_week_pauses_seven_days_and_undo_resumes(prefs: PreferenceService) -> None:
    paused = prefs.pause_a_week(WS, "UA", "UA")
    assert paused.member.paused_until == date(2026, 12, 8) and paused.before is None
    assert prefs.undo_pause(WS, "UA", "UA", paused.before).paused_until is None


def test_a_longer_pause_already_running_is_kept_and_undo_goes_back_to_it(prefs: PreferenceService) -> None:
    prefs.pause(WS, "UA", "2026-12-20")
    paused = prefs.pause_a_week(WS, "UA", "UA")
    assert paused.member.paused_until == date(2026, 12, 20) and paused.before == date(2026, 12, 20)
    assert prefs.undo_pause(WS, "UA", "UA", paused.before).paused_until == date(2026, 12, 20)
    # A "before" already past is no pause to go back to.
    assert prefs.undo_pause(WS, "UA", "UA", date(2026, 11, 30)).paused_until is None


def test_only_the_recipient_may_click(prefs: PreferenceService) -> None:
    with pytest.raises(NotAllowed, match="belong to the person"):
        prefs.pause_a_week(WS, "UMGR", "UA")
    with pytest.raises(NotAllowed):
        prefs.stop_kind(WS, "UMGR", "UA", "debrief_prompt", True)
    with pytest.raises(NotAllowed):
        prefs.undo_pause(WS, "UMGR", "UA", None)


def test_stop_and_its_undo_are_notify_off_and_on(prefs: PreferenceService) -> None:
    assert prefs.stop_kind(WS, "UA", "UA", "debrief_prompt", True).muted_kinds == {"debrief_prompt"}
    assert prefs.stop_kind(WS, "UA", "UA", "debrief_prompt", False).muted_kinds == frozenset()
    with pytest.raises(InvalidInput, match="not a notification I send"):
        prefs.stop_kind(WS, "UA", "UA", "no_such_kind", True)


def test_a_kind_that_must_be_sent_cannot_be_stopped_by_button_or_command(
        prefs: PreferenceService, monkeypatch: pytest.MonkeyPatch) -> None:
    needed = replace(KINDS["commitment_due"], must_send="your manager reviews these answers in your 1:1")
    monkeypatch.setattr(preferences, "KINDS", KINDS.replacing(needed))
    with pytest.raises(InvalidInput, match="cannot be switched off: your manager reviews"):
        prefs.stop_kind(WS, "UA", "UA", "commitment_due", True)
    with pytest.raises(InvalidInput):
        prefs.set_muted(WS, "UA", "commitment_due", True)
    assert prefs.set_muted(WS, "UA", "commitment_due", False).muted_kinds == frozenset()  # on is always fine
    assert prefs.pause_a_week(WS, "UA", "UA").member.paused_until == date(2026, 12, 8)  # time off still holds it


def test_the_same_click_twice_is_stored_once(prefs: PreferenceService) -> None:
    click = Receipt("nudge.stop", "k" * 64)
    prefs.stop_kind(WS, "UA", "UA", "debrief_prompt", True, click)
    with pytest.raises(Replayed):
        prefs.stop_kind(WS, "UA", "UA", "debrief_prompt", True, click)
