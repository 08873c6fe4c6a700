"""The debrief use cases over the in-memory fakes: questions and fields per focus skill, what is
refused, the edit window and history, the copy's ledger key, deal options and the manager's feedback."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import ShadowObservation
from domain.delivery import REPLY_KIND, DeliveryKey, DeliveryStatus, reply_period
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.receipts import Receipt, Replayed
from domain.services.debrief_feedback import DebriefFeedbackService, FeedbackForRep
from domain.services.debriefs import DebriefCopy, DebriefInput, DebriefService, copy_key
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 12, 9, 15, tzinfo=UTC)  # Wednesday; 07:00 in Los Angeles
CATALOG = load_catalog()
ANSWERS = CallAnswers("Asked about budget early", "Let them talk longer", "Quantify the pain")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"))
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery", "closing"])
        uow.pipeline.upsert(WS, [
            Opportunity(WS, "D1", "UA", "Acme renewal"),
            Opportunity(WS, "D2", "UA", "Globex expansion", status=DealStatus.WON),
            Opportunity(WS, "D3", "UA", "Acme new logo"),
            Opportunity(WS, "D9", "UB", "Initech"),
        ])
        uow.commit()
    return store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: FakeStore, clock: Clock) -> DebriefService:
    return DebriefService(store.uow, CATALOG, clock)


def given(account: str = "Acme", deal_id: str | None = None, call_type: str | None = "discovery",
          call_on: date | None = date(2026, 12, 8), answers: CallAnswers = ANSWERS,
          link: str | None = "https://rec.example/1", **indicators: str | None) -> DebriefInput:
    return DebriefInput(CallRef(account, deal_id), call_type, call_on, answers, indicators, link)


def test_the_form_asks_about_the_reps_focus_skills_with_their_indicator_fields(service: DebriefService) -> None:
    form = service.form(WS, "UA")
    assert form.today == date(2026, 12, 9)  # Los Angeles
    assert form.questions[0] == "What went well regarding discovery and closing?"
    assert [i.id for i in form.indicators] == [
        "discovery_questions_asked", "business_impact_quantified", "stakeholders_identified",
        "next_step_defined", "proposal_to_decision_days", "trial_closes_attempted"]


def test_a_rep_with_no_active_cycle_gets_the_three_questions_and_no_indicator_fields(
        service: DebriefService, store: FakeStore) -> None:
    form = service.form(WS, "UB")
    assert form.questions[0] == "What went well?" and form.indicators == ()
    done = service.record_and_tell(WS, "UB", given(discovery_questions_asked="99"))
    assert done.result.debrief.indicators == {} and done.result.debrief.skills == ()
    assert done.result.debrief.cycle_id is None


def test_the_text_picks_the_reps_open_deal_or_prefills_the_account(service: DebriefService) -> None:
    assert service.form(WS, "UA", text="acme renewal").deal is not None
    assert service.form(WS, "UA", text="Renewal").deal.deal_id == "D1"  # type: ignore[union-attr]
    ambiguous = service.form(WS, "UA", text="Acme")
    assert ambiguous.deal is None and ambiguous.account == "Acme"
    assert service.form(WS, "UA", text="Globex").deal is None  # won: not open
    assert service.form(WS, "UA", text="Initech").deal is None  # another rep's


def test_a_stranger_is_not_known(service: DebriefService) -> None:
    with pytest.raises(NotFound):
        service.form(WS, "UNEW")


def test_a_debrief_is_stored_with_its_indicator_values_and_the_rep_gets_a_copy(
        service: DebriefService, store: FakeStore) -> None:
    done = service.record_and_tell(WS, "UA", given(deal_id="D1", account="", discovery_questions_asked="7",
                                                   business_impact_quantified="yes", proposal_to_decision_days="",
                                                   outcome_talk_share="50"))
    debrief = done.result.debrief
    assert debrief.call == CallRef("Acme renewal", "D1")  # the deal's name when no account was typed
    assert debrief.call_type is CallType.DISCOVERY and debrief.call_on == date(2026, 12, 8)
    # Only the focus skills' indicators; empty ones are left out, others ignored.
    assert debrief.indicators == {"discovery_questions_asked": 7, "business_impact_quantified": True}
    assert debrief.skills == ("discovery", "closing") and debrief.created_at == NOW
    [message] = done.effects.messages
    assert message.to == "UA" and isinstance(message.notice, DebriefCopy) and message.notice.editable
    assert message.delivery is not None
    assert message.delivery.key == DeliveryKey("T1", "UA", REPLY_KIND, reply_period(copy_key(WS, debrief.id or 0, 1)))
    assert set(done.effects.refresh) == {"UA", "UMGR"}
    with store.uow() as uow:
        assert uow.deliveries.get(message.delivery.key) is not None  # on record with the debrief


@pytest.mark.parametrize(("typed", "field", "words"), [
    (given(discovery_questions_asked="-1"), "discovery_questions_asked", "negative"),
    (given(proposal_to_decision_days="-3"), "proposal_to_decision_days", "negative"),
    (given(call_on=date(2026, 12, 10)), "call_on", "future"),
    (given(call_on=date(2026, 11, 15)), "call_on", "cycle started"),
    (given(answers=replace(ANSWERS, do_differently="  ")), "do_differently", "sentence"),
    (given(answers=replace(ANSWERS, practice_next="x" * 3001)), "practice_next", "3000"),
    (given(link="http://rec.example/1"), "recording_link", "https"),
    (given(account="", deal_id=None), "deal", "Pick the deal"),
    (given(deal_id="D9"), "deal", "not one of your"),
    (given(call_type="webinar"), "call_type", "kind of call"),
])
def test_bad_input_comes_back_by_field_and_nothing_is_stored(
        service: DebriefService, store: FakeStore, typed: DebriefInput, field: str, words: str) -> None:
    with pytest.raises(FieldProblems) as raised:
        service.record_and_tell(WS, "UA", typed, receipt=Receipt("calls.debrief", "k1"))
    assert words in raised.value.problems[field]
    assert store.tables.calls.debriefs == {}
    # The receipt went with the rollback: the next try is not a replay.
    service.record_and_tell(WS, "UA", given(), receipt=Receipt("calls.debrief", "k1"))


def test_a_percentage_over_100_is_refused(service: DebriefService, store: FakeStore) -> None:
    with store.uow() as uow:
        cycle = uow.cycles.add(CoachingCycle(WS, "UB", "UMGR", date(2026, 11, 16)))
        uow.priorities.set_focus(WS, cycle.id or 0, ["objection_handling"])
        uow.commit()
    with pytest.raises(FieldProblems) as raised:
        service.record_and_tell(WS, "UB", given(objections_resolved="101"))
    assert raised.value.problems == {"objections_resolved": "A percentage goes from 0 to 100."}


def test_a_submission_sent_twice_stores_one_debrief(service: DebriefService, store: FakeStore) -> None:
    receipt = Receipt("calls.debrief", "same")
    service.record_and_tell(WS, "UA", given(), receipt=receipt)
    with pytest.raises(Replayed):
        service.record_and_tell(WS, "UA", given(), receipt=receipt)
    assert len(store.tables.calls.debriefs) == 1


def test_an_edit_keeps_the_earlier_version_and_is_refused_after_seven_days(
        service: DebriefService, store: FakeStore, clock: Clock) -> None:
    first = service.record_and_tell(WS, "UA", given(discovery_questions_asked="3")).result.debrief
    assert first.id is not None
    form = service.edit_form(WS, "UA", first.id)
    assert form.editing == first and form.account == "Acme" and form.call_type == "discovery"
    clock.now = NOW + timedelta(days=2)
    edited = service.edit_and_tell(WS, "UA", first.id, given(account="Acme Corp", discovery_questions_asked="5"))
    debrief = edited.result.debrief
    assert debrief.version == 2 and debrief.call.account == "Acme Corp"
    assert debrief.indicators == {"discovery_questions_asked": 5}
    assert [(v["version"], v["account"], v["indicators"]) for v in debrief.history] == [
        (1, "Acme", {"discovery_questions_asked": 3})]
    # The first copy was never sent (no sender here): the edited copy goes as a new message.
    assert edited.result.copy_at is None and len(edited.effects.messages) == 1
    clock.now = NOW + timedelta(days=7, seconds=1)
    for attempt in (lambda: service.edit_form(WS, "UA", first.id or 0),
                    lambda: service.edit_and_tell(WS, "UA", first.id or 0, given())):
        with pytest.raises(NotAllowed, match="7 days"):
            attempt()
    assert store.tables.calls.debriefs[first.id].version == 2


def test_an_edit_updates_the_copy_where_it_was_sent(service: DebriefService, store: FakeStore) -> None:
    done = service.record_and_tell(WS, "UA", given())
    row = done.effects.messages[0].delivery
    assert row is not None
    with store.uow() as uow:
        uow.deliveries.update(row.with_status(DeliveryStatus.SENT, channel="DUA", ts="111.222"))
        uow.commit()
    edited = service.edit_and_tell(WS, "UA", done.result.debrief.id or 0, given(account="Acme Corp"))
    assert edited.result.copy_at == ("DUA", "111.222") and edited.effects.messages == ()


def test_only_the_rep_may_edit_their_debrief(service: DebriefService) -> None:
    debrief = service.record_and_tell(WS, "UA", given()).result.debrief
    for someone in ("UB", "UMGR"):
        with pytest.raises(NotAllowed, match="not yours"):
            service.edit_form(WS, someone, debrief.id or 0)
        with pytest.raises(NotAllowed, match="not yours"):
            service.edit_and_tell(WS, someone, debrief.id or 0, given())
    with pytest.raises(NotAllowed, match="not yours"):
        service.edit_form(WS, "UA", 999)  # the same answer for a debrief that does not exist


def test_deal_options_list_only_the_callers_own_open_deals_or_their_reps(service: DebriefService) -> None:
    assert [p.deal_id for p in service.deal_options(WS, "UA", "")] == ["D3", "D1"]
    assert [p.label for p in service.deal_options(WS, "UA", "ren")] == ["Acme renewal"]
    assert service.deal_options(WS, "UA", "initech") == []
    assert service.deal_options(WS, "UA", "", rep_id="UB") == []  # another rep's: never listed
    assert [p.deal_id for p in service.deal_options(WS, "UMGR", "", rep_id="UB")] == ["D9"]  # their manager
    assert service.deal_options(WS, "UMGR2", "", rep_id="UA") == []


def test_a_debrief_of_a_shadowed_call_links_to_it_once(service: DebriefService, store: FakeStore) -> None:
    with store.uow() as uow:
        seen = uow.shadow_observations.add(ShadowObservation(
            WS, "UA", "UMGR", CallRef("Acme", "D1"), CallType.DEMO, date(2026, 12, 7), ANSWERS, "Good call"))
        uow.commit()
    form = service.form(WS, "UA", shadow_id=seen.id)
    assert (form.shadow_id, form.call_type, form.call_on) == (seen.id, "demo", date(2026, 12, 7))
    assert form.deal is not None and form.deal.deal_id == "D1"
    with pytest.raises(NotAllowed):
        service.form(WS, "UB", shadow_id=seen.id)
    with pytest.raises(NotAllowed):
        service.record_and_tell(WS, "UB", given(), shadow_id=seen.id)
    stored = service.record_and_tell(WS, "UA", given(), shadow_id=seen.id).result.debrief
    assert stored.shadow_id == seen.id
    with pytest.raises(NotAllowed, match="already"):
        service.record_and_tell(WS, "UA", given(), shadow_id=seen.id)


def test_only_the_reps_own_manager_replies_with_feedback_stored_once(
        service: DebriefService, store: FakeStore, clock: Clock) -> None:
    feedback = DebriefFeedbackService(store.uow, CATALOG, clock)
    debrief = service.record_and_tell(WS, "UA", given()).result.debrief
    assert debrief.id is not None
    for someone in ("UMGR2", "UA", "UB"):
        with pytest.raises(NotAllowed, match="your own reps"):
            feedback.form(WS, someone, debrief.id)
        with pytest.raises(NotAllowed, match="your own reps"):
            feedback.reply_and_tell(WS, someone, debrief.id, "Nice")
    with pytest.raises(FieldProblems):
        feedback.reply_and_tell(WS, "UMGR", debrief.id, "   ")
    assert feedback.form(WS, "UMGR", debrief.id).rep.user_id == "UA"
    receipt = Receipt("calls.debrief_feedback", "f1")
    done = feedback.reply_and_tell(WS, "UMGR", debrief.id, " Great question on budget. ", receipt)
    with pytest.raises(Replayed):
        feedback.reply_and_tell(WS, "UMGR", debrief.id, "Great question on budget.", receipt)
    [message] = done.effects.messages
    assert message.to == "UA" and isinstance(message.notice, FeedbackForRep)
    assert message.notice.thread_ts is None  # the copy was never sent here: a plain DM
    with store.uow() as uow:
        stored = uow.debriefs.feedback_for(WS, [debrief.id])
    assert [(f.manager_id, f.text) for f in stored[debrief.id]] == [("UMGR", "Great question on budget.")]


def test_feedback_goes_in_the_thread_of_the_copy(service: DebriefService, store: FakeStore, clock: Clock) -> None:
    done = service.record_and_tell(WS, "UA", given())
    row = done.effects.messages[0].delivery
    assert row is not None
    with store.uow() as uow:
        uow.deliveries.update(row.with_status(DeliveryStatus.SENT, channel="DUA", ts="111.222"))
        uow.commit()
    sent = DebriefFeedbackService(store.uow, CATALOG, clock).reply_and_tell(
        WS, "UMGR", done.result.debrief.id or 0, "Well done")
    [message] = sent.effects.messages
    assert isinstance(message.notice, FeedbackForRep) and message.notice.thread_ts == "111.222"
    assert message.delivery is not None and message.delivery.channel == "DUA"


def test_a_cycle_that_has_not_started_asks_nothing_of_calls_yet(service: DebriefService, store: FakeStore) -> None:
    with store.uow() as uow:
        cycle = uow.cycles.add(CoachingCycle(WS, "UB", "UMGR", date(2026, 12, 14)))
        uow.priorities.set_focus(WS, cycle.id or 0, ["discovery"])
        uow.commit()
    assert service.form(WS, "UB").indicators == ()
    assert service.record_and_tell(WS, "UB", given()).result.debrief.cycle_id is None
