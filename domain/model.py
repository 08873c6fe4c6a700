"""The coaching domain's core records: workspaces and the people in them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time


class Role(str, enum.Enum):
    """What a person does in Coachflow.

    Admin rights are a separate flag (`Member.is_admin`) because an
    enablement lead can also manage a team, and a manager can be an admin.
    """

    REP = "rep"
    MANAGER = "manager"


@dataclass(frozen=True)
class WorkspaceRef:
    """Which Slack workspace a request or a row belongs to.

    `enterprise_id` is set on Enterprise Grid; `team_id` alone identifies the
    workspace everywhere else. Every query is scoped by this.
    """

    team_id: str
    enterprise_id: str | None = None


MONDAY_TO_FRIDAY = frozenset({0, 1, 2, 3, 4})  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class QuietHours:
    """Local hours in which nothing scheduled is sent; may wrap midnight (20:00-07:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class WeeklyTime:
    """The weekday (`date.weekday()`) and local time an admin chose for a weekly slot.

    Every weekly kind declaring that `slot` ("scorecard") moves with it, so
    the rep's scorecard and the manager's digest stay at the same moment.
    """

    slot: str
    weekday: int
    at: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not a date.weekday() number (0-6)")


@dataclass(frozen=True)
class MonthlyTime:
    """The n-th (1-4) weekday (`date.weekday()`) of the month and local time an admin chose for a monthly
    slot ("checkin": the maintenance check-in, `/coach admin checkin second wed 09:00`)."""

    slot: str
    week_of_month: int
    weekday: int
    at: time

    def __post_init__(self) -> None:
        if not 1 <= self.week_of_month <= 4 or not 0 <= self.weekday <= 6:
            raise ValueError(f"the {self.week_of_month}-th weekday {self.weekday}: 1-4 and 0-6")


@dataclass(frozen=True)
class WorkspaceSettings:
    """Workspace-wide preferences an admin can change.

    `default_time_zone` is for people Slack gives no time zone; None means the
    app-wide default (COACHFLOW_DEFAULT_TIME_ZONE). `working_days` uses
    `date.weekday()` numbers, so a Sunday-Thursday week is {6, 0, 1, 2, 3}.
    `disabled_kinds` are notification kinds switched off for everyone here.
    `weekly_times` are the admin's choices for weekly slots, one per slot; a
    tuple (not a dict) so the settings stay hashable: the calendar caches by them.
    """

    default_time_zone: str | None = None
    working_days: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: frozenset[date] = frozenset()
    quiet_hours: QuietHours | None = None
    disabled_kinds: frozenset[str] = frozenset()
    weekly_times: tuple[WeeklyTime, ...] = ()
    # The admin's choices for monthly slots (`/coach admin checkin ...`), one per slot, in slot order.
    monthly_times: tuple[MonthlyTime, ...] = ()
    # Where peer learning posts a rep's shared approach (`/coach admin channel #sales-coaching`): a channel id.
    coaching_channel: str | None = None
    # The enablement team's pre-read questionnaire (`/coach admin preread add ...`), asked in every 1:1's pre-work.
    preread_questions: tuple[str, ...] = ()
    # The 21-day challenge counts calendar days rather than working days (`/coach admin challenge calendar`).
    challenge_calendar_days: bool = False

    def weekly_time(self, slot: str) -> WeeklyTime | None:
        """The admin's weekday and time for `slot`; None: each kind's own."""
        return next((chosen for chosen in self.weekly_times if chosen.slot == slot), None)

    def monthly_time(self, slot: str) -> MonthlyTime | None:
        """The admin's n-th weekday and time for `slot`; None: the kind's own."""
        return next((chosen for chosen in self.monthly_times if chosen.slot == slot), None)

    def with_monthly_time(self, slot: str, chosen: MonthlyTime | None) -> WorkspaceSettings:
        """These settings with monthly `slot` set to `chosen` (None: back to the kind's own)."""
        if chosen is not None and chosen.slot != slot:
            raise ValueError(f"a time for {chosen.slot!r} set as {slot!r}")
        kept = [other for other in self.monthly_times if other.slot != slot]
        return replace(self, monthly_times=tuple(sorted([*kept, *([chosen] if chosen else [])], key=lambda m: m.slot)))

    def with_weekly_time(self, slot: str, chosen: WeeklyTime | None) -> WorkspaceSettings:
        """These settings with `slot` set to `chosen` (None: back to each kind's own)."""
        if chosen is not None and chosen.slot != slot:
            raise ValueError(f"a time for {chosen.slot!r} set as {slot!r}")
        kept = [other for other in self.weekly_times if other.slot != slot]
        # In slot order, so equal choices make equal (and equally hashed) settings.
        return replace(self, weekly_times=tuple(sorted([*kept, *([chosen] if chosen else [])], key=lambda w: w.slot)))


@dataclass(frozen=True)
class Workspace:
    ref: WorkspaceRef
    name: str = ""
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    # When Slack said the app was uninstalled here (app_uninstalled, or the bot token revoked); None while
    # installed. Nothing is scheduled or sent meanwhile; its data goes after the retention period.
    uninstalled_at: datetime | None = None


@dataclass(frozen=True)
class SlackProfile:
    """What Slack's `users.info` tells us about a person."""

    user_id: str
    name: str
    real_name: str
    time_zone: str | None
    is_bot: bool = False
    deleted: bool = False
    # Needs the users:read.email scope; matches CRM exports' owner emails.
    email: str | None = None

    @property
    def display(self) -> str:
        return self.real_name or self.name or self.user_id


@dataclass(frozen=True)
class Member:
    """A person in a workspace who has come into contact with Coachflow.

    `manager_id` is the Slack user id of the manager who coaches this person;
    it is cleared (not the row) when they leave a team, so history stays.
    """

    workspace: WorkspaceRef
    user_id: str
    name: str
    time_zone: str
    role: Role = Role.REP
    is_admin: bool = False
    manager_id: str | None = None
    # Time off: nothing scheduled reaches them on local dates before this one...
    paused_until: date | None = None
    # ...from this one on (the local day the pause was set). None for a pause kept before the start was stored:
    # every day before `paused_until` then counts as away. A 21-day challenge needs the start, or days missed
    # before someone went away would count as time off.
    paused_from: date | None = None
    # Notification kinds this person switched off for themself.
    muted_kinds: frozenset[str] = frozenset()
    # From Slack's profile: how a CRM export's owner email finds the person.
    email: str | None = None
    # Slack says the account is deactivated (`deleted: true`, from the daily profile refresh):
    # nothing scheduled reaches them until it is active again.
    deactivated: bool = False

    def is_paused_on(self, local_date: date) -> bool:
        return (self.paused_until is not None and local_date < self.paused_until
                and (self.paused_from is None or local_date >= self.paused_from))

    def with_profile(self, profile: SlackProfile, fallback_time_zone: str) -> Member:
        return replace(
            self,
            name=profile.display,
            time_zone=profile.time_zone or self.time_zone or fallback_time_zone,
            # Slack hides emails without the scope: keep the one we knew.
            email=profile.email or self.email,
            deactivated=profile.deleted,
        )

    @property
    def is_coached(self) -> bool:
        return self.manager_id is not None


def new_member(
    workspace: WorkspaceRef, profile: SlackProfile, fallback_time_zone: str
) -> Member:
    return Member(
        workspace=workspace,
        user_id=profile.user_id,
        name=profile.display,
        time_zone=profile.time_zone or fallback_time_zone,
        email=profile.email,
    )
