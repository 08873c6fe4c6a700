"""The coaching contract: the manager writes it, both sign it, and any change needs both signatures again.

Saving the contract also sets the cycle's focus skills to the contract's, so
the two never disagree. A signature names the version it was given for: a
button from an older version cannot sign a newer one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.catalog import Catalog
from domain.coaching.contract import CoachingContract, ContractStatus, SuccessMetric, validate_contract
from domain.coaching.cycle import CoachingCycle
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.services.cycles import managed_cycle


class Outcome(str, enum.Enum):
    CREATED = "created"
    REVISED = "revised"
    UNCHANGED = "unchanged"
    SIGNED = "signed"  # one signature added
    ALREADY_SIGNED = "already signed"


@dataclass(frozen=True)
class ContractDraft:
    """What the contract modal starts from: the current contract, or the cycle's focus skills."""

    rep: Member
    cycle: CoachingCycle
    contract: CoachingContract | None
    focus: list[str]


@dataclass(frozen=True)
class ContractChange:
    contract: CoachingContract
    outcome: Outcome
    changes: list[str] = field(default_factory=list)
    signer_id: str | None = None

    @property
    def fully_signed(self) -> bool:
        return self.contract.status is ContractStatus.SIGNED


@dataclass(frozen=True)
class OpenedFor:
    """What a contract modal was opened on: its cycle and the contract version (0: none yet)."""

    cycle_id: int
    version: int


def opened_for(draft: ContractDraft) -> OpenedFor:
    return OpenedFor(draft.cycle.id or 0, draft.contract.version if draft.contract else 0)


def _refuse_if_stale(now: OpenedFor, opened: OpenedFor | None) -> None:
    if opened is None:
        return
    if now.cycle_id != opened.cycle_id:
        raise InvalidInput("This form belongs to a cycle that has ended since you opened it. "
                           "Close it and open the contract again.")
    if now.version != opened.version:
        raise InvalidInput(f"The contract changed while this form was open (now version {now.version}). "
                           "Close it and open it again, so no change is lost.")


@dataclass(frozen=True)
class MetricInput:
    """One skill row of the modal as typed (any part may be blank)."""

    competency: str | None
    indicator: str | None
    target: str


class ContractService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def draft(self, ws: WorkspaceRef, manager_id: str, rep_id: str, receipt: Receipt | None = None) -> ContractDraft:
        with self._uow_factory() as uow:
            within_deadline(uow, receipt)
            rep, cycle = managed_cycle(uow, ws, manager_id, rep_id, "write their coaching contract")
            cycle_id = cycle.id or 0
            return ContractDraft(rep, cycle, uow.contracts.for_cycle(cycle_id), uow.priorities.focus(cycle_id))

    def current(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> CoachingContract:
        with self._uow_factory() as uow:
            rep = uow.members.get(ws, rep_id)
            if rep is None or viewer_id not in (rep_id, rep.manager_id):
                raise NotAllowed(f"You can see your own coaching contract and your reps', not <@{rep_id}>'s.")
            cycle = uow.cycles.active_for(ws, rep_id)
            contract = uow.contracts.for_cycle(cycle.id) if cycle and cycle.id else None
        if contract is None and viewer_id == rep_id:
            raise NotFound("You have no coaching contract yet; your manager writes it with you in week 2.")
        if contract is None:
            raise NotFound(f"<@{rep_id}> has no coaching contract yet; write it in week 2 "
                           f"with `/coach contract <@{rep_id}>`.")
        return contract

    def save(
        self, ws: WorkspaceRef, manager_id: str, rep_id: str, rows: Sequence[MetricInput], weekly_hours: object,
        rep_commitments: str, manager_commitments: str, opened: OpenedFor | None = None,
        receipt: Receipt | None = None,
    ) -> ContractChange:
        """`opened`: what the modal showed; a cycle or contract that changed since is refused, not overwritten.

        `receipt`: the form's submission; a replay of it raises `Replayed` and stores nothing.
        """
        self.draft(ws, manager_id, rep_id, receipt)  # who may write it comes before what is wrong with it
        filled = [r for r in rows if r.competency or r.indicator or r.target.strip()]
        metrics = [SuccessMetric(r.competency or "", r.indicator or "", r.target.strip()) for r in filled]
        indicators = {c.id: {i.id for i in c.leading_indicators} for c in self._catalog.competencies}
        levels = {c.id: c.level.value for c in self._catalog.competencies}
        problems = validate_contract(metrics, weekly_hours, rep_commitments, manager_commitments, indicators, levels)
        if problems:
            raise FieldProblems(problems)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            _, cycle = managed_cycle(uow, ws, manager_id, rep_id, "write their coaching contract")
            proposed = CoachingContract(
                ws, rep_id, manager_id, metrics, float(weekly_hours),  # type: ignore[arg-type]
                rep_commitments.strip(), manager_commitments.strip(), cycle_id=cycle.id,
            )
            existing = uow.contracts.for_cycle(cycle.id or 0, for_update=True)
            # Checked after the receipt, under the row lock: a replay of the form that
            # wrote this version is a replay, not a stale form.
            _refuse_if_stale(OpenedFor(cycle.id or 0, existing.version if existing else 0), opened)
            if existing is None:
                change = ContractChange(uow.contracts.save(proposed), Outcome.CREATED)
            elif existing.same_terms(proposed):
                uow.commit()  # the receipt: a replay must not say "unchanged" twice
                return ContractChange(existing, Outcome.UNCHANGED)
            else:
                changes = proposed.changes_from(existing)
                revised = existing.revised(proposed, ", ".join(changes))
                change = ContractChange(uow.contracts.save(revised), Outcome.REVISED, changes)
            uow.priorities.set_focus(ws, cycle.id or 0, change.contract.skills)
            uow.commit()
        return change

    def sign(self, ws: WorkspaceRef, signer_id: str, rep_id: str, version: int,
             receipt: Receipt | None = None) -> ContractChange:
        """`receipt`: the click; a replay of it raises `Replayed`. Two clicks of one version sign once."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = uow.members.get(ws, rep_id)
            cycle = uow.cycles.active_for(ws, rep_id)
            contract = uow.contracts.for_cycle(cycle.id, for_update=True) if cycle and cycle.id else None
            # The contract's manager is the rep's manager (a move hands it over), checked
            # again here so a stale button of a former manager signs nothing.
            signers = {rep_id, rep.manager_id} if rep and rep.manager_id else {rep_id}
            if contract is None or signer_id not in signers or signer_id not in (contract.rep_id, contract.manager_id):
                raise NotAllowed("Only the rep and their manager sign a coaching contract, while its cycle runs.")
            if contract.version != version:
                raise InvalidInput(
                    f"This is version {version}; the contract has changed since (now version {contract.version}). "
                    "Read the new version in your DM or with `/coach contract` and sign that one."
                )
            signed = contract.signed_by(signer_id, self._clock())
            if signed == contract:
                uow.commit()  # the receipt
                return ContractChange(contract, Outcome.ALREADY_SIGNED, signer_id=signer_id)
            stored = uow.contracts.save(signed)
            uow.commit()
        return ContractChange(stored, Outcome.SIGNED, signer_id=signer_id)
