"""The demo's last scenes (issue 14): an OAuth install of a second workspace, and nothing crossing between them.

A second deployment runs here in OAuth mode (bot/oauth_world.py): its own
HTTP server, its own SQLite file, tokens encrypted under a fresh key, and two
fake workspaces behind one fake Slack. Each installer's browser goes
/slack/install -> Slack's consent page -> /slack/oauth_redirect, and the one
message an install sends is the DM asking the installer whether to welcome
the team. Then each workspace's manager builds a team, and neither sees the
other's people. Paths only in the transcript: ports change from run to run.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import text

from bot.demo_checks import expect
from bot.fake_slack import FakeSlack, render_message
from bot.oauth_world import OAuthWorld, oauth_world
from handlers.edge import ids

NORTHWIND, GLOBEX = "T0NORTH", "T0GLOBEX"
# (user id, name, time zone) of each workspace; the first is its installer and manager, the second a rep.
PEOPLE = {
    NORTHWIND: [("UNADA", "Ada Okafor", "Europe/London"), ("UNALEX", "Alex Rivera", "America/Los_Angeles")],
    GLOBEX: [("UGGRACE", "Grace Park", "America/Chicago"), ("UGHIRO", "Hiro Tan", "America/Chicago")],
}
NAMES = {user: name for people in PEOPLE.values() for user, name, _ in people}


def _workspace(team_id: str, name: str, bot_user: str) -> FakeSlack:
    fake = FakeSlack(team_id=team_id, team_name=name, bot_user_id=bot_user)
    for user_id, person, tz in PEOPLE[team_id]:
        fake.add_user(user_id, person, tz)
    return fake


def script_installs(demo: Any) -> None:
    with oauth_world([_workspace(NORTHWIND, "Northwind Sales", "UBOTN"),
                      _workspace(GLOBEX, "Globex Field Sales", "UBOTG")], clock=demo.clock) as world:
        demo.scene("Installing in many workspaces: Northwind, then a second workspace, Globex, install over OAuth")
        demo.out("A second deployment in OAuth mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, COACHFLOW_TOKEN_KEYS):")
        demo.out("its own database; two workspaces behind the fake Slack, neither installed yet.")
        for team_id in (NORTHWIND, GLOBEX):
            _install(demo, world, team_id)
        _tokens_at_rest(demo, world)

        demo.scene("Nothing crosses between the two workspaces")
        ada, alex = (user for user, _, _ in PEOPLE[NORTHWIND])
        grace, hiro = (user for user, _, _ in PEOPLE[GLOBEX])
        _command(demo, world, NORTHWIND, ada, f"team add <@{alex}>", notify=alex, replies=2)
        _command(demo, world, GLOBEX, grace, f"team add <@{hiro}>", notify=hiro, replies=2)
        refused = _command(demo, world, GLOBEX, grace, f"team add <@{alex}>")
        expect("does not know" in refused, "Globex to refuse a Northwind person")
        theirs = _command(demo, world, GLOBEX, grace, "team")
        ours = _command(demo, world, NORTHWIND, ada, "team")
        expect("Hiro" in theirs and "Alex" not in theirs, "Grace's team to hold Hiro only")
        expect("Alex" in ours and "Hiro" not in ours, "Ada's team to hold Alex only")
        _no_crossing(demo, world)


def _no_crossing(demo: Any, world: OAuthWorld) -> None:
    with world.runtime.engine.connect() as connection:
        rows = connection.execute(text("SELECT team_id, user_id FROM members ORDER BY team_id, user_id")).all()
    for team_id, people in PEOPLE.items():
        own = {user for user, _, _ in people}
        stored = {user for team, user in rows if team == team_id}
        expect(stored <= own, f"{team_id}'s members to be its own people only")
        fake = world.workspaces[team_id]
        strangers = [user for user in NAMES if user not in own and fake.messages_to(user)]
        expect(not strangers, f"no message in {fake.team_name} to a person of the other workspace")
        names = ", ".join(sorted(NAMES[user].split()[0] for user in stored))
        demo.out(f"\nIn the database, {fake.team_name}'s people: {names}; every Web API call for it "
                 "carried its own workspace's token.")


def _install(demo: Any, world: OAuthWorld, team_id: str) -> None:
    fake = world.workspaces[team_id]
    installer, name, _ = PEOPLE[team_id][0]
    first = name.split()[0]
    before = len(fake.calls_to("chat.postMessage"))
    page = world.install(team_id, installer)
    demo.out(f"\n{first} ({fake.team_name}) opens the install link and clicks Allow on Slack's page:")
    for url in page.visited:
        parts = urlsplit(url)
        shown = parts.path + ("?code=…&state=…" if "code=" in parts.query else
                              "?client_id=…&scope=commands,chat:write,…&state=…" if "client_id=" in parts.query else "")
        demo.out(f"  GET {shown}")
    title = page.body.split("<h1>", 1)[1].split("</h1>", 1)[0] if "<h1>" in page.body else "?"
    demo.out(f"  → HTTP {page.status}: “{title}”")
    expect(page.status == 200, f"{fake.team_name}'s install to succeed")
    sent = fake.calls_to("chat.postMessage")[before:]
    expect(len(sent) == 1 and len(fake.messages_to(installer)) == 1, f"one DM, to {first} only")
    _box(demo, f"DM from Coachflow to {first}", render_message(fake.messages_to(installer)[0], NAMES))
    answer = world.requests(team_id).block_actions(installer, ids.INSTALL_NOT_NOW, "",
                                                   message=fake.messages_to(installer)[0])
    if team_id == GLOBEX:  # Grace wants to choose first; Ada says "not now" and adds Alex herself
        answer = world.requests(team_id).block_actions(installer, ids.INSTALL_WELCOME_TEAM, "",
                                                       message=fake.messages_to(installer)[0])
    answer.post(world.http.url + "/slack/events")
    replaced = world.wait_for_response(answer.response_token)
    label = "Yes, choose my reps" if team_id == GLOBEX else "Not now"
    demo.out(f"\n{first} presses [{label}]:")
    _box(demo, "The question becomes", render_message(world.responses(answer.response_token)[-1], NAMES))
    expect(bool(replaced), f"{first}'s answer to replace the question")
    others = [user for user, _, _ in PEOPLE[team_id][1:] if fake.messages_to(user)]
    expect(not others, "nobody but the installer to hear from Coachflow")
    demo.out(f"Nobody else in {fake.team_name} has heard from Coachflow.")


def _tokens_at_rest(demo: Any, world: OAuthWorld) -> None:
    with world.runtime.engine.connect() as connection:
        rows = connection.execute(text("SELECT team_id, bot_token, bot_refresh_token FROM slack_bots")).all()
    cells = [value for row in rows for value in row[1:] if value]
    expect(len(rows) == 2 and all(not cell.startswith("xox") for cell in cells), "only ciphertext in slack_bots")
    demo.out(f"\nIn the database: {len(rows)} bot installations ({', '.join(sorted(r[0] for r in rows))}); "
             f"all {len(cells)} tokens are Fernet ciphertext (gAAAAA…), none readable as xox….")
    demo.out("Rotating tokens: each expires in 12 hours; Bolt renews one for a request, the dispatch tick for a "
             "scheduled message.")


def _command(demo: Any, world: OAuthWorld, team_id: str, user_id: str, command: str,
             notify: str | None = None, replies: int = 1) -> str:
    fake = world.workspaces[team_id]
    shown = command
    for user, name in NAMES.items():
        shown = shown.replace(f"<@{user}>", f"@{name.split()[0]}")
    demo.out(f"\n{NAMES[user_id].split()[0]} ({fake.team_name}) types:  /coach {shown}")
    request = world.requests(team_id).slash_command(user_id, "/coach", command)
    expect(request.post(world.http.url + "/slack/events").status == 200, "HTTP 200 to a signed command")
    world.slack.fake.wait_for(lambda: len(world.responses(request.response_token)) >= replies)
    if notify is not None:
        fake.wait_for(lambda: bool(fake.messages_to(notify)))
    shown_replies = [render_message(answer, NAMES) for answer in world.responses(request.response_token)]
    for reply in shown_replies:
        _box(demo, "Only you can see this", reply)
    if notify is not None:
        _box(demo, f"DM from Coachflow to {NAMES[notify].split()[0]}",
             render_message(fake.messages_to(notify)[0], NAMES))
    return "\n".join(shown_replies)


def _box(demo: Any, label: str, body: str) -> None:
    """A box as the demo draws one (bot/demo.py `Demo._show`)."""
    demo.out(f"\n  ┌─ {label}")
    for line in body.rstrip().splitlines():
        demo.out(f"  │ {line}")
    demo.out("  └─")
