"""Lesson progress and lesson texts behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, text

from bot.fake_slack import WAIT_SECONDS
from domain.catalog import load_catalog
from domain.catalog.lesson_texts import LessonText
from domain.coaching.cycle import CoachingCycle
from domain.coaching.lessons import LessonAnswer, LessonProgress, LessonStatus
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.lessons import lesson_summaries
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
MONDAY = date(2026, 11, 30)
SENT_AT = datetime(2026, 12, 15, 15, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 15, 16, 30, tzinfo=UTC)
CATALOG = load_catalog()


def _cycles(uow) -> tuple[int, int, int]:
    uow.workspaces.add(Workspace(T1))
    uow.workspaces.add(Workspace(T2))
    pairs = ((T1, "UA"), (T1, "UB"), (T2, "UA"))
    ids = [uow.cycles.add(CoachingCycle(ws, rep, "UMGR", MONDAY)).id for ws, rep in pairs]
    assert all(i is not None for i in ids)
    return ids[0], ids[1], ids[2]


def _fresh(ws: WorkspaceRef, rep: str, cycle: int, lesson: str, **fields: object) -> LessonProgress:
    return LessonProgress(ws, rep, cycle, "discovery", lesson, LessonStatus.SENT, sent_at=SENT_AT,
                          updated_at=SENT_AT, **fields)  # type: ignore[arg-type]


def test_progress_is_one_row_per_cycle_and_lesson_kept_apart_per_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        a, b, other = _cycles(uow)
        first = uow.lessons.locked(T1, _fresh(T1, "UA", a, "pain_framework"))
        uow.lessons.save(first.answered(LessonAnswer.REMIND, LATER, date(2026, 12, 16)))
        uow.lessons.locked(T1, _fresh(T1, "UB", b, "pain_framework"))
        uow.lessons.locked(T2, _fresh(T2, "UA", other, "pain_framework"))
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.lessons.locked(T1, _fresh(T1, "UA", a, "pain_framework"))  # exists: not overwritten
        found = uow.lessons.for_cycles(T1, [a, b, other])
    assert again.id == first.id and again.workspace == T1
    assert (again.status, again.remind_on, again.sent_at) == (LessonStatus.REMIND, date(2026, 12, 16), SENT_AT)
    assert set(found) == {a, b}  # T2's cycle is not T1's to read
    assert found[a] == {"pain_framework": again}
    assert found[b]["pain_framework"].rep_id == "UB"


def test_every_field_round_trips_and_to_discuss_lists_the_reps_kept_lessons(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        a, _, _ = _cycles(uow)
        for lesson in ("pain_framework", "transitional_questions", "emotional_vs_logical_pain"):
            uow.lessons.locked(T1, _fresh(T1, "UA", a, lesson))
        rows = uow.lessons.for_cycles(T1, [a])[a]
        uow.lessons.save(rows["transitional_questions"].answered(LessonAnswer.DISCUSS, LATER))
        uow.lessons.save(rows["pain_framework"].answered(LessonAnswer.DISCUSS, SENT_AT)
                         .answered(LessonAnswer.DONE, LATER))
        uow.commit()
    with any_uow_factory() as uow:
        kept = uow.lessons.to_discuss(T1, ["UA", "UB"])
        done = uow.lessons.for_cycles(T1, [a])[a]["pain_framework"]
    assert list(kept) == ["UA"]
    assert [(p.lesson_id, p.status) for p in kept["UA"]] == [
        ("pain_framework", LessonStatus.DONE), ("transitional_questions", LessonStatus.DISCUSS)]
    assert (done.done_at, done.discuss_at, done.updated_at) == (LATER, SENT_AT, LATER)


def test_a_workspaces_lesson_texts_are_replaced_whole_and_cleared(any_uow_factory) -> None:
    ours = {"pain_framework": LessonText(title="PAIN, our way", example="At Acme …"),
            "trial_closes": LessonText(exercise="Ask one 1-10 question per demo.")}
    with any_uow_factory() as uow:
        _cycles(uow)
        uow.lesson_texts.replace(T1, ours)
        uow.lesson_texts.replace(T2, {"trial_closes": LessonText(title="Theirs")})
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.lesson_texts.for_workspace(T1) == ours
        uow.lesson_texts.replace(T1, {"trial_closes": LessonText(summary="Only this now.")})
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.lesson_texts.for_workspace(T1) == {"trial_closes": LessonText(summary="Only this now.")}
        assert uow.lesson_texts.clear(T1) == 1
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.lesson_texts.for_workspace(T1) == {}
        assert uow.lesson_texts.for_workspace(T2) == {"trial_closes": LessonText(title="Theirs")}


def _team(factory: UnitOfWorkFactory, reps: int) -> list[str]:
    with factory() as uow:
        uow.workspaces.add(Workspace(T1))
        ids = []
        for n in range(reps):
            rep = f"UR{n:02d}"
            uow.members.add(Member(T1, rep, f"Rep {n}", "UTC" if n % 2 else "Asia/Tokyo", manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(T1, rep, "UMGR", MONDAY))
            assert cycle.id is not None
            uow.priorities.set_focus(T1, cycle.id, ["discovery", "closing"])
            row = uow.lessons.locked(T1, _fresh(T1, rep, cycle.id, "pain_framework"))
            uow.lessons.save(row.answered(LessonAnswer.DONE, LATER))
            ids.append(rep)
        uow.lesson_texts.replace(T1, {"trial_closes": LessonText(title="Trial closes, our way")})
        uow.commit()
    return ids


def test_lesson_summaries_for_two_or_forty_reps_cost_the_same_six_queries(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    reps = _team(factory, 40)
    costs = []
    for batch in (reps[:2], reps):
        with factory(read_only=True) as uow:
            uow.workspaces.get(T1)  # the transaction's own statements come first
            with _counting(engine) as count:
                found = lesson_summaries(uow, T1, batch, CATALOG, SENT_AT)
        assert len(found) == len(batch)
        costs.append(count[0])
    assert costs == [6, 6]
    summary = found["UR01"]
    assert (summary.done, summary.total) == (1, 8)
    assert summary.next is not None and summary.next.title == "Trial closes, our way"  # Thursday: closing's day
    assert summary.next.at == datetime(2026, 12, 17, 10, 0, tzinfo=UTC)


@pytest.mark.postgres
def test_a_send_and_a_click_racing_on_one_lesson_keep_one_row_and_both_changes(postgres_database) -> None:
    factory = make_uow_factory(postgres_database.engine)
    with factory() as uow:
        a, _, _ = _cycles(uow)
        uow.commit()
    clicked = threading.Event()

    def click() -> None:
        with factory() as uow:
            row = uow.lessons.locked(T1, replace(_fresh(T1, "UA", a, "pain_framework"), sent_at=None))
            uow.lessons.save(row.answered(LessonAnswer.DONE, LATER))
            clicked.set()
            uow.commit()

    with factory() as uow:  # the drain recording the send takes the row first ...
        sent = uow.lessons.locked(T1, _fresh(T1, "UA", a, "pain_framework"))
        racer = threading.Thread(target=click)
        racer.start()
        _wait_for_a_lock_wait(postgres_database.engine)  # ... so the click waits for it
        assert not clicked.is_set()
        uow.lessons.save(sent.delivered(SENT_AT))
        uow.commit()
    racer.join(timeout=WAIT_SECONDS)

    with factory() as uow:
        [row] = uow.lessons.for_cycles(T1, [a])[a].values()
    assert (row.status, row.sent_at, row.done_at) == (LessonStatus.DONE, SENT_AT, LATER)


def _wait_for_a_lock_wait(engine: Engine) -> None:
    """Until another connection waits for a lock on lesson_progress (the racing click), or WAIT_SECONDS."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND query LIKE '%lesson_progress%' AND pid <> pg_backend_pid()")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.execute(query).scalar_one():
                return
    raise AssertionError("the click never waited for the send's row lock")
