"""`coachflow demo`: the real app against a local fake Slack, narrated.

Runs offline on a fresh SQLite database. Every request is signed like
Slack's and goes through the Bolt app; every Web API call goes over HTTP to
the fake Slack server; the transcript shows what each person saw.

The transcript is the same on every run: the demo's clock is its own, and
after each request it waits until the app's listeners have finished
everything they do after their ack (DMs, chart uploads, App Home refreshes)
before it shows anything, so a slow upload never lands in a later scene.
"""

from __future__ import annotations

import json
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Runtime, build_runtime
from bot.config import ConfigError, load_settings
from bot.database import upgrade_database
from bot.demo_coaching import script_week_one, script_week_two
from bot.demo_develop import script_weeks_three_to_six
from bot.demo_habits import script_habits
from bot.demo_install import script_installs
from bot.demo_monitor import script_monitor_weeks
from bot.demo_sessions import script_conversation
from bot.fake_slack import (
    FakeSlack,
    FakeSlackServer,
    SignedRequest,
    SlackRequests,
    button_value,
    counted_listeners,
    render_message,
    render_shared_file,
    render_view,
)
from bot.fake_slack.state import dm_channel_id

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
SAM = Person("U0SAM", "Sam Okoye", "America/Chicago", "account executive")
PRIYA = Person("U0PRIYA", "Priya Nair", "Asia/Kolkata", "sales manager")
RAVI = Person("U0RAVI", "Ravi Iyer", "Asia/Kolkata", "SDR")
PEOPLE = (ADA, MAYA, OMAR, ALEX, BEA, KENJI, SAM, PRIYA, RAVI)

# Teams are built on Sunday evening, then Monday's dispatch ticks run every 30
# minutes (UTC) to show local 08:00 in each zone; Alex's cycle then runs weeks 1-4.
SETUP_AT = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)


