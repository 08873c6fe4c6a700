"""The action plan's rules and the kept-on-time rate, as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.coaching.commitments import (
    MAX_ACTIONS,
    ActionDraft,
    ChangeKind,
    Commitment,
    CommitmentStatus,
    action_problems,
    kept_on_time,
    obstacles_problem,
    plan_size_problem,
    split_commit,
    when_of,
)
from domain.errors import InvalidInput
from domain.model import WorkspaceRef

WS = WorkspaceRef("T1")
TUESDAY = date(2026, 12, 1)
AT = datetime(2026, 12, 1, 15, tzinfo=UTC)


def _action(deadline: date, status: CommitmentStatus = CommitmentStatus.OPEN, answered_on: date | None = None,
            ) -> Commitment:
    return Commitment(WS, "UA", "UMGR", "UA", "Send the deck", deadline, "p1", status=status, answered_on=answered_on)


def test_a_plan_holds_one_to_three_actions() -> None:
    draft = ActionDraft("Send the deck", None, TUESDAY)
    assert plan_size_problem([]) == "Write at least one action."
    assert plan_size_problem([draft] * MAX_ACTIONS) is None
    assert "limit priorities" in (plan_size_problem([draft] * 4) or "")


def test_each_field_of_an_action_is_checked_under_its_number() -> None:
    bad = ActionDraft("", None, date(2026, 11, 30), evidence="x" * 501, confidence=6, support="fine")
    problems = action_problems(2, bad, TUESDAY)
    assert set(problems) == {"action_2", "evidence_2", "deadline_2", "confidence_2"}
    assert "has passed" in problems["deadline_2"] and "1 to 5" in problems["confidence_2"]
    assert action_problems(1, ActionDraft("Call Acme", None, TUESDAY, confidence=5), TUESDAY) == {}
    assert "within a year" in action_problems(1, ActionDraft("Call", None, date(2028, 1, 1)), TUESDAY)["deadline_1"]


def test_anything_short_of_done_says_what_got_in_the_way() -> None:
    assert obstacles_problem(CommitmentStatus.DONE, "") is None
    assert obstacles_problem(CommitmentStatus.PARTLY, "  ") is not None
    assert obstacles_problem(CommitmentStatus.NOT_DONE, "The CFO was out") is None


def test_kept_on_time_counts_done_by_the_deadline_out_of_deadlines_passed() -> None:
    actions = [
        _action(date(2026, 11, 27), CommitmentStatus.DONE, date(2026, 11, 27)),  # kept
        _action(date(2026, 11, 27), CommitmentStatus.DONE, date(2026, 11, 28)),  # done late
        _action(date(2026, 11, 26), CommitmentStatus.PARTLY, date(2026, 11, 26)),
        _action(date(2026, 11, 25)),  # open and overdue
        _action(date(2026, 11, 25), CommitmentStatus.DROPPED),  # nobody owes it
        _action(date(2026, 12, 1)),  # due today: not passed yet
        _action(date(2026, 11, 2), CommitmentStatus.DONE, date(2026, 11, 2)),  # before the cycle
    ]
    rate = kept_on_time(actions, TUESDAY, since=date(2026, 11, 23))
    assert (rate.kept, rate.due, rate.rate) == (1, 4, 0.25)
    assert kept_on_time([], TUESDAY).rate is None


def test_moves_carry_overs_drops_and_answers_are_kept_in_the_history() -> None:
    open_one = _action(date(2026, 12, 4))
    moved = open_one.moved(date(2026, 12, 8), "UMGR", AT)
    assert moved.history[-1].kind is ChangeKind.DEADLINE_MOVED and moved.history[-1].note == "2026-12-04 -> 2026-12-08"
    partly = moved.answered(CommitmentStatus.PARTLY, "CFO out", "UA", AT, date(2026, 12, 8))
    carried = partly.moved(date(2026, 12, 15), "UMGR", AT)
    assert carried.is_open and carried.history[-1].kind is ChangeKind.CARRIED_OVER
    dropped = carried.dropped("UMGR", AT)
    assert [c.kind for c in dropped.history] == [ChangeKind.DEADLINE_MOVED, ChangeKind.ANSWERED,
                                                 ChangeKind.CARRIED_OVER, ChangeKind.DROPPED]
    with pytest.raises(InvalidInput, match="dropped already"):
        dropped.dropped("UMGR", AT)
    with pytest.raises(InvalidInput, match="partly done already"):
        partly.answered(CommitmentStatus.DONE, "", "UA", AT, date(2026, 12, 8))


@pytest.mark.parametrize(("text", "expected"), [
    ("send Hooli the ROI one-pager by fri", ("send Hooli the ROI one-pager", date(2026, 12, 4))),
    ("send the deck by tomorrow", ("send the deck", date(2026, 12, 2))),
    ("stand by the team by 2026-12-18", ("stand by the team", date(2026, 12, 18))),
    ("call Acme by tue", ("call Acme", TUESDAY)),  # today is Tuesday: today
    ("call Acme by Thursday", ("call Acme", date(2026, 12, 3))),
])
def test_commit_reads_what_and_when_in_the_reps_calendar(text: str, expected: tuple[str, date]) -> None:
    split = split_commit(text)
    assert split is not None
    assert (split[0], when_of(split[1], TUESDAY)) == expected


@pytest.mark.parametrize("text", ["send the deck", "send the deck by", "by fri"])
def test_commit_without_by_when_is_not_one_line(text: str) -> None:
    assert split_commit(text) is None


@pytest.mark.parametrize("when", ["soon", "2026-13-01", "fr", "next week", "٢٠٢٦-١٢-١٨"])
def test_a_when_that_cannot_be_read_is_none(when: str) -> None:
    assert when_of(when, TUESDAY) is None
