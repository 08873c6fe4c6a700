"""A rep's comment on their scorecard, over the in-memory fakes: the form, what is refused, one store per
submission, and the two DMs (the manager's with the comment, the rep's confirmation) on the ledger."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.coaching.scorecard_comments import IsoWeek, ScorecardComment
from domain.delivery import REPLY_KIND
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.receipts import Receipt, Replayed
from domain.services.scorecard_comments import (
    BAD_WEEK,
    COMMENT_FIELD,
    NO_MANAGER,
    NOT_YET,
    CommentForManager,
    CommentSent,
    ScorecardCommentService,
)
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
# Monday 7 December 2026, 06:00 UTC: week 50 in Berlin and UTC, still Sunday of week 49 in Los Angeles.
NOW = datetime(2026, 12, 7, 6, tzinfo=UTC)


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UMGR", "Maya Manager", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.members.add(Member(WS, "USOLO", "Sol", "UTC"))
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> ScorecardCommentService:
    return ScorecardCommentService(store.uow, lambda: NOW)


def _stored(store: FakeStore) -> list[ScorecardComment]:
    return list(store.tables.scorecard_comments.values())


@pytest.mark.parametrize(("label", "week"), [("2026-W50", IsoWeek(2026, 50)), ("2026-W53", IsoWeek(2026, 53)),
                                             ("2020-W53", IsoWeek(2020, 53))])
def test_an_iso_week_label_reads_as_its_week(label: str, week: IsoWeek) -> None:
    assert IsoWeek.parse(label) == week and week.label == label


@pytest.mark.parametrize("label", ["2025-W53", "2026-W00", "2026-W54", "0000-W01", "2026-w50", "2026-W5", " 2026-W50",
                                   "2026-W50\n", "２０２６-W50", "", None, 2026, "U123|2026-W50"])
def test_anything_else_is_no_week(label: object) -> None:
    assert IsoWeek.parse(label) is None


def test_the_form_names_the_reps_manager_and_the_week(service: ScorecardCommentService) -> None:
    form = service.form(WS, "UB", "2026-W50")
    assert (form.rep.user_id, form.manager.name, form.week) == ("UB", "Maya Manager", IsoWeek(2026, 50))
    assert (form.week.monday.isoformat(), form.week.sunday.isoformat()) == ("2026-12-07", "2026-12-13")


def test_a_comment_is_stored_for_the_rep_and_their_manager_and_both_are_told(
        store: FakeStore, service: ScorecardCommentService) -> None:
    done = service.comment_and_tell(WS, "UB", "2026-W49", "  Hard week: two demos moved.  ", Receipt("v", "k1"))

    assert [(c.rep_id, c.manager_id, c.week, c.text) for c in _stored(store)] == [
        ("UB", "UMGR", "2026-W49", "Hard week: two demos moved.")]
    assert done.result.id is not None and done.result.created_at == NOW
    to_manager, to_rep = done.effects.messages
    assert to_manager.to == "UMGR" and isinstance(to_manager.notice, CommentForManager)
    assert to_manager.notice.rep.name == "Bea" and to_manager.notice.week == IsoWeek(2026, 49)
    assert to_rep.to == "UB" and isinstance(to_rep.notice, CommentSent)
    assert to_rep.notice.manager.user_id == "UMGR"
    # Both DMs are on the ledger with the comment, written in the same unit.
    keys = {key.recipient_id for key in store.tables.deliveries if key.kind == REPLY_KIND}
    assert keys == {"UMGR", "UB"} and store.commits == 2


def test_the_same_submission_again_stores_nothing_and_tells_nobody(
        store: FakeStore, service: ScorecardCommentService) -> None:
    receipt = Receipt("scorecards.comment", "same-view")
    service.comment_and_tell(WS, "UB", "2026-W50", "Once", receipt)
    deliveries = len(store.tables.deliveries)

    with pytest.raises(Replayed):
        service.comment_and_tell(WS, "UB", "2026-W50", "Once", receipt)
    assert len(_stored(store)) == 1 and len(store.tables.deliveries) == deliveries


@pytest.mark.parametrize(("text", "problem"), [("", "Write what you want"), (" \n\t ", "Write what you want"),
                                               ("x" * 2001, "Keep it to 2000 characters"),
                                               ("a\x00b", "NUL")])
def test_empty_too_long_or_unstorable_text_is_refused_under_the_field(
        store: FakeStore, service: ScorecardCommentService, text: str, problem: str) -> None:
    with pytest.raises(FieldProblems) as refused:
        service.comment_and_tell(WS, "UB", "2026-W50", text, Receipt("v", "k"))
    assert problem in refused.value.problems[COMMENT_FIELD]
    assert _stored(store) == [] and not store.tables.receipts  # the receipt is rolled back: they may try again


def test_2000_characters_are_kept_whole(store: FakeStore, service: ScorecardCommentService) -> None:
    service.comment_and_tell(WS, "UB", "2026-W50", "é" * 2000)
    assert _stored(store)[0].text == "é" * 2000


@pytest.mark.parametrize("rep_id", ["USOLO", "UMGR", "UNOBODY"])
def test_someone_without_a_manager_is_told_to_ask_an_admin(
        store: FakeStore, service: ScorecardCommentService, rep_id: str) -> None:
    with pytest.raises(NotAllowed, match="no manager in Coachflow yet; ask an admin"):
        service.form(WS, rep_id, "2026-W50")
    with pytest.raises(NotAllowed) as refused:
        service.comment_and_tell(WS, rep_id, "2026-W50", "Hello")
    assert str(refused.value) == NO_MANAGER and _stored(store) == []


def test_a_rep_of_another_workspace_has_no_manager_here(service: ScorecardCommentService) -> None:
    with pytest.raises(NotAllowed):
        service.comment_and_tell(OTHER, "UB", "2026-W50", "Hello")


@pytest.mark.parametrize("label", ["2026-W99", "garbage", None, "2025-W53"])
def test_a_week_that_is_not_one_is_refused(store: FakeStore, service: ScorecardCommentService,
                                           label: str | None) -> None:
    with pytest.raises(InvalidInput, match="could not be read") as refused:
        service.comment_and_tell(WS, "UB", label, "Hello")
    assert str(refused.value) == BAD_WEEK and _stored(store) == []
    with pytest.raises(InvalidInput, match="could not be read"):
        service.form(WS, "UB", label)


def test_a_week_is_open_for_comments_from_its_monday_in_the_reps_own_time_zone(
        store: FakeStore, service: ScorecardCommentService) -> None:
    assert service.form(WS, "UB", "2026-W50").week == IsoWeek(2026, 50)  # Monday morning in Berlin
    with pytest.raises(InvalidInput) as refused:  # still Sunday night in Los Angeles
        service.form(WS, "UA", "2026-W50")
    assert str(refused.value) == NOT_YET
    with pytest.raises(InvalidInput, match="not started yet"):
        service.comment_and_tell(WS, "UA", "2026-W50", "Early")
    service.comment_and_tell(WS, "UA", "2026-W49", "Last week's is fine")
    assert [c.week for c in _stored(store)] == ["2026-W49"]