class DemoClock:
    """The demo's own time: set by the script, read by the services."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class Demo:
    def __init__(
        self, runtime: Runtime, fake: FakeSlack, requests: SlackRequests, clock: DemoClock, out: Callable[[str], None]
    ) -> None:
        self.runtime = runtime
        self.clock = clock
        self.app = runtime.app
        self.listeners = counted_listeners(self.app)
        self.fake = fake
        self.requests = requests
        self.out = out
        self.names = {p.user_id: p.name for p in PEOPLE}
        self.people = PEOPLE
        self.step = 0
        self.pictures_shown: set[str] = set()
        self.edits_shown: set[str] = set()

    def _show_dm(self, person: Person, dm: dict[str, Any], messages: list[dict[str, Any]]) -> None:
        label = f"DM from Coachflow to {person.first}"
        parent = next((m for m in messages if dm.get("thread_ts") and m["ts"] == dm["thread_ts"]), None)
        if parent is not None:
            label += f", in the thread of “{textwrap.shorten(parent.get('text', ''), 48, placeholder='…')}”"
        self._show(label, render_message(dm, self.names))

    def scene(self, title: str) -> None:
        self.step += 1
        self.out(f"\n{RULE}\n{self.step}. {title}\n{RULE}")

    def _dispatch(self, request: SignedRequest) -> dict[str, Any]:
        """Send `request`, wait until its listener's work after the ack is done; the ack's JSON body."""
        response = self.app.dispatch(request.bolt())
        if response.status != 200:
            raise RuntimeError(f"the app answered HTTP {response.status} to a signed request")
        self.listeners.wait_idle()
        return json.loads(response.body) if response.body else {}

    def command(self, person: Person, text: str, replies: int = 1, command: str = "/coach") -> SignedRequest:
        shown = text
        for p in PEOPLE:
            shown = shown.replace(p.mention, f"@{p.first}")
        self.out(f"\n{person.first} types:  {command} {shown}".rstrip())
        request = self.requests.slash_command(person.user_id, command, text)
        dms_before = {p.user_id: len(self.fake.messages_to(p.user_id)) for p in PEOPLE}
        self._dispatch(request)
        token = request.response_token or ""
        self._expect(len(self.fake.responses_for(token)) >= replies, f"{replies} replies to {command} {text}")
        for reply in self.fake.responses_for(token):
            self._show(f"Only visible to {person.first}", render_message(reply, self.names))
        self._new_dms(dms_before)
        return request

    def open_home(self, person: Person) -> None:
        before = len(self.fake.calls_to("views.publish"))
        self._dispatch(self.requests.app_home_opened(person.user_id))
        published = [c for c in self.fake.calls_to("views.publish")[before:] if c.params["user_id"] == person.user_id]
        self._expect(bool(published), f"{person.first}'s App Home published")
        home = self.fake.home_of(person.user_id) or {}
        self._show(f"{person.first}'s Home tab ({person.job})", render_view(home, self.names))

    def _new_dms(self, before: dict[str, int]) -> None:
        for p in PEOPLE:
            messages = self.fake.messages_to(p.user_id)
            for dm in messages[:before[p.user_id]]:
                edited = (dm.get("edited") or {}).get("ts")
                if edited and edited not in self.edits_shown:
                    self.edits_shown.add(edited)
                    self._show(f"{p.first}'s DM: Coachflow updates its message in place",
                               render_message(dm, self.names))
            for dm in messages[before[p.user_id]:]:
                self._show_dm(p, dm, messages)
            for shared in self.fake.files_shared_with(p.user_id):
                if shared.id not in self.pictures_shown:
                    self.pictures_shown.add(shared.id)
                    what, body = render_shared_file(shared)
                    self._show(f"{what} in {p.first}'s DM: {shared.filename} {body[0]}", body[1])

    def _dm_counts(self) -> dict[str, int]:
        return {p.user_id: len(self.fake.messages_to(p.user_id)) for p in PEOPLE}

    def _expect_dms(self, before: dict[str, int], count: int) -> None:
        # The listener has finished (`_dispatch`): its DMs are all there.
        sent = sum(self._dm_counts().values()) - sum(before.values())
        self._expect(sent >= count, f"{count} DMs (saw {sent})")

    def show_channel(self, channel: str, name: str, before: int) -> None:
        """The messages posted in `channel` since there were `before` of them."""
        posted = self.fake.messages_to(channel)[before:]
        self._expect(bool(posted), f"a message in {name}")
        for message in posted:
            self._show(f"Posted in {name}", render_message(message, self.names))

    def _expect(self, done: bool, what: str) -> None:
        if not done:
            raise RuntimeError(f"the demo expected {what} once the app had finished; it did not happen")

    def open_modal(self, person: Person, text: str, show: bool = True, command: str = "/coach") -> dict[str, Any]:
        """`/coach text` (or `command text`) that opens a modal; returns the modal as Slack holds it."""
        request = self.command(person, text, replies=0, command=command)
        modal = self.fake.view_opened_by(request.payload["trigger_id"])
        self._expect(modal is not None, f"a modal opened by {command} {text}")
        assert modal is not None
        if show:
            self._show(f"Modal open for {person.first}", render_view(modal, self.names))
        return modal

    def submit(self, person: Person, callback_id: str, modal: dict[str, Any], values: dict[str, Any],
               label: str | None = None, dms: int = 1) -> None:
        self.out(f"\n{label or f'{person.first} fills in the modal and saves'}")
        request = self.requests.view_submission(person.user_id, callback_id, values, blocks=modal.get("blocks"),
                                                private_metadata=modal.get("private_metadata", ""))
        before = self._dm_counts()
        body = self._dispatch(request)
        if body.get("response_action") == "errors":
            labels = {b.get("block_id"): b.get("label", {}).get("text") for b in modal.get("blocks", [])}
            errors = "\n".join(f"{labels.get(block) or block}: {text}" for block, text in body["errors"].items())
            self._show(f"Inline errors in {person.first}'s modal (everything typed stays)", errors)
            return
        self._expect_dms(before, dms)
        self._new_dms(before)

    def click(self, person: Person, action_id: str, value: str, label: str, dms: int = 1) -> None:
        """A button clicked in a DM: the message is updated and others are told."""
        self.out(f"\n{label}")
        request = self.requests.block_actions(person.user_id, action_id, value=value)
        before = self._dm_counts()
        self._dispatch(request)
        token = request.response_token or ""
        self._expect(bool(self.fake.responses_for(token)), "the clicked message updated")
        self._expect_dms(before, dms)
        for reply in self.fake.responses_for(token):
            self._show(f"The message {person.first} clicked in, updated", render_message(reply, self.names))
        self._new_dms(before)

    def press(self, person: Person, message: dict[str, Any], action_id: str, label: str, *, dms: int = 0,
              in_dm_of: Person | None = None, show_modal: bool = True, option: str | None = None
              ) -> dict[str, Any] | None:
        """`person` clicks a button of `message`, or picks `option` in its overflow `action_id` (in `in_dm_of`'s
        DM, by default their own; a message with no ts is an ephemeral reply); shows what changed. Returns the
        modal the click opened, if any."""
        self.out(f"\n{label}")
        value = button_value(message, action_id)
        self._expect(value is not None, f"a {action_id} button in the message")
        channel = dm_channel_id((in_dm_of or person).user_id)
        container = ({"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": False}
                     if message.get("ts") else None)
        request = self.requests.block_actions(person.user_id, action_id, value=None if option else value,
                                              container=container, channel_id=channel, selected_option=option,
                                              action_type="overflow" if option else None)
        before = self._dm_counts()
        self._dispatch(request)
        self._expect_dms(before, dms)
        for reply in self.fake.responses_for(request.response_token or ""):
            self._show(f"The message {person.first} clicked in, updated", render_message(reply, self.names))
        modal = self.fake.view_opened_by(request.payload["trigger_id"])
        if modal is not None and show_modal:
            self._show(f"Modal open for {person.first}", render_view(modal, self.names))
        self._new_dms(before)
        return modal

    def pick(self, person: Person, modal: dict[str, Any], action_id: str, option: str,
             state: dict[str, Any], label: str) -> dict[str, Any]:
        """`person` picks `option` in a select that rewrites the modal (views.update); the modal as updated."""
        self.out(f"\n{label}")
        typed = {**modal, "state": {"values": state}}
        self._dispatch(self.requests.block_actions(person.user_id, action_id, view=typed, selected_option=option))
        updated = self.fake.view(modal["id"])
        self._expect(updated is not None and updated != modal, "the modal rewritten")
        assert updated is not None
        self._show(f"Modal updated for {person.first}", render_view(updated, self.names))
        return updated

    def last_dm(self, person: Person, action_id: str) -> dict[str, Any]:
        """The newest message in `person`'s DM with an `action_id` button."""
        found = [m for m in self.fake.messages_to(person.user_id) if button_value(m, action_id) is not None]
        self._expect(bool(found), f"a message with {action_id} in {person.first}'s DM")
        return found[-1]

    def share_file(self, person: Person, name: str, content: bytes) -> None:
        """`person` drops a file into their DM with Coachflow (the file_shared event)."""
        self.out(f"\n{person.first} shares {name} ({len(content):,} bytes) in the DM with Coachflow")
        file_id = self.fake.share_file(person.user_id, name, content)
        before = self._dm_counts()
        self._dispatch(self.requests.file_shared(person.user_id, file_id))
        self._expect_dms(before, 1)
        self._new_dms(before)

    def monday_ticks(self) -> None:
        """Dispatch ticks through Monday, showing who got what at which local time."""
        self.ticks(MONDAY, MONDAY + timedelta(hours=16, minutes=30))

    def ticks(self, start: datetime, end: datetime, focus: tuple[Person, ...] = PEOPLE) -> None:
        """Dispatch ticks every 30 minutes from `start` to `end`, showing who got what at which local time
        (in full for the people in `focus`, in one line for everyone else)."""
        job = self.runtime.dispatch_job()
        now = start - timedelta(minutes=30)
        while now < end:
            now += timedelta(minutes=30)
            self.clock.now = now
            before = {p.user_id: len(self.fake.messages_to(p.user_id)) for p in PEOPLE}
            report = job.tick(now)
            assert report is not None  # SQLite: this process is the only dispatcher
            for person in PEOPLE:
                messages = self.fake.messages_to(person.user_id)
                for note in messages[before[person.user_id]:]:
                    local = now.astimezone(ZoneInfo(person.tz))
                    when = f"Tick {now:%a %H:%M} UTC = {local:%a %H:%M} for {person.first} ({person.tz})"
                    if person in focus:
                        self.out(f"\n{when}")
                        self._show_dm(person, note, messages)
                    else:
                        self.out(f"{when}: “{textwrap.shorten(note.get('text', ''), 40, placeholder='…')}”")

    def _show(self, label: str, body: str) -> None:
        self.out(f"\n  ┌─ {label}")
        for line in body.rstrip().splitlines():
            self.out(f"  │ {line}")
        self.out("  └─")


