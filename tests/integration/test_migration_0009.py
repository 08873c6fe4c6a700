"""Migration 0009 (shared files keep their outcome) over files recorded before it, and back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import Engine, text

from domain.model import WorkspaceRef
from domain.pipeline.upload import SharedFileStatus
from storage import migrate
from storage.uow import make_uow_factory

T1 = WorkspaceRef("T1")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def seed_at_0007(engine: Engine) -> None:
    # Raw SQL: the ORM models describe the newest schema, not 0007's.
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO workspaces (team_id, name, settings) VALUES ('T1', 'Acme', '{}')"))
        connection.execute(text("INSERT INTO shared_files (team_id, file_id, user_id) VALUES ('T1', 'F1', 'UMAYA')"))


def test_files_recorded_before_outcomes_were_kept_can_be_shared_again(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, "0007")
    seed_at_0007(empty_engine)

    migrate.upgrade(empty_engine)

    factory = make_uow_factory(empty_engine)
    with factory() as uow:
        before = uow.shared_files.get(T1, "F1")
        assert before is not None
        assert (before.status, before.attempts) == (SharedFileStatus.FAILED, 1)
        assert "recorded before Coachflow kept outcomes" in (before.outcome or "")
        assert uow.shared_files.claim(T1, "F1", "UMAYA", NOW, NOW - timedelta(minutes=10)) is True
        uow.commit()


def test_downgrading_to_0007_keeps_the_files(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, "0007")
    seed_at_0007(empty_engine)
    migrate.upgrade(empty_engine)

    with empty_engine.connect() as connection:
        command.downgrade(migrate.alembic_config(connection), "0007")
        connection.commit()

    with empty_engine.connect() as connection:
        rows = connection.execute(text("SELECT team_id, file_id, user_id FROM shared_files")).all()
    assert [tuple(r) for r in rows] == [("T1", "F1", "UMAYA")]
    migrate.upgrade(empty_engine)  # and up again
    assert migrate.is_up_to_date(empty_engine)
