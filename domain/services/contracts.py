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

from domain.audit import AuditAction, RecordKind, audit
from domain.catalog import Catalog
from domain.coaching.contract import (
    CoachingContract,
    ContractStatus,
    SuccessMetric,
    validate_contract,
)
from domain.coaching.cycle import CoachingCycle
from domain.effects import Done, Effects, Notice, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.services.cycles import managed_cycle
from domain.services.use_case import finish


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
class ContractSaved(Notice):
    """To the manager who saved: what changed, and the contract with their Sign button."""

    change: ContractChange


@dataclass(frozen=True)
class ContractToSign(Notice):
    """To the rep: a new or revised contract, with their Sign button."""

    change: ContractChange


@dataclass(frozen=True)
class ContractShown(Notice):
    """To one of its parties: the contract as it stands (their own Sign button while they have not signed)."""

    contract: CoachingContract


@dataclass(frozen=True)
class ContractSigned(Notice):
    """To the party who has not just signed: the other signed (and whether both have now)."""

    change: ContractChange


@dataclass(frozen=True)
class BothSigned(Notice):
    """To the signer whose signature completed the contract."""

    change: ContractChange


def saved_effects(change: ContractChange) -> Effects:
    """The manager gets the contract back; unless nothing changed, the rep gets it to sign and both Homes change."""
    contract = change.contract
    effects = tell(contract.manager_id, ContractSaved(change))
    if change.outcome is Outcome.UNCHANGED:
        return effects
    return effects + tell(contract.rep_id, ContractToSign(change)) + refresh(contract.manager_id, contract.rep_id)


def signed_effects(change: ContractChange) -> Effects:
    """After one signature the other party is told; when both have signed, the signer too; both Homes change."""
    if change.outcome is not Outcome.SIGNED:
        return Effects()
    contract = change.contract
    other = contract.manager_id if change.signer_id == contract.rep_id else contract.rep_id
    effects = tell(other, ContractSigned(change))
    if change.fully_signed and change.signer_id:
        effects += tell(change.signer_id, BothSigned(change))
    return effects + refresh(contract.manager_id, contract.rep_id)


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
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            rep, cycle = managed_cycle(uow, ws, manager_id, rep_id, "write their coaching contract")
            cycle_id = cycle.id or 0
            return ContractDraft(rep, cycle, uow.contracts.for_cycle(cycle_id), uow.priorities.focus(cycle_id))

    def current(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> CoachingContract:
        # A manager's read of a rep's contract is audited, so it is a writing unit; your own is not.
        with self._uow_factory(read_only=viewer_id == rep_id) as uow:
            rep = uow.members.get(ws, rep_id)
            if rep is None or viewer_id not in (rep_id, rep.manager_id):
                raise NotAllowed(f"You can see your own coaching contract and your reps', not <@{rep_id}>'s.")
            cycle = uow.cycles.active_for(ws, rep_id)
            contract = uow.contracts.for_cycle(cycle.id) if cycle and cycle.id else None
            if contract is not None and viewer_id != rep_id:
                audit(uow, ws, viewer_id, rep_id, AuditAction.READ, RecordKind.CONTRACT, self._clock(),
                      [contract.id])
                uow.commit()
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
        return self.save_and_tell(ws, manager_id, rep_id, rows, weekly_hours, rep_commitments, manager_commitments,
                                  opened, receipt).result

    def save_and_tell(
        self, ws: WorkspaceRef, manager_id: str, rep_id: str, rows: Sequence[MetricInput], weekly_hours: object,
        rep_commitments: str, manager_commitments: str, opened: OpenedFor | None = None,
        receipt: Receipt | None = None,
    ) -> Done[ContractChange]:
        """Write or revise the contract (`saved_effects` says who is told).

        `opened`: what the modal showed; a cycle or contract that changed since is refused, not overwritten.
        `receipt`: the form's submission; a replay of it raises `Replayed` and stores nothing.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            # Who may write it comes before what is wrong with it.
            _, cycle = managed_cycle(uow, ws, manager_id, rep_id, "write their coaching contract")
            filled = [r for r in rows if r.competency or r.indicator or r.target.strip()]
            metrics = [SuccessMetric(r.competency or "", r.indicator or "", r.target.strip()) for r in filled]
            indicators = {c.id: {i.id for i in c.leading_indicators} for c in self._catalog.competencies}
            levels = {c.id: c.level.value for c in self._catalog.competencies}
            problems = validate_contract(metrics, weekly_hours, rep_commitments, manager_commitments,
                                         indicators, levels)
            if problems:
                raise FieldProblems(problems)
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
                # Only the receipt is kept: a replay must not say "unchanged" twice.
                change = ContractChange(existing, Outcome.UNCHANGED)
            else:
                changes = proposed.changes_from(existing)
                revised = existing.revised(proposed, ", ".join(changes))
                change = ContractChange(uow.contracts.save(revised), Outcome.REVISED, changes)
            if change.outcome is not Outcome.UNCHANGED:
                uow.priorities.set_focus(ws, cycle.id or 0, change.contract.skills)
                audit(uow, ws, manager_id, rep_id, AuditAction.CHANGE, RecordKind.CONTRACT, self._clock(),
                      [change.contract.id])
            done = finish(uow, ws, Done(change, saved_effects(change)), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def sign(self, ws: WorkspaceRef, signer_id: str, rep_id: str, version: int,
             receipt: Receipt | None = None) -> ContractChange:
        return self.sign_and_tell(ws, signer_id, rep_id, version, receipt).result

    def sign_and_tell(self, ws: WorkspaceRef, signer_id: str, rep_id: str, version: int,
                      receipt: Receipt | None = None) -> Done[ContractChange]:
        """Sign one version (`signed_effects` says who is told).

        `receipt`: the click; a replay of it raises `Replayed`. Two clicks of one version sign once.
        """
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
            if signed == contract:  # only the receipt is kept
                change = ContractChange(contract, Outcome.ALREADY_SIGNED, signer_id=signer_id)
            else:
                change = ContractChange(uow.contracts.save(signed), Outcome.SIGNED, signer_id=signer_id)
                audit(uow, ws, signer_id, rep_id, AuditAction.CHANGE, RecordKind.CONTRACT, self._clock(),
                      [change.contract.id])
            done = finish(uow, ws, Done(change, signed_effects(change)), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done