def run_demo(database: str | None = None, out: Callable[[str], None] = print) -> int:
    """Play the demo on a fresh database: a temporary one, or `database`, which must not hold anything yet.

    The script starts from an empty workspace (Ada becomes its first admin),
    so a file left by an earlier run is refused rather than played over.
    """
    if database and Path(database).exists() and Path(database).stat().st_size > 0:
        raise ConfigError(
            f"--database {database} already exists; the demo plays on a fresh database: "
            "delete the file or name a new one."
        )
    with tempfile.TemporaryDirectory(prefix="coachflow-demo-") as scratch:
        db_path = Path(database) if database else Path(scratch) / "coachflow-demo.db"
        where = f"SQLite at {db_path}" if database else "SQLite in a temporary file"
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
            clock = DemoClock(SETUP_AT)
            runtime = build_runtime(settings, clock=clock)
            requests = SlackRequests(SECRET, team_id="T0DEMO", response_url_base=server.response_url_base)
            # No port or temporary path here: they change from run to run, the transcript does not.
            out(f"Coachflow demo: the real app, a fake Slack over local HTTP, {where} (schema {revision}).")
            out("People: " + "; ".join(f"{p.name} ({p.job}, {p.tz})" for p in PEOPLE))
            _script(Demo(runtime, fake, requests, clock, out))
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

    demo.scene("Two more managers: Omar in Chicago and Priya in Kolkata; Kenji takes a week off")
    demo.command(OMAR, f"team add {SAM.mention}")
    demo.command(PRIYA, f"team add {RAVI.mention}")
    demo.command(KENJI, "pause 1w")
    demo.command(ADA, "admin quiet 20:00-07:00")
    demo.command(ADA, "admin settings")

    demo.scene("Monday: the week-ahead note reaches each manager at 08:00 in their own time zone")
    demo.monday_ticks()

    demo.scene("Maya starts Alex's 8-week coaching cycle; week 1 is diagnosis")
    demo.command(MAYA, f"start {ALEX.mention} 2026-11-30")
    demo.open_home(ALEX)
    demo.open_home(MAYA)
    script_week_one(demo, MAYA, ALEX, MONDAY)
    demo.scene("A week later Alex's cycle is in week 2: prioritization")
    demo.clock.now = MONDAY + timedelta(days=7, hours=15)
    demo.command(MAYA, f"cycle {ALEX.mention}")
    script_week_two(demo, MAYA, ALEX, MONDAY + timedelta(days=7))
    script_weeks_three_to_six(demo, MAYA, ALEX, MONDAY + timedelta(days=14))
    script_monitor_weeks(demo, {p.first.lower(): p for p in PEOPLE})
    script_conversation(demo, {p.first.lower(): p for p in PEOPLE})
    script_habits(demo, {p.first.lower(): p for p in PEOPLE})
    script_installs(demo)  # issue 14: an OAuth install of a second workspace (bot/demo_install.py)


def transcript() -> str:
    """The demo's output as one string (tests read it)."""
    lines: list[Any] = []
    run_demo(out=lines.append)
    return "\n".join(lines)
