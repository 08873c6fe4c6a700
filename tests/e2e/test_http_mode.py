"""HTTP mode end to end: a real server process, real HTTP both ways."""

from __future__ import annotations

from tests.e2e.conftest import RunningApp


def test_health_check_reports_the_database(running_app: RunningApp) -> None:
    assert running_app.get_json("/healthz") == (200, {"ok": True, "database": "ok"})


def test_signed_team_add_is_acknowledged_and_answered(running_app: RunningApp) -> None:
    fake = running_app.fake
    request = running_app.requests.slash_command("UMGR", "/coach", "team add <@UA|alex> <@UB|bea> <@UC|kenji>")

    reply = request.post(running_app.events_url)

    assert reply.status == 200
    token = request.response_token or ""
    fake.wait_for(lambda: any("3 added" in r["text"] for r in fake.responses_for(token)))
    for rep in ("UA", "UB", "UC"):
        assert "added you to their Coachflow coaching team" in fake.messages_to(rep)[0]["text"]


def test_a_bad_signature_gets_401_and_changes_nothing(running_app: RunningApp) -> None:
    fake = running_app.fake
    request = running_app.requests.slash_command("UMGR", "/coach", "team add <@UA|alex>")

    assert running_app.requests.tampered(request).post(running_app.events_url).status == 401
    assert running_app.requests.stale(request).post(running_app.events_url).status == 401
    assert fake.calls_to("users.info") == [] and fake.responses == []


def test_app_home_opened_publishes_the_home_tab(running_app: RunningApp) -> None:
    fake = running_app.fake

    reply = running_app.requests.app_home_opened("UA").post(running_app.events_url)

    assert reply.status == 200
    fake.wait_for(lambda: fake.home_of("UA") is not None)
    home = fake.home_of("UA")
    assert home is not None and home["type"] == "home"


def test_unknown_paths_are_404(running_app: RunningApp) -> None:
    status, _ = running_app.get_json("/nope")
    assert status == 404


def test_a_csv_shared_in_the_dm_is_fetched_with_the_bot_token_and_reported(running_app: RunningApp) -> None:
    # The production path: the app's own WebClient at SLACK_API_URL, urllib for the file.
    fake, requests = running_app.fake, running_app.requests
    team_add = requests.slash_command("UMGR", "/coach", "team add <@UA|alex>")  # Maya: the first user, so admin
    assert team_add.post(running_app.events_url).status == 200
    fake.wait_for(lambda: bool(fake.messages_to("UA")))
    file_id = fake.share_file("UMGR", "deals.csv", b"id,owner,stage\nD1,UA,prospecting\n")

    event = requests.file_shared("UMGR", file_id)
    assert event.post(running_app.events_url).status == 200
    assert requests.retried(event).post(running_app.events_url).status == 200

    def reports() -> list[str]:
        return [m.get("text", "") for m in fake.messages_to("UMGR") if m.get("bot_id")]

    fake.wait_for(lambda: any("Imported 1 opportunity from deals.csv" in r for r in reports()))
    assert [c.ok for c in fake.calls_to("file_download")] == [True]
    assert len(reports()) == 1
