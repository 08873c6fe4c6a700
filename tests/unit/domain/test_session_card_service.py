"""The session card's assembly over the in-memory fakes: which actions the review picks, the indicators, the
stalled deals, no pre-work, the session `/coach session card` picks, and who may see a card."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.commitments import Change, ChangeKind, Commitment, CommitmentStatus
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.coaching.leading import Direction
from domain.coaching.prework import Prework
from domain.coaching.session_card import PROBING_QUESTIONS, ReviewStatus
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import Takeaways
from domain.errors import NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.services.session_card import NOT_YOURS, SessionCardService
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
CATALOG = load_catalog()
NOW = datetime(2026, 12, 9, 15, tzinfo=UTC)  # Wednesday
TODAY = NOW.date()
QUESTIONS = "discovery_questions_asked"
ANSWERS = CallAnswers("Asked about budget early", "Let them talk longer", "Quantify the pain")
Q, PR = Stage.QUALIFYING, Stage.PRESENTING


def _at(day: int, hour: int = 16) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=UTC)


def _action(text: str, deadline: date, status: CommitmentStatus = CommitmentStatus.OPEN,
            answered_at: datetime | None = None, session_id: int | None = None, owner: str = "UA",
            obstacles: str = "") -> Commitment:
    history: tuple[Change, ...] = (Change(ChangeKind.CREATED, "UMGR", _at(1)),)
    if answered_at is not None:
        kind = ChangeKind.DROPPED if status is CommitmentStatus.DROPPED else ChangeKind.ANSWERED
        history += (Change(kind, owner, answered_at),)
    return Commitment(WS, "UA", "UMGR", owner, text, deadline, "p1", status=status, obstacles=obstacles,
                      session_id=session_id, history=history)


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        for member in (Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER),
                       Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER),
                       Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True),
                       Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"),
                       Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"),
                       Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"),
                       Member(WS, "UDEL", "Dee", "Asia/Tokyo"),
                       Member(OTHER, "UMGR", "Maya elsewhere", "UTC", role=Role.MANAGER),
                       Member(OTHER, "UA", "Alex elsewhere", "UTC", manager_id="UMGR")):
            uow.members.add(member)
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.commit()
    return store


def _sessions(store: FakeStore) -> tuple[int, int]:
    """Alex's 1:1 last week (Wed 2 Dec) and today's (Wed 9 Dec 17:00 UTC)."""
    with store.uow() as uow:
        before = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", _at(2, 17)))
        today = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", _at(9, 17)))
        uow.commit()
    assert before.id is not None and today.id is not None
    return before.id, today.id


def _service(store: FakeStore, now: datetime = NOW) -> SessionCardService:
    return SessionCardService(store.uow, CATALOG, lambda: now)


def test_the_review_holds_open_actions_and_those_answered_since_the_last_session(store: FakeStore) -> None:
    _, today = _sessions(store)
    with store.uow() as uow:
        for action in (
            _action("Open, due later", date(2026, 12, 20)),
            _action("Open, past its deadline", date(2026, 12, 4)),
            _action("Done since the last 1:1", date(2026, 12, 5), CommitmentStatus.DONE, _at(5)),
            _action("Partly since, delegated", date(2026, 12, 7), CommitmentStatus.PARTLY, _at(7), owner="UDEL",
                    obstacles="The legal review took a week"),
            _action("Done before the last 1:1", date(2026, 11, 27), CommitmentStatus.DONE, _at(1)),
            _action("Dropped since", date(2026, 12, 6), CommitmentStatus.DROPPED, _at(6)),
            _action("Agreed at this session", date(2026, 12, 18), session_id=today),
        ):
            uow.commitments.add(action)
        uow.commit()

    card = _service(store).card(WS, "UMGR", today)

    assert [(i.commitment.action, i.status) for i in card.review] == [
        ("Open, past its deadline", ReviewStatus.OVERDUE),
        ("Partly since, delegated", ReviewStatus.PARTLY),
        ("Open, due later", ReviewStatus.OPEN),
        ("Done since the last 1:1", ReviewStatus.DONE),
    ]
    assert card.review[1].commitment.obstacles == "The legal review took a week"
    assert card.previous_start == _at(2, 17)
    assert [c.action for c in card.plan] == ["Agreed at this session"] and card.plan_recorded
    assert card.may_change and [i.may_change for i in card.review] == [True, True, True, False]
    assert card.probing == PROBING_QUESTIONS and PROBING_QUESTIONS[0] == (
        "What keeps you up at night that I can help with?")


def test_the_card_carries_this_sessions_takeaways_and_the_last_ones_it_follows_up(store: FakeStore) -> None:
    before, today = _sessions(store)
    with store.uow() as uow:
        uow.takeaways.save(Takeaways(WS, before, "UA", "Lead with the cost of delay", ("Hooli",), "UMGR", _at(2, 18)))
        uow.commit()

    card = _service(store).card(WS, "UMGR", today)
    assert card.takeaways is None
    assert card.previous_takeaways is not None and card.previous_takeaways.text == "Lead with the cost of delay"

    with store.uow() as uow:
        uow.takeaways.save(Takeaways(WS, today, "UA", "Role-play the CFO call", (), "UMGR", _at(9, 18)))
        uow.commit()
    later = _service(store, _at(9, 19)).card(WS, "UA", today)
    assert later.takeaways is not None and later.takeaways.text == "Role-play the CFO call"


def test_with_no_earlier_session_the_review_looks_at_deadlines_of_the_last_four_weeks(store: FakeStore) -> None:
    with store.uow() as uow:
        only = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", _at(9, 17)))
        for action in (_action("Done three weeks ago", date(2026, 11, 18), CommitmentStatus.DONE, _at(1)),
                       _action("Not done, six weeks ago", date(2026, 10, 28), CommitmentStatus.NOT_DONE, _at(1)),
                       _action("Still open from October", date(2026, 10, 20))):
            uow.commitments.add(action)
        uow.commit()
    assert only.id is not None

    card = _service(store).card(WS, "UMGR", only.id)

    assert card.previous_start is None
    assert [(i.commitment.action, i.status) for i in card.review] == [
        ("Still open from October", ReviewStatus.OVERDUE), ("Done three weeks ago", ReviewStatus.DONE)]


def test_no_pre_work_no_pipeline_no_plan_and_the_latest_indicators_of_the_focus_skill(store: FakeStore) -> None:
    _, today = _sessions(store)
    with store.uow() as uow:
        for n, (day, value) in enumerate([(date(2026, 11, 30), 4), (date(2026, 12, 1), 4), (date(2026, 12, 2), 4),
                                          (date(2026, 12, 7), 6), (date(2026, 12, 8), 6), (date(2026, 12, 8), 7)]):
            uow.debriefs.add(Debrief(WS, "UA", CallRef(f"Call {n}"), CallType.DISCOVERY, day, ANSWERS,
                                     {QUESTIONS: value}))
        uow.commit()

    card = _service(store).card(WS, "UMGR", today)

    assert card.prework is None and not card.plan_recorded and not card.has_pipeline and card.stalled == ()
    [skill] = card.focus
    assert skill.competency_id == "discovery" and skill.name == CATALOG.competency("discovery").name
    questions = next(r for r in skill.readings if r.indicator.id == QUESTIONS)
    assert (questions.latest.label, questions.latest.value, questions.latest.change) == ("2026-W50", 6.3, 2.3)
    assert questions.latest.direction is Direction.BETTER


def test_the_rep_leads_with_their_pre_work_and_the_top_three_stalled_deals_show(store: FakeStore) -> None:
    _, today = _sessions(store)
    ago = lambda days: TODAY - timedelta(days=days)  # noqa: E731
    history = [Opportunity(WS, f"H{n}", "UA", f"Won {n}", Decimal(1000), PR, DealStatus.WON,
                           stage_entered={Q: ago(100 + n * 20), PR: ago(90 + n * 20)}) for n in range(3)]
    stalled = [Opportunity(WS, f"S{n}", "UA", f"Stalled {n}", Decimal(1000 * (n + 1)), Q, DealStatus.OPEN,
                           stage_entered={Q: ago(30 + n)}) for n in range(4)]
    with store.uow() as uow:
        uow.pipeline.upsert(WS, [*history, *stalled])
        uow.prework.save(Prework(WS, today, "UA", ("Hooli pricing", "My Q1 goals", "Hiring"), "Can you join?",
                                 "Hooli went quiet", ("What blocked Initech?",)))
        uow.commit()

    card = _service(store).card(WS, "UA", today)  # the rep's own card

    assert card.prework is not None and card.prework.agenda[0] == "Hooli pricing"
    assert card.prework.manager_questions == ("What blocked Initech?",)
    assert card.has_pipeline and [c.account for c in card.stalled] == ["Stalled 3", "Stalled 2", "Stalled 1"]
    assert not card.may_change  # the rep reads it; the manager changes actions and records the plan


@pytest.mark.parametrize("caller", ["UMGR2", "UC", "UB", "UNOBODY"])
def test_anyone_else_gets_the_same_refusal_whether_or_not_the_session_exists(store: FakeStore, caller: str) -> None:
    _, today = _sessions(store)
    service = _service(store)
    with pytest.raises(NotAllowed, match=NOT_YOURS):
        service.card(WS, caller, today)
    with pytest.raises(NotAllowed, match=NOT_YOURS):
        service.card(WS, caller, 999)


def test_an_admin_sees_any_card_and_nothing_crosses_workspaces(store: FakeStore) -> None:
    _, today = _sessions(store)
    service = _service(store)
    assert service.card(WS, "UADMIN", today).may_change
    with pytest.raises(NotAllowed, match=NOT_YOURS):
        service.card(OTHER, "UMGR", today)  # the same people's ids, another workspace: no such session there


def test_an_admin_who_is_the_rep_reads_their_own_card_without_the_managers_controls(store: FakeStore) -> None:
    with store.uow() as uow:
        uow.members.add(Member(WS, "UADREP", "Dana", "Europe/London", is_admin=True, manager_id="UMGR"))
        own = uow.sessions.add(CoachingSession(WS, "UADREP", "UMGR", _at(9, 17)))
        uow.commit()
    assert own.id is not None
    card = _service(store).card(WS, "UADREP", own.id)
    assert card.rep.user_id == "UADREP" and not card.may_change


def test_the_command_picks_the_session_under_way_else_the_next_else_one_ended_within_seven_days(
        store: FakeStore) -> None:
    before, today = _sessions(store)
    assert _service(store).card_for(WS, "UMGR", "UA").session.id == today  # the next
    assert _service(store, _at(9, 17) + timedelta(minutes=10)).card_for(WS, "UA", None).session.id == today
    assert _service(store, _at(12)).card_for(WS, "UADMIN", "UA").session.id == today  # ended 3 days ago
    with store.uow() as uow:
        session = uow.sessions.get(WS, today)
        assert session is not None
        uow.sessions.update(replace(session, starts_at=_at(2, 19)))  # only last week's two remain
        uow.commit()
    with pytest.raises(NotFound, match="no 1:1 under way, coming up, or in the last 7 days"):
        _service(store, _at(10, 20)).card_for(WS, "UMGR", "UA")
    assert before != today
    with pytest.raises(NotAllowed, match="not on your team"):
        _service(store).card_for(WS, "UMGR2", "UA")
    with pytest.raises(NotFound, match="You have no 1:1"):
        _service(store).card_for(WS, "UB", None)
