"""Time off, opt-outs and workspace calendars: the rules the scheduler obeys.

Every change here reschedules the people it affects at once, so a pause or a
new holiday is respected by the very next tick.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, QuietHours, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.hygiene import PAUSE_A_WEEK
from domain.notifications.registry import KINDS
from domain.ports import UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.scheduling.monthly_slots import CHECKIN_SLOT
from domain.scheduling.slots import SCORECARD_SLOT
from domain.services.checkin_time import CheckinTime, checkin_time, parse_checkin_time
from domain.services.scheduling import ScheduleService
from domain.services.scorecard_time import ScorecardTime, parse_scorecard_time, scorecard_time

WORK_WEEKS = {
    "mon-fri": frozenset({0, 1, 2, 3, 4}),
    "sun-thu": frozenset({6, 0, 1, 2, 3}),
    "mon-sat": frozenset({0, 1, 2, 3, 4, 5}),
    "sat-wed": frozenset({5, 6, 0, 1, 2}),
}
# ASCII digits only (re.ASCII): `\d` also matches other scripts' digits.
_DURATION = re.compile(r"^(\d{1,3})\s*([dw])$", re.ASCII)
_MAX_PAUSE = timedelta(days=366)


def parse_pause_end(text: str, today: date) -> date:
    """`2026-12-01`, `until 2026-12-01`, `3d` or `2w` -> the first day back."""
    words = text.strip().lower().removeprefix("until").strip()
    match = _DURATION.match(words)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        end = today + (timedelta(weeks=amount) if unit == "w" else timedelta(days=amount))
    else:
        try:
            end = date.fromisoformat(words)
        except ValueError:
            raise InvalidInput(
                "Say how long: `/coach pause until 2026-12-01`, `/coach pause 3d` or `/coach pause 2w`."
            ) from None
    if end <= today:
        raise InvalidInput(f"{end.isoformat()} is not in the future; pick the first day you are back.")
    if end - today > _MAX_PAUSE:
        raise InvalidInput("A pause can last a year at most.")
    return end


def parse_quiet_hours(text: str) -> QuietHours | None:
    if text.strip().lower() in {"off", "none"}:
        return None
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text, re.ASCII)
    if not match:
        raise InvalidInput("Quiet hours look like `20:00-07:00` (local time), or `off`.")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise InvalidInput("Hours are 00-23 and minutes 00-59, e.g. `20:00-07:00`.") from None
    if start == end:
        raise InvalidInput("Quiet hours need a start and an end that differ.")
    return QuietHours(start, end)


def require_kind(name: str) -> str:
    if name not in KINDS:
        known = ", ".join(f"`{k}`" for k in KINDS)
        raise InvalidInput(f"`{name}` is not a notification I send. Known: {known}.")
    return name


def require_recipient(clicker_id: str, recipient_id: str) -> None:
    """A scheduled message's buttons act for the person it was sent to, and nobody else."""
    if clicker_id != recipient_id:
        raise NotAllowed("These buttons belong to the person this message was sent to; nothing changed.")


@dataclass(frozen=True)
class PausedAWeek:
    member: Member  # paused until `member.paused_until`
    before: date | None  # the pause it replaced (still ahead), for Undo


