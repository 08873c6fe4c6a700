"""Opportunities imported from a CRM, and what the pipeline audit says about them.

Four canonical stages stand for every CRM's own: Salesforce and HubSpot name
their stages differently and companies rename them, so the import maps each
vendor stage onto one of these (see `domain.pipeline.columns`) and the audit
only ever compares like with like.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.model import WorkspaceRef

# Field limits shared with the storage columns: a value the database would
# refuse is reported on its row instead of failing the whole import.
MAX_EXTERNAL_ID = 128
MAX_NAME = 255
MAX_SOURCE = 255
# Numeric(14, 2): up to 999,999,999,999.99 in whatever currency the CRM uses.
MAX_AMOUNT = Decimal("999999999999.99")
CENT = Decimal("0.01")


class Stage(str, enum.Enum):
    """The canonical sales stages, in funnel order."""

    PROSPECTING = "prospecting"
    QUALIFYING = "qualifying"
    PRESENTING = "presenting"
    CLOSING = "closing"

    @property
    def position(self) -> int:
        """0 for prospecting up to 3 for closing (not `index`: str has one)."""
        return _STAGE_INDEX[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


STAGES: tuple[Stage, ...] = tuple(Stage)
_STAGE_INDEX: dict[Stage, int] = {stage: n for n, stage in enumerate(STAGES)}


class DealStatus(str, enum.Enum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LossCategory(str, enum.Enum):
    """Why deals are lost, coarse enough to coach on; free text is kept beside it."""

    PRICE = "price"
    TIMING = "timing/no decision"
    COMPETITOR = "competitor"
    NO_BUDGET = "no budget"
    PRODUCT_FIT = "product fit/features"
    OTHER = "other"


@dataclass(frozen=True)
class RowProblem:
    """Why one line of an import file was skipped (1-based, the header is line 1)."""

    line: int
    reason: str


@dataclass(frozen=True)
class OpportunityRecord:
    """One good row of an import file, before its owner is matched to a member.

    `owner` is what the file said: a Slack user id (U..., W...) or an email
    (lower-cased). `stage` is the furthest canonical stage the deal reached;
    None only for a lost deal whose file says neither stage nor stage dates.
    """

    line: int
    external_id: str
    name: str
    owner: str
    amount: Decimal | None
    stage: Stage | None
    status: DealStatus
    created_on: date | None
    closed_on: date | None
    loss_reason: str | None
    loss_category: LossCategory | None
    stage_entered: Mapping[Stage, date] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportParse:
    """What a file held: good rows, bad rows by line, and columns nobody reads."""

    rows: list[OpportunityRecord]
    problems: list[RowProblem]
    encoding: str = "utf-8"
    delimiter: str = ","
    # Stage-date columns whose stage is not in the mapping: their dates are lost.
    unknown_stage_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Opportunity:
    """A deal in one workspace, owned by a member (Slack user id).

    Identity is (workspace, external_id): the CRM's id, so importing the same
    export twice updates rather than duplicates. `source` is the file it last
    came from and is not part of what "changed" means.
    """

    workspace: WorkspaceRef
    external_id: str
    owner_id: str
    name: str = ""
    amount: Decimal | None = None
    stage: Stage | None = Stage.PROSPECTING
    status: DealStatus = DealStatus.OPEN
    created_on: date | None = None
    closed_on: date | None = None
    loss_reason: str | None = None
    loss_category: LossCategory | None = None
    stage_entered: Mapping[Stage, date] = field(default_factory=dict)
    source: str = ""

    @property
    def furthest_stage(self) -> Stage | None:
        """The furthest stage reached: a won deal went through closing; a
        deal moved back keeps credit for the stage it had reached."""
        if self.status is DealStatus.WON:
            return Stage.CLOSING
        reached = [s for s in self.stage_entered if s is not None]
        if self.stage is not None:
            reached.append(self.stage)
        return max(reached, key=lambda s: s.position) if reached else None

    def same_content(self, other: Opportunity) -> bool:
        """Equal in everything an import can change except `source`."""
        return (
            self.workspace.team_id == other.workspace.team_id
            and self.external_id == other.external_id
            and self.owner_id == other.owner_id
            and self.name == other.name
            and self.amount == other.amount
            and self.stage == other.stage
            and self.status == other.status
            and self.created_on == other.created_on
            and self.closed_on == other.closed_on
            and self.loss_reason == other.loss_reason
            and self.loss_category == other.loss_category
            and dict(self.stage_entered) == dict(other.stage_entered)
        )


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged


@dataclass(frozen=True)
class ImportReport:
    """What `PipelineService.import_file` did with one file."""

    source_name: str
    inserted: int
    updated: int
    unchanged: int
    problems: list[RowProblem]
    unknown_stage_columns: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def skipped(self) -> int:
        return len({p.line for p in self.problems})


# -- audit results --------------------------------------------------------------


@dataclass(frozen=True)
class StageStats:
    """One stage of one funnel (a rep's or a team's).

    `advanced`: deals that moved past this stage (for closing: won). `lost`:
    deals lost while in it. Deals still open in it have not decided yet, so
    conversion = advanced / (advanced + lost) leaves them out.
    """

    stage: Stage
    reached: int = 0
    advanced: int = 0
    lost: int = 0
    open: int = 0
    total_days: int = 0
    timed: int = 0  # deals whose time in this stage is known

    @property
    def conversion(self) -> float | None:
        decided = self.advanced + self.lost
        return self.advanced / decided if decided else None

    @property
    def average_days(self) -> float | None:
        return self.total_days / self.timed if self.timed else None


@dataclass(frozen=True)
class DealSizes:
    """Deal amounts (every deal with an amount, open or closed), in CRM currency."""

    count: int
    minimum: Decimal
    q1: Decimal
    median: Decimal
    q3: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class RepAudit:
    """The pipeline velocity audit of one rep, measured against their team.

    `team_stages` is the funnel of the rep's team (everyone coached by the
    same manager, the rep included) or, for a rep without one, of the whole
    workspace; `compared_with` says which. `weakest_stage` is where the rep's
    conversion falls furthest below the team's (None when it falls below
    nowhere, or there are too few decided deals to say).
    """

    rep_id: str
    deals: int
    open: int
    won: int
    lost: int
    stages: tuple[StageStats, ...]
    team_stages: tuple[StageStats, ...]
    deal_sizes: DealSizes | None
    loss_categories: dict[LossCategory, int]
    losses_without_reason: int
    weakest_stage: Stage | None
    weakest_shortfall: float | None
    compared_with: str = "workspace"
    rep_name: str = ""

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None

    def stage(self, stage: Stage) -> StageStats:
        return self.stages[stage.position]

    def team_stage(self, stage: Stage) -> StageStats:
        return self.team_stages[stage.position]
