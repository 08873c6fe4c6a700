"""The homework use cases with the fakes: who may, which calendar decides, what is told and where."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.homework import HandIn, HandInKind, HomeworkStatus
from domain.delivery import REPLY_KIND, DeliveryKey, DeliveryStatus
from domain.errors import FieldProblems, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import Opportunity
from domain.services.homework import HomeworkService
from domain.services.homework_notices import (
    HandInSaved,
    HomeworkAnswered,
    HomeworkAssigned,
    HomeworkHandedIn,
    HomeworkSet,
    assignment_period,
)
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
CATALOG = load_catalog()
# Friday 4 December 2026, 23:30 in New York: already Saturday 5 December in UTC and in Tokyo.
LATE_FRIDAY_IN_NEW_YORK = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UTOKYO", "Kenji", "Asia/Tokyo", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UK", "Kai", "America/Los_Angeles", manager_id="UTOKYO"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        uow.priorities.set_focus(WS, cycle.id or 0, ["discovery", "value_articulation"])
        uow.pipeline.upsert(WS, [Opportunity(WS, f"d{n}", "UA", name, Decimal(amount))
                                 for n, (name, amount) in enumerate([("Acme", "9000"), ("Globex", "12000")])])
        uow.commit()
    return store


def _service(store: FakeStore, now: datetime = LATE_FRIDAY_IN_NEW_YORK) -> tuple[HomeworkService, Clock]:
    clock = Clock(now)
    return HomeworkService(store.uow, CATALOG, clock, ScheduleService(store.uow)), clock


def test_the_form_offers_the_focus_skills_templates_prefilled_with_the_reps_deals(store: FakeStore) -> None:
    service, _ = _service(store)
    form = service.assignment_form(WS, "UMGR", "UA")
    assert form.focused and form.today == date(2026, 12, 4)  # the manager's Friday
    assert {c.competency.id for c in form.choices} == {"discovery", "value_articulation"}
    prospects = form.choice("top_prospects_value_propositions")
    assert prospects is not None and prospects.text.endswith("• Globex (12,000)\n• Acme (9,000)")

    unfocused = service.assignment_form(WS, "UMGR", "UB")  # no cycle: every skill's templates
    assert not unfocused.focused and len({c.competency.id for c in unfocused.choices}) == 5
    with pytest.raises(NotAllowed, match="not on your team"):
        service.assignment_form(WS, "UMGR", "UK")


def test_the_due_date_is_checked_in_the_managers_own_calendar(store: FakeStore) -> None:
    service, _ = _service(store)
    friday = date(2026, 12, 4)
    done = service.assign_and_tell(WS, "UMGR", "UA", None, "Questions", friday, "text")  # still Friday in New York
    assert done.result.due_on == friday
    with pytest.raises(FieldProblems) as refused:  # Saturday already in Tokyo
        service.assign_and_tell(WS, "UTOKYO", "UK", None, "Questions", friday, "text")
    assert refused.value.problems == {"due_on": "Pick today or a later day: Fri 4 Dec has passed."}


def test_assigning_tells_both_plans_the_reminder_and_keeps_the_assignment_dm_findable(store: FakeStore) -> None:
    service, _ = _service(store)
    done = service.assign_and_tell(WS, "UMGR", "UA", "top_prospects_value_propositions", " Pitch ",
                                   date(2026, 12, 9), "link")
    homework = done.result
    assert (homework.text, homework.competency, homework.cycle_id, homework.hand_in_kind) == (
        "Pitch", "value_articulation", 1, HandInKind.LINK)
    to_rep, to_manager = done.effects.messages
    assert (to_rep.to, type(to_rep.notice), to_manager.to, type(to_manager.notice)) == (
        "UA", HomeworkAssigned, "UMGR", HomeworkSet)
    assert to_rep.delivery is not None and to_rep.delivery.key.period == assignment_period(homework.id)
    assert {h.viewer_id for h in done.effects.homes} == {"UMGR", "UA"}
    with store.uow() as uow:
        [entry] = [e for e in uow.schedules.for_member(WS, "UA") if e.kind == "homework_due"]
    assert entry.next_check_at == datetime(2026, 12, 9, 17, tzinfo=UTC)  # Wednesday 09:00 in Los Angeles


def test_an_unknown_template_is_named_and_nothing_is_stored(store: FakeStore) -> None:
    service, _ = _service(store)
    with pytest.raises(FieldProblems) as refused:
        service.assign_and_tell(WS, "UMGR", "UA", "made_up", "Questions", date(2026, 12, 9), "text")
    assert set(refused.value.problems) == {"template"}
    with store.uow() as uow:
        assert uow.homework.for_reps(WS, ["UA"], list(HomeworkStatus)) == {}


def _assigned(store: FakeStore, kind: str = "link", due: date = date(2026, 12, 9)) -> int:
    service, _ = _service(store)
    homework_id = service.assign_and_tell(WS, "UMGR", "UA", None, "Pitch", due, kind).result.id
    assert homework_id is not None
    return homework_id


def test_a_hand_in_after_the_reps_due_day_is_late_and_goes_in_the_assignment_thread(store: FakeStore) -> None:
    homework_id = _assigned(store)
    with store.uow() as uow:  # Slack took the assignment DM: its channel and ts are on record
        key = DeliveryKey("T1", "UA", REPLY_KIND, assignment_period(homework_id))
        sent = uow.deliveries.get(key)
        assert sent is not None
        uow.deliveries.update(sent.with_status(DeliveryStatus.SENT, channel="DUA", ts="1765000000.000100"))
        uow.commit()
    # 23:59 Wednesday in Los Angeles: on time; a minute later it would be late.
    service, clock = _service(store, datetime(2026, 12, 10, 7, 59, tzinfo=UTC))
    done = service.hand_in_and_tell(WS, "UA", homework_id, HandIn("Draft", link="https://x.example", file_id="F1"))
    receipt, told = done.effects.messages
    assert isinstance(receipt.notice, HandInSaved) and not receipt.notice.late and receipt.notice.told == "UMGR"
    assert receipt.notice.thread is not None and receipt.notice.thread.ts == "1765000000.000100"
    assert receipt.delivery is not None and receipt.delivery.channel == "DUA"
    assert isinstance(told.notice, HomeworkHandedIn) and told.to == "UMGR"
    assert done.result.hand_in == HandIn("Draft", link="https://x.example")  # a link homework keeps no file

    clock.now = datetime(2026, 12, 10, 8, tzinfo=UTC)
    answered = service.answer_and_tell(WS, "UMGR", homework_id, " Lead with the number ")
    feedback = answered.effects.messages[0]
    assert isinstance(feedback.notice, HomeworkAnswered) and feedback.to == "UA"
    assert feedback.notice.thread is not None and answered.result.feedback == "Lead with the number"
    assert answered.result.status is HomeworkStatus.REVIEWED


def test_a_late_hand_in_is_said_to_both(store: FakeStore) -> None:
    homework_id = _assigned(store)
    service, _ = _service(store, datetime(2026, 12, 10, 8, 1, tzinfo=UTC))  # 00:01 Thursday in Los Angeles
    done = service.hand_in_and_tell(WS, "UA", homework_id, HandIn(link="https://x.example"))
    receipt, told = done.effects.messages
    assert isinstance(receipt.notice, HandInSaved) and receipt.notice.late and receipt.notice.thread is None
    assert isinstance(told.notice, HomeworkHandedIn) and told.notice.late


def test_a_file_hand_in_keeps_slacks_link_only_and_a_clipped_name(store: FakeStore) -> None:
    homework_id = _assigned(store, "file")
    service, _ = _service(store)
    name = "n" * 300 + ".pdf"
    done = service.hand_in_and_tell(WS, "UA", homework_id, HandIn(
        "", link="https://evil.example/sign", file_id="F0ABC", file_name=name))
    assert done.result.hand_in == HandIn("", None, "F0ABC", name[:255])


def test_only_the_rep_hands_in_and_only_their_manager_answers(store: FakeStore) -> None:
    homework_id = _assigned(store)
    service, _ = _service(store)
    for intruder in ("UB", "UMGR", "UK"):
        with pytest.raises(NotAllowed, match="not yours"):
            service.hand_in_and_tell(WS, intruder, homework_id, HandIn(link="https://x.example"))
    with pytest.raises(NotAllowed, match="not yours"):
        service.hand_in_form(WS, "UA", homework_id + 100)
    service.hand_in_and_tell(WS, "UA", homework_id, HandIn(link="https://x.example"))
    for intruder in ("UTOKYO", "UA", "UB"):
        with pytest.raises(NotAllowed, match="Only the rep's own manager"):
            service.answer_and_tell(WS, intruder, homework_id, "Forged")
    with pytest.raises(NotAllowed):
        service.answer_and_tell(WorkspaceRef("T2"), "UMGR", homework_id, "Another workspace")


def test_a_rep_without_a_manager_still_hands_in_and_nobody_else_is_told(store: FakeStore) -> None:
    homework_id = _assigned(store)
    with store.uow() as uow:
        rep = uow.members.get(WS, "UA")
        assert rep is not None
        uow.members.update(replace(rep, manager_id=None))
        uow.commit()
    service, _ = _service(store)
    done = service.hand_in_and_tell(WS, "UA", homework_id, HandIn(link="https://x.example"))
    [receipt] = done.effects.messages
    assert isinstance(receipt.notice, HandInSaved) and receipt.notice.told is None
