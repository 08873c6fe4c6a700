"""An uninstall over real HTTP (`coachflow run --http`), and a restart with a working token reinstalling."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.app import build_services
from bot.cli import _reinstalled
from bot.config import load_settings
from storage.uow import make_engine, make_uow_factory
from tests.e2e.conftest import TEAM, RunningApp


def _state(database: Path) -> tuple[object, int]:
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            marked = connection.execute(text("SELECT uninstalled_at FROM workspaces WHERE team_id = :t"),
                                        {"t": TEAM}).scalar()
            schedules = connection.execute(text("SELECT count(*) FROM schedules WHERE team_id = :t"),
                                           {"t": TEAM}).scalar()
    finally:
        engine.dispose()
    return marked, int(schedules or 0)


def test_app_uninstalled_over_http_stops_the_schedules_and_a_restart_reinstalls(
    running_app: RunningApp, tmp_path: Path,
) -> None:
    fake, database = running_app.fake, tmp_path / "e2e.db"
    request = running_app.requests.slash_command("UMGR", "/coach", "team add <@UA|alex>")
    assert request.post(running_app.events_url).status == 200
    fake.wait_for(lambda: any("added" in r["text"] for r in fake.responses_for(request.response_token or "")))
    fake.wait_for(lambda: _state(database)[1] > 0)

    uninstall = running_app.requests.event({"type": "app_uninstalled"})
    assert uninstall.post(running_app.events_url).status == 200
    fake.wait_for(lambda: _state(database)[0] is not None and _state(database)[1] == 0)
    # Slack's retry is answered and changes nothing.
    assert running_app.requests.retried(uninstall).post(running_app.events_url).status == 200

    running_app.process.terminate()
    running_app.process.wait(timeout=10)
    engine = make_engine(f"sqlite:///{database}")
    try:
        services = build_services(make_uow_factory(engine), load_settings(None))
        _reinstalled(services, {"team_id": TEAM, "enterprise_id": None})  # what `coachflow run` does on start
    finally:
        engine.dispose()
    marked, schedules = _state(database)
    assert marked is None and schedules > 0
