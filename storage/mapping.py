"""Translation between ORM rows and domain objects, in both directions.

Kept apart from the repositories so the column <-> field correspondence is
in one place and the repositories only decide *which* rows to read or write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import (
    Member,
    MonthlyTime,
    QuietHours,
    Role,
    WeeklyTime,
    Workspace,
    WorkspaceRef,
    WorkspaceSettings,
)
from domain.pipeline.model import CENT, STAGES, DealStatus, LossCategory, Opportunity, Stage
from domain.ports import ScheduleEntry
from storage.orm import DeliveryRow, MemberRow, ScheduleRow, WorkspaceRow

# -- workspace settings <-> JSON ---------------------------------------------------
# JSON has no sets, dates or times: sets become sorted lists (stable, diffable
# rows), dates ISO strings, quiet hours {"start": "20:00", "end": "07:00"},
# weekly times [{"slot": "scorecard", "weekday": 3, "at": "16:00"}], monthly times
# [{"slot": "checkin", "week_of_month": 2, "weekday": 2, "at": "09:00"}].


def _time_to_json(moment: time) -> str:
    if moment.second == 0 and moment.microsecond == 0:
        return moment.strftime("%H:%M")
    return moment.isoformat()


def settings_to_json(settings: WorkspaceSettings) -> dict[str, Any]:
    quiet = settings.quiet_hours
    stored: dict[str, Any] = {
        "default_time_zone": settings.default_time_zone,
        "working_days": sorted(settings.working_days),
        "holidays": [day.isoformat() for day in sorted(settings.holidays)],
        "quiet_hours": (
            None
            if quiet is None
            else {"start": _time_to_json(quiet.start), "end": _time_to_json(quiet.end)}
        ),
        "disabled_kinds": sorted(settings.disabled_kinds),
        "coaching_channel": settings.coaching_channel,
    }
    # Only once an admin chose one: a workspace without stays byte-for-byte as before.
    if settings.weekly_times:
        stored["weekly_times"] = [
            {"slot": chosen.slot, "weekday": chosen.weekday, "at": _time_to_json(chosen.at)}
            for chosen in sorted(settings.weekly_times, key=lambda chosen: chosen.slot)
        ]
    if settings.monthly_times:  # likewise only once an admin chose one (`/coach admin checkin ...`)
        stored["monthly_times"] = [
            {"slot": chosen.slot, "week_of_month": chosen.week_of_month, "weekday": chosen.weekday,
             "at": _time_to_json(chosen.at)}
            for chosen in sorted(settings.monthly_times, key=lambda chosen: chosen.slot)
        ]
    if settings.preread_questions:  # likewise only once an admin set one
        stored["preread_questions"] = list(settings.preread_questions)
    if settings.challenge_calendar_days:  # likewise only once an admin chose calendar days (issue 13)
        stored["challenge_calendar_days"] = True
    return stored


def _weekly_times_from_json(entries: Any) -> tuple[WeeklyTime, ...]:
    """The entries this version can read, one per slot; anything else is left out rather than
    stopping the workspace's schedules (a newer release's shape, a hand-edited row)."""
    found: dict[str, WeeklyTime] = {}
    for entry in entries if isinstance(entries, list) else ():
        try:
            chosen = WeeklyTime(str(entry["slot"]), int(entry["weekday"]), time.fromisoformat(entry["at"]))
        except (KeyError, TypeError, ValueError):
            continue
        if chosen.slot and not isinstance(entry["weekday"], bool):
            found.setdefault(chosen.slot, chosen)
    return tuple(sorted(found.values(), key=lambda chosen: chosen.slot))


def _monthly_times_from_json(entries: Any) -> tuple[MonthlyTime, ...]:
    """Like `_weekly_times_from_json`: what this version cannot read is left out."""
    found: dict[str, MonthlyTime] = {}
    for entry in entries if isinstance(entries, list) else ():
        try:
            numbers = [entry["week_of_month"], entry["weekday"]]
            if any(isinstance(n, bool) or not isinstance(n, int) for n in numbers):
                continue
            chosen = MonthlyTime(str(entry["slot"]), numbers[0], numbers[1], time.fromisoformat(entry["at"]))
        except (KeyError, TypeError, ValueError):
            continue
        if chosen.slot:
            found.setdefault(chosen.slot, chosen)
    return tuple(sorted(found.values(), key=lambda chosen: chosen.slot))


def settings_from_json(data: dict[str, Any] | None) -> WorkspaceSettings:
    # Missing keys take the dataclass defaults (rows written before a setting
    # existed); keys this version does not know are ignored, because a newer
    # release may have written them and an older one must not crash on them.
    data = data or {}
    known: dict[str, Any] = {}
    if "default_time_zone" in data:
        known["default_time_zone"] = data["default_time_zone"]
    if "working_days" in data:
        known["working_days"] = frozenset(int(day) for day in data["working_days"])
    if "holidays" in data:
        known["holidays"] = frozenset(date.fromisoformat(day) for day in data["holidays"])
    if data.get("quiet_hours") is not None:
        quiet = data["quiet_hours"]
        known["quiet_hours"] = QuietHours(
            start=time.fromisoformat(quiet["start"]), end=time.fromisoformat(quiet["end"])
        )
    if "disabled_kinds" in data:
        known["disabled_kinds"] = frozenset(str(kind) for kind in data["disabled_kinds"])
    if "weekly_times" in data:
        known["weekly_times"] = _weekly_times_from_json(data["weekly_times"])
    if "monthly_times" in data:
        known["monthly_times"] = _monthly_times_from_json(data["monthly_times"])
    if data.get("coaching_channel"):
        known["coaching_channel"] = str(data["coaching_channel"])
    if isinstance(data.get("preread_questions"), list):
        known["preread_questions"] = tuple(str(q) for q in data["preread_questions"] if isinstance(q, str) and q)
    if data.get("challenge_calendar_days") is True:  # issue 13
        known["challenge_calendar_days"] = True
    return WorkspaceSettings(**known)


# -- workspaces and members ----------------------------------------------------------


def workspace_from_row(row: WorkspaceRow) -> Workspace:
    return Workspace(
        ref=WorkspaceRef(team_id=row.team_id, enterprise_id=row.enterprise_id),
        name=row.name,
        settings=settings_from_json(row.settings),
        uninstalled_at=row.uninstalled_at,
    )


def workspace_to_row(workspace: Workspace) -> WorkspaceRow:
    row = WorkspaceRow(team_id=workspace.ref.team_id)
    copy_workspace_onto_row(workspace, row)
    return row


def copy_workspace_onto_row(workspace: Workspace, row: WorkspaceRow) -> None:
    # team_id is the identity and is never rewritten; enterprise_id may be set
    # later (a workspace that joins an Enterprise Grid keeps its team_id).
    row.enterprise_id = workspace.ref.enterprise_id
    row.name = workspace.name
    row.settings = settings_to_json(workspace.settings)
    row.uninstalled_at = workspace.uninstalled_at


def member_from_row(row: MemberRow, enterprise_id: str | None) -> Member:
    """`enterprise_id` comes from the member's workspace row (members have none)."""
    return Member(
        workspace=WorkspaceRef(team_id=row.team_id, enterprise_id=enterprise_id),
        user_id=row.user_id,
        name=row.name,
        time_zone=row.time_zone,
        role=Role(row.role),
        is_admin=row.is_admin,
        manager_id=row.manager_id,
        paused_until=row.paused_until,
        paused_from=row.paused_from,
        muted_kinds=frozenset(row.muted_kinds or ()),
        email=row.email,
        deactivated=bool(row.deactivated),
    )


