"""Alembic migrations: they build exactly the schema storage.orm describes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from domain.model import Workspace, WorkspaceRef
from storage import migrate
from storage.orm import Base
from storage.uow import make_engine, make_uow_factory

ROOT = Path(__file__).resolve().parents[2]


def test_upgrade_builds_the_schema_the_models_describe(empty_engine):
    assert migrate.current_revision(empty_engine) is None
    assert not migrate.is_up_to_date(empty_engine)

    migrate.upgrade(empty_engine)

    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    assert migrate.is_up_to_date(empty_engine)
    with empty_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], differences


def test_constraint_names_follow_the_naming_convention(empty_engine):
    migrate.upgrade(empty_engine)
    inspector = inspect(empty_engine)
    assert {u["name"] for u in inspector.get_unique_constraints("members")} == {
        "uq_members_team_id_user_id"
    }
    indexes = {i["name"] for i in inspector.get_indexes("members")}
    assert "ix_members_team_id_manager_id" in indexes
    assert [fk["name"] for fk in inspector.get_foreign_keys("members")] == [
        "fk_members_team_id_workspaces"
    ]
    assert {u["name"] for u in inspector.get_unique_constraints("deliveries")} == {
        "uq_deliveries_team_id_recipient_id_kind_period"
    }
    assert {i["name"] for i in inspector.get_indexes("deliveries")} >= {
        "ix_deliveries_status_next_attempt_at",
        "ix_deliveries_created_at",
    }
    assert {u["name"] for u in inspector.get_unique_constraints("schedules")} == {
        "uq_schedules_team_id_user_id_kind"
    }
    assert "ix_schedules_next_check_at" in {i["name"] for i in inspector.get_indexes("schedules")}


def test_upgrading_twice_changes_nothing_and_keeps_the_data(empty_engine):
    migrate.upgrade(empty_engine)
    factory = make_uow_factory(empty_engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(WorkspaceRef("T1"), name="Acme"))
        uow.commit()

    migrate.upgrade(empty_engine)

    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    with factory() as uow:
        assert [w.name for w in uow.workspaces.list_all()] == ["Acme"]


def test_upgrade_takes_a_url_and_works_from_any_directory(
    empty_database_url, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # no alembic.ini here
    migrate.upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        assert migrate.is_up_to_date(engine)
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(empty_engine):
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        command.downgrade(migrate.alembic_config(connection), "base")
        connection.commit()
    assert migrate.current_revision(empty_engine) is None
    tables = {"workspaces", "members", "schedules", "deliveries"}
    assert not tables & set(inspect(empty_engine).get_table_names())

    migrate.upgrade(empty_engine)
    assert migrate.is_up_to_date(empty_engine)


def test_sqlite_foreign_keys_are_back_on_after_migrating(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_revisions_are_sequential_and_shipped_with_the_package():
    versions = sorted(p.name for p in (migrate.MIGRATIONS_DIR / "versions").glob("*.py"))
    assert versions[0] == "0001_workspaces_and_members.py"
    assert migrate.head_revision() == versions[-1].split("_")[0]
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert (migrate.MIGRATIONS_DIR / "script.py.mako").is_file()


def test_the_alembic_command_line_works_with_the_ini_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    alembic = [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini"), "-x", f"url={url}"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*alembic, *args], cwd=tmp_path, capture_output=True, text=True, check=False)

    upgraded = run("upgrade", "head")
    assert upgraded.returncode == 0, upgraded.stderr
    # `alembic check` fails when the models and the migrations disagree.
    checked = run("check")
    assert checked.returncode == 0, checked.stderr + checked.stdout

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == migrate.head_revision()
    finally:
        engine.dispose()