class PreferenceService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, schedules: ScheduleService, clock: Callable[[], datetime]
    ) -> None:
        self._uow_factory = uow_factory
        self._schedules = schedules
        self._clock = clock

    # -- a person's own ---------------------------------------------------

    def pause(self, ws: WorkspaceRef, user_id: str, text: str) -> Member:
        now = self._clock()
        member = self._member(ws, user_id)
        today = now.astimezone(zone(member.time_zone)).date()
        until = parse_pause_end(text, today)
        return self._update_member(replace(member, paused_until=until, paused_from=_start(member, today)), now)

    def resume(self, ws: WorkspaceRef, user_id: str) -> Member:
        """Back today. Time off already taken stays taken (it ends today rather than vanishing): the 21-day
        challenge still reads those days as away, not missed."""
        now = self._clock()
        member = self._member(ws, user_id)
        today = now.astimezone(zone(member.time_zone)).date()
        taken = member.paused_from is not None and member.paused_from < today and member.is_paused_on(today)
        back = (replace(member, paused_until=today) if taken
                else replace(member, paused_until=None, paused_from=None))
        return self._update_member(back, now)

    def set_muted(self, ws: WorkspaceRef, user_id: str, kind: str, muted: bool, receipt: Receipt | None = None
                  ) -> Member:
        member = self._member(ws, user_id)
        must_send = KINDS[require_kind(kind)].must_send
        if muted and must_send is not None:
            raise InvalidInput(f"`{kind}` cannot be switched off: {must_send}. `/coach pause 1w` holds it while away.")
        kinds = member.muted_kinds | {kind} if muted else member.muted_kinds - {kind}
        return self._update_member(replace(member, muted_kinds=frozenset(kinds)), self._clock(), receipt)

    # -- a scheduled message's own buttons (nudge hygiene) -----------------------

    def pause_a_week(self, ws: WorkspaceRef, clicker_id: str, recipient_id: str, receipt: Receipt | None = None
                     ) -> PausedAWeek:
        """"Pause a week" under a scheduled message: `/coach pause 1w`, or a longer pause kept as it is."""
        require_recipient(clicker_id, recipient_id)
        now = self._clock()
        member = self._member(ws, recipient_id)
        today = now.astimezone(zone(member.time_zone)).date()
        week = parse_pause_end(PAUSE_A_WEEK, today)
        before = member.paused_until if member.paused_until is not None and member.paused_until > today else None
        until = max(week, before) if before is not None else week
        paused = replace(member, paused_until=until, paused_from=_start(member, today))
        return PausedAWeek(self._update_member(paused, now, receipt), before)

    def undo_pause(self, ws: WorkspaceRef, clicker_id: str, recipient_id: str, before: date | None,
                   receipt: Receipt | None = None) -> Member:
        """Undo of "Pause a week": back to the pause there was before it (none: `/coach resume`)."""
        require_recipient(clicker_id, recipient_id)
        now = self._clock()
        member = self._member(ws, recipient_id)
        today = now.astimezone(zone(member.time_zone)).date()
        kept = before if before is not None and before > today else None
        return self._update_member(replace(member, paused_until=kept, paused_from=member.paused_from if kept else None),
                                   now, receipt)

    def stop_kind(self, ws: WorkspaceRef, clicker_id: str, recipient_id: str, kind: str, muted: bool,
                  receipt: Receipt | None = None) -> Member:
        """"Stop these" (and its Undo) under a scheduled message: `/coach notify off|on <kind>`."""
        require_recipient(clicker_id, recipient_id)
        return self.set_muted(ws, recipient_id, kind, muted, receipt)

    # -- the workspace's (admins) -------------------------------------------

    def set_work_week(self, ws: WorkspaceRef, admin_id: str, name: str) -> Workspace:
        days = WORK_WEEKS.get(name.lower())
        if days is None:
            raise InvalidInput("Working weeks I know: " + ", ".join(f"`{k}`" for k in WORK_WEEKS) + ".")
        return self._update_settings(ws, admin_id, lambda s: replace(s, working_days=days))

    def set_holiday(self, ws: WorkspaceRef, admin_id: str, day_text: str, present: bool) -> Workspace:
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            raise InvalidInput("Give the holiday as a date: `2026-12-25`.") from None
        return self._update_settings(
            ws, admin_id,
            lambda s: replace(s, holidays=s.holidays | {day} if present else s.holidays - {day}),
        )

    def set_quiet_hours(self, ws: WorkspaceRef, admin_id: str, text: str) -> Workspace:
        quiet = parse_quiet_hours(text)
        return self._update_settings(ws, admin_id, lambda s: replace(s, quiet_hours=quiet))

    def set_kind_enabled(self, ws: WorkspaceRef, admin_id: str, kind: str, enabled: bool) -> Workspace:
        require_kind(kind)
        return self._update_settings(
            ws, admin_id,
            lambda s: replace(s, disabled_kinds=s.disabled_kinds - {kind} if enabled else s.disabled_kinds | {kind}),
        )

    def set_scorecard_time(self, ws: WorkspaceRef, admin_id: str, text: str) -> ScorecardTime:
        """`thu 16:00` or `default`: when every scorecard-slot kind comes, each person's local time."""
        chosen = parse_scorecard_time(text)
        workspace = self._update_settings(ws, admin_id, lambda s: s.with_weekly_time(SCORECARD_SLOT, chosen))
        return scorecard_time(workspace.settings)

    def scorecard_time(self, ws: WorkspaceRef) -> ScorecardTime:
        return scorecard_time(self.settings(ws))

    def set_checkin_time(self, ws: WorkspaceRef, admin_id: str, text: str) -> CheckinTime:
        """`second wed 09:00` or `default`: when maintenance check-ins come, each person's local time. The
        ledger keys the month, so a month whose check-in went out is not asked again."""
        chosen = parse_checkin_time(text)
        workspace = self._update_settings(ws, admin_id, lambda s: s.with_monthly_time(CHECKIN_SLOT, chosen))
        return checkin_time(workspace.settings)

    def checkin_time(self, ws: WorkspaceRef) -> CheckinTime:
        return checkin_time(self.settings(ws))

    def settings(self, ws: WorkspaceRef) -> WorkspaceSettings:
        with self._uow_factory(read_only=True) as uow:
            workspace = uow.workspaces.get(ws)
            return workspace.settings if workspace else WorkspaceSettings()

    # -- helpers ------------------------------------------------------------

    def _member(self, ws: WorkspaceRef, user_id: str) -> Member:
        with self._uow_factory(read_only=True) as uow:
            member = uow.members.get(ws, user_id)
        if member is None:
            raise NotFound("Coachflow does not know you yet here. Run `/coach team` to get started.")
        return member

    def _update_member(self, member: Member, now: datetime, receipt: Receipt | None = None) -> Member:
        with self._uow_factory() as uow:
            record(uow, member.workspace, receipt)
            uow.members.update(member)
            uow.commit()
        self._schedules.refresh_people(member.workspace, [member.user_id], now)
        return member

    def _update_settings(
        self, ws: WorkspaceRef, admin_id: str, change: Callable[[WorkspaceSettings], WorkspaceSettings]
    ) -> Workspace:
        with self._uow_factory() as uow:
            admin = uow.members.get(ws, admin_id)
            if admin is None or not admin.is_admin:
                raise NotAllowed("Only a Coachflow admin can change the workspace's calendar and notifications.")
            workspace = uow.workspaces.get(ws) or Workspace(ref=ws)
            updated = replace(workspace, settings=change(workspace.settings))
            uow.workspaces.update(updated)
            uow.commit()
        self._schedules.refresh_workspace(ws, self._clock())
        return updated


def _start(member: Member, today: date) -> date:
    """When a pause set today begins: today, or the start of the time off already running (extended)."""
    running = member.paused_until is not None and member.paused_until > today
    return member.paused_from if running and member.paused_from is not None else today
