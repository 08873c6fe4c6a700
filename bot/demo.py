"""`coachflow demo`: the real app against a local fake Slack, narrated.

Runs offline on a fresh SQLite database. Every request is signed like
Slack's and goes through the Bolt app; every Web API call goes over HTTP to
the fake Slack server; the transcript shows what each person saw.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import Runtime, build_runtime
from bot.config import load_settings
from bot.database import upgrade_database
from bot.fake_slack import FakeSlack, FakeSlackServer, SignedRequest, SlackRequests, render_message, render_view

SECRET = "demo-signing-secret"
RULE = "━" * 78


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    tz: str
    job: str

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def mention(self) -> str:
        return f"<@{self.user_id}|{self.first.lower()}>"


ADA = Person("U0ADA", "Ada Okafor", "Europe/London", "sales enablement lead")
MAYA = Person("U0MAYA", "Maya Chen", "America/New_York", "sales manager")
OMAR = Person("U0OMAR", "Omar Haddad", "America/Chicago", "sales manager")
ALEX = Person("U0ALEX", "Alex Rivera", "America/Los_Angeles", "account executive")
BEA = Person("U0BEA", "Bea Schmidt", "Europe/Berlin", "account executive")
KENJI = Person("U0KENJI", "Kenji Sato", "Asia/Tokyo", "SDR")
PEOPLE = (ADA, MAYA, OMAR, ALEX, BEA, KENJI)


class Demo:
    def __init__(self, runtime: Runtime, fake: FakeSlack, requests: SlackRequests, out: Callable[[str], None]) -> None:
        self.app = runtime.app
        self.fake = fake
        self.requests = requests
        self.out = out
        self.names = {p.user_id: p.name for p in PEOPLE}
        self.step = 0

    def scene(self, title: str) -> None:
        self.step += 1
        self.out(f"\n{RULE}\n{self.step}. {title}\n{RULE}")

    def _dispatch(self, request: SignedRequest) -> None:
        status = self.app.dispatch(request.bolt()).status
        if status != 200:
            raise RuntimeError(f"the app answered HTTP {status} to a signed request")

    def command(self, person: Person, text: str, replies: int = 1) -> None:
        shown = text
        for p in PEOPLE:
            shown = shown.replace(p.mention, f"@{p.first}")
        self.out(f"\n{person.first} types:  /coach {shown}")
        request = self.requests.slash_command(person.user_id, "/coach", text)
        dms_before = {p.user_id: len(self.fake.messages_to(p.user_id)) for p in PEOPLE}
        self._dispatch(request)
        token = request.response_token or ""
        self.fake.wait_for(lambda: len(self.fake.responses_for(token)) >= replies, timeout=10)
        for reply in self.fake.responses_for(token):
            self._show(f"Only visible to {person.first}", render_message(reply, self.names))
        for p in PEOPLE:
            for dm in self.fake.messages_to(p.user_id)[dms_before[p.user_id]:]:
                self._show(f"DM from Coachflow to {p.first}", render_message(dm, self.names))

    def open_home(self, person: Person) -> None:
        before = len(self.fake.calls_to("views.publish"))
        self._dispatch(self.requests.app_home_opened(person.user_id))
        self.fake.wait_for(lambda: len(self.fake.calls_to("views.publish")) > before, timeout=10)
        home = self.fake.home_of(person.user_id) or {}
        self._show(f"{person.first}'s Home tab ({person.job})", render_view(home, self.names))

    def _show(self, label: str, body: str) -> None:
        self.out(f"\n  ┌─ {label}")
        for line in body.rstrip().splitlines():
            self.out(f"  │ {line}")
        self.out("  └─")


def run_demo(database: str | None = None, out: Callable[[str], None] = print) -> int:
    with tempfile.TemporaryDirectory(prefix="coachflow-demo-") as scratch:
        db_path = Path(database) if database else Path(scratch) / "coachflow-demo.db"
        fake = FakeSlack(team_id="T0DEMO", team_name="Northwind Sales")
        for person in PEOPLE:
            fake.add_user(person.user_id, person.name, person.tz)
        with FakeSlackServer(fake) as server:
            settings = load_settings(
                None,
                SLACK_BOT_TOKEN=fake.bot_token,
                SLACK_SIGNING_SECRET=SECRET,
                SLACK_API_URL=server.base_url,
                DATABASE_URL=f"sqlite:///{db_path}",
                COACHFLOW_LOG_LEVEL="WARNING",
            )
            _, revision = upgrade_database(settings.database_url)
            runtime = build_runtime(settings)
            requests = SlackRequests(SECRET, team_id="T0DEMO", response_url_base=server.response_url_base)
            out("Coachflow demo: the real app, a fake Slack on "
                f"{server.root_url}, SQLite at {db_path} (schema {revision}).")
            out("People: " + "; ".join(f"{p.name} ({p.job}, {p.tz})" for p in PEOPLE))
            _script(Demo(runtime, fake, requests, out))
            out(f"\n{RULE}\nDemo finished: {len(fake.calls)} Slack Web API calls, every view inside Block Kit limits.")
    return 0


def _script(demo: Demo) -> None:
    demo.scene("Ada installs Coachflow and is the first to use it: she becomes its admin")
    demo.command(ADA, "help", replies=2)

    demo.scene("Maya builds her team: three reps, names and time zones from Slack")
    demo.command(MAYA, f"team add {ALEX.mention} {BEA.mention} {KENJI.mention}")
    demo.command(MAYA, "team")

    demo.scene("Omar tries to add Alex, who is already Maya's rep")
    demo.command(OMAR, f"team add {ALEX.mention}")

    demo.scene("Mistakes get a message saying what to type instead")
    demo.command(MAYA, "team add @kenji")
    demo.command(MAYA, "tem")

    demo.scene("Everyone opens Coachflow's Home tab")
    for person in (MAYA, ALEX, ADA, OMAR):
        demo.open_home(person)


def transcript() -> str:
    """The demo's output as one string (tests read it)."""
    lines: list[Any] = []
    run_demo(out=lines.append)
    return "\n".join(lines)
