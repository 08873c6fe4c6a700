"""The audit's numbers on a small dataset computed by hand.

Ann (UA) and Bob (UB) are coached by the same manager; Cy (UC) by nobody.

Ann's deals (P, Q, Pr, C = the four stages; dates in January 2025 unless said):
  A1 won:            P 1, Q 11, Pr 21, C Feb 10, closed Feb 20  (10, 10, 20, 10 days)
  A2 lost in Q:      P 1, Q 6, closed 16                         (5, 10)
  A3 lost in Pr:     P 1, Q 3, Pr 8, closed 28                   (2, 5, 20)
  A4 open in C:      P 1, Q 4, Pr 10, C 20                       (3, 6, 10; C not finished)
  A5 lost, stage unknown, no reason, no amount
Bob's: B1-B4 won (no dates), B5 and B6 lost in Q.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.model import WorkspaceRef
from domain.pipeline.audit import audit_reps, days_in_stage, quartiles
from domain.pipeline.model import DealStatus, LossCategory, Opportunity, RepAudit, Stage

WS = WorkspaceRef("T1")
P, Q, PR, C = Stage.PROSPECTING, Stage.QUALIFYING, Stage.PRESENTING, Stage.CLOSING
WON, LOST, OPEN = DealStatus.WON, DealStatus.LOST, DealStatus.OPEN


def jan(day: int) -> date:
    return date(2025, 1, day)


def feb(day: int) -> date:
    return date(2025, 2, day)


def deal(owner: str, ext: str, status: DealStatus, stage: Stage | None, amount: int | None = None,
         entered: dict[Stage, date] | None = None, closed: date | None = None,
         category: LossCategory | None = None) -> Opportunity:
    return Opportunity(
        workspace=WS, external_id=ext, owner_id=owner, stage=stage, status=status,
        amount=Decimal(amount) if amount is not None else None, stage_entered=entered or {},
        closed_on=closed, loss_category=category, loss_reason=category.value if category else None,
    )


ANN = [
    deal("UA", "A1", WON, C, 1000, {P: jan(1), Q: jan(11), PR: jan(21), C: feb(10)}, feb(20)),
    deal("UA", "A2", LOST, Q, 2000, {P: jan(1), Q: jan(6)}, jan(16), LossCategory.PRICE),
    deal("UA", "A3", LOST, PR, 3000, {P: jan(1), Q: jan(3), PR: jan(8)}, jan(28), LossCategory.COMPETITOR),
    deal("UA", "A4", OPEN, C, 4000, {P: jan(1), Q: jan(4), PR: jan(10), C: jan(20)}),
    deal("UA", "A5", LOST, None),
]
BOB = [deal("UB", f"B{n}", WON, C, 500) for n in range(1, 5)] + [
    deal("UB", "B5", LOST, Q, 100, category=LossCategory.NO_BUDGET),
    deal("UB", "B6", LOST, Q, 100, category=LossCategory.TIMING),
]
CY = [deal("UC", "C1", WON, C, 700)]
TEAMS = {"UA": "UM", "UB": "UM", "UC": None}


def audits() -> dict[str, RepAudit]:
    return {a.rep_id: a for a in audit_reps(ANN + BOB + CY, None, TEAMS)}


def test_ann_counts_and_win_rate() -> None:
    ann = audits()["UA"]
    assert (ann.deals, ann.won, ann.lost, ann.open) == (5, 1, 3, 1)
    assert ann.win_rate == pytest.approx(1 / 4)


def test_ann_stage_by_stage() -> None:
    ann = audits()["UA"]
    got = [(s.reached, s.advanced, s.lost, s.open) for s in ann.stages]
    assert got == [(4, 4, 0, 0), (4, 3, 1, 0), (3, 2, 1, 0), (2, 1, 0, 1)]
    assert [s.conversion for s in ann.stages] == pytest.approx([1.0, 0.75, 2 / 3, 1.0])
    # Average days: P (10+5+2+3)/4, Q (10+10+5+6)/4, Pr (20+20+10)/3, C 10/1 (A4 is still in it).
    assert [s.average_days for s in ann.stages] == pytest.approx([5.0, 7.75, 50 / 3, 10.0])
    assert [s.timed for s in ann.stages] == [4, 4, 3, 1]


def test_ann_deal_sizes_and_losses() -> None:
    ann = audits()["UA"]
    sizes = ann.deal_sizes
    assert sizes is not None
    assert (sizes.count, sizes.minimum, sizes.q1, sizes.median, sizes.q3, sizes.maximum) == (
        4, Decimal(1000), Decimal("1750.00"), Decimal("2500.00"), Decimal("3250.00"), Decimal(4000)
    )
    assert ann.loss_categories == {LossCategory.PRICE: 1, LossCategory.COMPETITOR: 1}
    assert ann.losses_without_reason == 1


def test_the_team_is_ann_and_bob_together() -> None:
    ann = audits()["UA"]
    assert ann.compared_with == "team"
    # P: 10 of 10; Q: 7 advanced, 3 lost; Pr: 6 advanced, 1 lost; C: 5 won, 1 open.
    assert [s.conversion for s in ann.team_stages] == pytest.approx([1.0, 0.7, 6 / 7, 1.0])


def test_weakest_stage_is_the_largest_shortfall_against_the_team() -> None:
    found = audits()
    ann, bob = found["UA"], found["UB"]
    # Ann: Q 75% vs 70% (ahead), Pr 67% vs 86% (behind); C has too few decided deals.
    assert ann.weakest_stage is Stage.PRESENTING
    assert ann.weakest_shortfall == pytest.approx(6 / 7 - 2 / 3)
    # Bob: Q 4/6 vs 70% (behind), everything else at or above.
    assert bob.weakest_stage is Stage.QUALIFYING
    assert bob.weakest_shortfall == pytest.approx(0.7 - 4 / 6)


def test_a_rep_without_a_team_is_compared_with_the_workspace() -> None:
    cy = audits()["UC"]
    assert cy.compared_with == "workspace"
    assert cy.team_stages[Q.position].advanced == 3 + 4 + 1
    assert cy.weakest_stage is None  # one decided deal says nothing


def test_a_team_of_one_is_compared_with_the_workspace() -> None:
    [ann] = audit_reps(ANN + BOB, ["UA"], {"UA": "UM1", "UB": "UM2"})
    assert ann.compared_with == "workspace"
    assert ann.team_stages[Q.position].lost == 3


def test_reps_come_back_in_the_order_asked_and_a_rep_without_deals_is_empty() -> None:
    found = audit_reps(ANN + BOB, ["UB", "UZ", "UA"], TEAMS)
    assert [a.rep_id for a in found] == ["UB", "UZ", "UA"]
    nobody = found[1]
    assert nobody.deals == 0 and nobody.deal_sizes is None and nobody.win_rate is None
    assert all(s.conversion is None for s in nobody.stages)
    assert nobody.weakest_stage is None


def test_days_in_stage_skips_to_the_next_known_date_and_ignores_dates_out_of_order() -> None:
    skipped = deal("UA", "S", OPEN, PR, entered={P: jan(1), PR: jan(15)})
    assert days_in_stage(skipped, P, PR) == 14
    assert days_in_stage(skipped, Q, PR) is None  # never entered
    assert days_in_stage(skipped, PR, PR) is None  # still open there
    backwards = deal("UA", "B", LOST, Q, entered={P: jan(10), Q: jan(5)}, closed=jan(20))
    assert days_in_stage(backwards, P, Q) is None
    assert days_in_stage(backwards, Q, Q) == 15


def test_a_deal_moved_back_keeps_credit_for_the_furthest_stage() -> None:
    moved_back = deal("UA", "M", OPEN, Q, entered={P: jan(1), Q: jan(2), PR: jan(3)})
    assert moved_back.furthest_stage is PR
    assert deal("UA", "W", WON, Q).furthest_stage is C


def test_quartiles_of_one_and_of_none() -> None:
    assert quartiles([]) is None
    one = quartiles([Decimal("12.50")])
    assert one is not None
    assert (one.q1, one.median, one.q3) == (Decimal("12.50"),) * 3
    odd = quartiles([Decimal(n) for n in (5, 1, 3)])
    assert odd is not None
    assert (odd.q1, odd.median, odd.q3) == (Decimal("2.00"), Decimal("3.00"), Decimal("4.00"))