def member_to_row(member: Member) -> MemberRow:
    row = MemberRow(team_id=member.workspace.team_id, user_id=member.user_id)
    copy_member_onto_row(member, row)
    return row


def copy_member_onto_row(member: Member, row: MemberRow) -> None:
    row.name = member.name
    row.time_zone = member.time_zone
    row.role = Role(member.role).value
    row.is_admin = member.is_admin
    row.manager_id = member.manager_id
    row.paused_until = member.paused_until
    row.paused_from = member.paused_from
    # A new list object, so the ORM sees the change (JSON is not mutation-tracked).
    row.muted_kinds = sorted(member.muted_kinds)
    row.email = member.email
    row.deactivated = member.deactivated


# -- schedules -------------------------------------------------------------------------


def schedule_from_row(row: ScheduleRow, enterprise_id: str | None) -> ScheduleEntry:
    """`enterprise_id` comes from the workspace row, as for members."""
    return ScheduleEntry(
        workspace=WorkspaceRef(team_id=row.team_id, enterprise_id=enterprise_id),
        user_id=row.user_id,
        kind=row.kind,
        next_check_at=row.next_check_at,
        checked_until=row.checked_until,
    )


# -- deliveries ------------------------------------------------------------------------


def delivery_from_row(row: DeliveryRow) -> Delivery:
    return Delivery(
        key=DeliveryKey(
            team_id=row.team_id, recipient_id=row.recipient_id, kind=row.kind, period=row.period
        ),
        status=DeliveryStatus(row.status),
        due_at=row.due_at,
        stale_at=row.stale_at,
        enterprise_id=row.enterprise_id,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        claimed_at=row.claimed_at,
        channel=row.channel,
        ts=row.ts,
        error=row.error,
        reason=row.reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def delivery_values(delivery: Delivery) -> dict[str, Any]:
    """Every column a caller may set, for an INSERT or an UPDATE.

    The key's columns are included (an UPDATE filters on them and leaves them
    as they are); created_at and updated_at are the database's to keep.
    """
    key = delivery.key
    return {
        "team_id": key.team_id,
        "recipient_id": key.recipient_id,
        "kind": key.kind,
        "period": key.period,
        "enterprise_id": delivery.enterprise_id,
        "status": DeliveryStatus(delivery.status).value,
        "due_at": delivery.due_at,
        "stale_at": delivery.stale_at,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "claimed_at": delivery.claimed_at,
        "channel": delivery.channel,
        "ts": delivery.ts,
        "error": delivery.error,
        "reason": delivery.reason,
    }


# -- opportunities ---------------------------------------------------------------------
# Stage dates are four columns (entered_<stage>) on the row and a dict on the
# domain object; a stage the deal never entered is NULL.

STAGE_DATE_COLUMNS: dict[Stage, str] = {stage: f"entered_{stage.value}" for stage in STAGES}
# Everything an import writes, in the order of the table; the upsert updates
# these on conflict, and "unchanged" compares all of them except `source`.
# opportunity_from_values reads rows of exactly these, by position.
OPPORTUNITY_COLUMNS: tuple[str, ...] = (
    "team_id", "external_id", "owner_id", "name", "amount", "stage", "status", "created_on",
    "closed_on", "loss_reason", "loss_category", *STAGE_DATE_COLUMNS.values(), "source",
)


def opportunity_values(opportunity: Opportunity) -> dict[str, Any]:
    values: dict[str, Any] = {
        "team_id": opportunity.workspace.team_id,
        "external_id": opportunity.external_id,
        "owner_id": opportunity.owner_id,
        "name": opportunity.name,
        "amount": opportunity.amount,
        "stage": opportunity.stage.value if opportunity.stage is not None else None,
        "status": opportunity.status.value,
        "created_on": opportunity.created_on,
        "closed_on": opportunity.closed_on,
        "loss_reason": opportunity.loss_reason,
        "loss_category": (
            opportunity.loss_category.value if opportunity.loss_category is not None else None
        ),
        "source": opportunity.source,
    }
    for stage, column in STAGE_DATE_COLUMNS.items():
        values[column] = opportunity.stage_entered.get(stage)
    return values


# Plain dict lookups: an audit maps tens of thousands of rows, and calling
# the enums (Stage("closing")) costs several times as much.
_STAGES: dict[str | None, Stage | None] = {None: None, **{s.value: s for s in Stage}}
_STATUSES: dict[str, DealStatus] = {s.value: s for s in DealStatus}
_CATEGORIES: dict[str | None, LossCategory | None] = {None: None, **{c.value: c for c in LossCategory}}


def opportunity_from_values(values: Sequence[Any], workspace: WorkspaceRef) -> Opportunity:
    """From a row of OPPORTUNITY_COLUMNS, in that order (read by position:
    attribute access on tens of thousands of result rows adds up)."""
    (_, external_id, owner_id, name, amount, stage, status, created_on, closed_on, loss_reason,
     category, prospecting, qualifying, presenting, closing, source) = values[:16]
    entered = {
        stage_of: day
        for stage_of, day in zip(STAGES, (prospecting, qualifying, presenting, closing), strict=True)
        if day is not None
    }
    if amount is not None and (not isinstance(amount, Decimal) or amount.as_tuple().exponent != -2):
        # Numeric(14, 2) comes back with two places on both backends; this
        # only guards the comparison that decides "unchanged".
        amount = Decimal(amount).quantize(CENT)
    return Opportunity(
        workspace=workspace,
        external_id=external_id,
        owner_id=owner_id,
        name=name,
        amount=amount,
        stage=_STAGES[stage],
        status=_STATUSES[status],
        created_on=created_on,
        closed_on=closed_on,
        loss_reason=loss_reason,
        loss_category=_CATEGORIES[category],
        stage_entered=entered,
        source=source,
    )
