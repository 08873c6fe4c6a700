"""Role-plays on the rep's real pipeline: which open deals are stalled, and the cards they become.

The rules, in one place (Slack, App Home and the tests agree on them):
- A deal is *stalled* when it is open and its days in its current stage, from
  the day it entered that stage to the rep's today (in the rep's own time
  zone), exceed the rep's own average days for that stage.
- The rep's own average is the audit's (`domain.pipeline.audit`: deals that
  left the stage with both dates known). It counts once at least
  `MIN_HISTORY` of their deals have left that stage; with fewer, the card
  uses their team's average (the rep's team, or the whole workspace for a
  rep without one, as the audit compares) and says so. With neither, or no
  date for when the deal entered its stage, the deal is not judged.
- Cards are ordered by value (amount, largest first; deals without an amount
  after those with one), then by how far past the average, then by account.
- With an active cycle and focus skills, each card suggests what to practise:
  the focus skill that fits the deal's stage best (`STAGE_SKILLS`), else the
  first one chosen, in the catalog's words (`Competency.roleplay_focus`).
- A card practised within `PRACTISED_WINDOW` shows when, instead of a button.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.catalog import Catalog
from domain.errors import NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, RepAudit, Stage
from domain.scheduling.calendar import zone

# Fewer deals than this through a stage say more about luck than about the rep's pace.
MIN_HISTORY = 3
PRACTISED_WINDOW = timedelta(days=7)

# Which focus skill a deal in each stage calls for first (catalog ids of the shipped catalog;
# a workspace's own catalog without them falls back to the first focus skill).
STAGE_SKILLS: dict[Stage, tuple[str, ...]] = {
    Stage.PROSPECTING: ("discovery", "pipeline_management"),
    Stage.QUALIFYING: ("discovery", "objection_handling"),
    Stage.PRESENTING: ("value_articulation", "objection_handling"),
    Stage.CLOSING: ("closing", "objection_handling"),
}


class Baseline(str, enum.Enum):
    """Whose average a deal is measured against."""

    REP = "rep"  # the rep's own
    TEAM = "team"  # too little history of their own: their team's
    WORKSPACE = "workspace"  # too little history, and no team to compare with: everyone's


@dataclass(frozen=True)
class SuggestedFocus:
    competency_id: str
    skill: str  # the competency's name
    prompt: str  # "practise uncovering the cost of inaction"


@dataclass(frozen=True)
class RoleplayCard:
    """One stalled open deal of a rep, to role-play the next conversation of."""

    rep_id: str
    external_id: str
    account: str  # the deal's name in the CRM (its id when it has none)
    stage: Stage
    amount: Decimal | None
    days_in_stage: int
    average_days: float
    baseline: Baseline
    focus: SuggestedFocus | None = None
    practised_at: datetime | None = None  # the latest practice within PRACTISED_WINDOW

    @property
    def overdue(self) -> float:
        return self.days_in_stage - self.average_days

    @property
    def average_shown(self) -> str:
        """The average in whole days, unless rounding would make it look as long as the stall itself."""
        whole = int(self.average_days + 0.5)  # half up; days are never negative
        return str(whole) if whole < self.days_in_stage else f"{self.average_days:.1f}"

    def stall(self, to_the_rep: bool = True) -> str:
        """`in Presenting for 34 days (your average: 12)`, or the team's (`baseline_note` says why)."""
        days = f"{self.days_in_stage} day{'' if self.days_in_stage == 1 else 's'}"
        whose = {Baseline.REP: "your" if to_the_rep else "their", Baseline.TEAM: "team",
                 Baseline.WORKSPACE: "workspace"}[self.baseline]
        return f"in {self.stage.label} for {days} ({whose} average: {self.average_shown})"

    def baseline_note(self, to_the_rep: bool = True) -> str | None:
        """Why the card compares with the team's average rather than the rep's own; None when it does not."""
        if self.baseline is Baseline.REP:
            return None
        who = "you have" if to_the_rep else "they have"
        group = "the team's" if self.baseline is Baseline.TEAM else "the whole workspace's"
        return (f"Compared with {group} average: {who} fewer than {MIN_HISTORY} deals through "
                f"{self.stage.label} yet.")


@dataclass(frozen=True)
class RepRoleplays:
    """A rep's role-play cards, with what is needed to be honest about an empty list."""

    rep_id: str
    deals: int  # every deal of the rep in Coachflow
    open_deals: int
    cards: tuple[RoleplayCard, ...]
    not_judged: int = 0  # open deals with no stage date, or no average to compare with

    @property
    def nothing_imported(self) -> bool:
        return self.deals == 0


@dataclass(frozen=True)
class RoleplayPractice:
    """A role-play on one deal, practised and recorded (with the account's name at the time)."""

    workspace: WorkspaceRef
    rep_id: str
    external_id: str
    account: str
    practised_by: str
    note: str
    practised_at: datetime
    id: int | None = None


def account_of(deal: Opportunity) -> str:
    return deal.name.strip() or deal.external_id


def days_in_current_stage(deal: Opportunity, today: date) -> int | None:
    """Whole days an open deal has been in its current stage by `today`; None when the dates do not say."""
    if deal.status is not DealStatus.OPEN or deal.stage is None:
        return None
    entered = deal.stage_entered.get(deal.stage)
    if entered is None or entered > today:
        return None
    return (today - entered).days


def baseline_for(audit: RepAudit, stage: Stage) -> tuple[float, Baseline] | None:
    """The average days a deal in `stage` is measured against, and whose it is."""
    mine = audit.stage(stage)
    if mine.timed >= MIN_HISTORY and mine.average_days is not None:
        return mine.average_days, Baseline.REP
    theirs = audit.team_stage(stage)
    if theirs.timed >= MIN_HISTORY and theirs.average_days is not None:
        return theirs.average_days, Baseline.TEAM if audit.compared_with == "team" else Baseline.WORKSPACE
    return None


def suggested_focus(focus: Sequence[str], catalog: Catalog | None, stage: Stage) -> SuggestedFocus | None:
    """What to practise on a deal in `stage`, from the rep's focus skills (None without any)."""
    if catalog is None:
        return None
    known = []
    for competency_id in focus:
        try:
            known.append(catalog.competency(competency_id))
        except NotFound:  # a skill a replaced catalog no longer has
            continue
    if not known:
        return None
    preferred = STAGE_SKILLS.get(stage, ())
    chosen = next((c for wanted in preferred for c in known if c.id == wanted), known[0])
    prompt = chosen.roleplay_focus or f"practise {chosen.name.lower()} on this deal"
    return SuggestedFocus(chosen.id, chosen.name, prompt)


def recently_practised(practices: Iterable[RoleplayPractice], now: datetime) -> dict[str, datetime]:
    """The latest practice of each deal within PRACTISED_WINDOW before `now`, by external id."""
    since = now - PRACTISED_WINDOW
    latest: dict[str, datetime] = {}
    for practice in practices:
        if since < practice.practised_at <= now and practice.practised_at > latest.get(
                practice.external_id, since):
            latest[practice.external_id] = practice.practised_at
    return latest


def roleplays_of(
    audit: RepAudit,
    deals: Iterable[Opportunity],
    now: datetime,
    time_zone: str,
    *,
    focus: Sequence[str] = (),
    catalog: Catalog | None = None,
    practised: Mapping[str, datetime] | None = None,
) -> RepRoleplays:
    """The rep's stalled open deals as cards, in order (see the module's rules).

    `deals` may hold other owners' deals (a team's): only the audit's rep's count.
    `now` is an aware instant; the rep's today is its date in `time_zone`.
    """
    today = now.astimezone(zone(time_zone)).date()
    practised = practised or {}
    mine = [d for d in deals if d.owner_id == audit.rep_id]
    cards: list[RoleplayCard] = []
    open_deals = not_judged = 0
    for deal in mine:
        if deal.status is not DealStatus.OPEN:
            continue
        open_deals += 1
        days = days_in_current_stage(deal, today)
        measure = baseline_for(audit, deal.stage) if deal.stage is not None and days is not None else None
        if days is None or measure is None or deal.stage is None:
            not_judged += 1
            continue
        average, whose = measure
        if days <= average:
            continue
        cards.append(RoleplayCard(
            rep_id=audit.rep_id, external_id=deal.external_id, account=account_of(deal), stage=deal.stage,
            amount=deal.amount, days_in_stage=days, average_days=average, baseline=whose,
            focus=suggested_focus(focus, catalog, deal.stage), practised_at=practised.get(deal.external_id),
        ))
    cards.sort(key=_order)
    return RepRoleplays(audit.rep_id, len(mine), open_deals, tuple(cards), not_judged)


def _order(card: RoleplayCard) -> tuple[bool, Decimal, float, str, str]:
    return (card.amount is None, -(card.amount or Decimal(0)), -card.overdue, card.account.lower(),
            card.external_id)


def roleplay_access(viewer: Member | None, rep: Member | None, rep_id: str) -> Member:
    """The rep whose deals `viewer` may see and mark practised; NotAllowed otherwise.

    The rep themself, their own manager, or a workspace admin (who reads any
    rep's pipeline, as `/coach pipeline` allows). The same answer whether or
    not someone else's rep exists, so nobody can probe other teams.
    """
    if viewer is None:
        raise NotAllowed("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
    if rep_id == viewer.user_id:
        return viewer
    if rep is not None and (rep.manager_id == viewer.user_id or viewer.is_admin):
        return rep
    raise NotAllowed(f"<@{rep_id}> is not on your team, so you cannot see or practise their deals.")
