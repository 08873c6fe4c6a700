"""The pipeline repository and members' emails, on SQLite, PostgreSQL and the fake.

`any_uow_factory` runs each contract test on the in-memory fake too, so the
fake the unit tests trust behaves like the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from domain.model import Member, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, LossCategory, Opportunity, Stage, UpsertCounts
from domain.ports import UnitOfWorkFactory

T1 = WorkspaceRef("T1", enterprise_id="E1")
T2 = WorkspaceRef("T2")


def seed(factory: UnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.workspaces.add(Workspace(T1, name="Acme"))
        uow.workspaces.add(Workspace(T2, name="Other"))
        uow.members.add(Member(T1, "UANN", "Ann", "UTC", email="Ann.Lee@Acme.com"))
        uow.members.add(Member(T1, "UBOB", "Bob", "UTC"))
        uow.members.add(Member(T2, "UANN", "Ann elsewhere", "UTC", email="ann.lee@acme.com"))
        uow.commit()


def opportunity(ext: str, owner: str = "UANN", ws: WorkspaceRef = T1, **fields: object) -> Opportunity:
    base = Opportunity(
        workspace=ws,
        external_id=ext,
        owner_id=owner,
        name=f"Deal {ext}",
        amount=Decimal("12500.10"),
        stage=Stage.PRESENTING,
        status=DealStatus.LOST,
        created_on=date(2025, 1, 2),
        closed_on=date(2025, 2, 3),
        loss_reason="Went with a competitor",
        loss_category=LossCategory.COMPETITOR,
        stage_entered={Stage.PROSPECTING: date(2025, 1, 2), Stage.PRESENTING: date(2025, 1, 20)},
        source="deals.csv",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_opportunities_round_trip_every_field(any_uow_factory) -> None:
    seed(any_uow_factory)
    deal = opportunity("006A")
    bare = opportunity("006B", owner="UBOB", amount=None, stage=None, created_on=None, closed_on=None,
                       loss_reason=None, loss_category=None, stage_entered={}, name="")
    with any_uow_factory() as uow:
        assert uow.pipeline.upsert(T1, [deal, bare]) == UpsertCounts(inserted=2)
        uow.commit()

    with any_uow_factory() as uow:
        assert uow.pipeline.for_workspace(T1) == [deal, bare]  # ordered by owner, then id


def test_upsert_counts_new_changed_and_unchanged(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("A"), opportunity("B"), opportunity("C")])
        uow.commit()

    with any_uow_factory() as uow:
        counts = uow.pipeline.upsert(T1, [
            opportunity("A", source="renamed.csv"),  # only the source differs: unchanged
            opportunity("B", amount=Decimal("99.99")),
            opportunity("C", stage_entered={Stage.PROSPECTING: date(2025, 1, 3)}),
            opportunity("D"),
        ])
        uow.commit()
    assert counts == UpsertCounts(inserted=1, updated=2, unchanged=1)

    with any_uow_factory() as uow:
        found = {o.external_id: o for o in uow.pipeline.for_workspace(T1)}
    assert found["A"].source == "deals.csv"  # an unchanged row is not rewritten
    assert found["B"].amount == Decimal("99.99")
    assert found["C"].stage_entered == {Stage.PROSPECTING: date(2025, 1, 3)}


def test_the_same_external_id_in_two_workspaces_is_two_deals(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("X")])
        uow.pipeline.upsert(T2, [opportunity("X", ws=T2, name="Theirs")])
        uow.commit()

    with any_uow_factory() as uow:
        assert [o.name for o in uow.pipeline.for_workspace(T1)] == ["Deal X"]
        assert [o.name for o in uow.pipeline.for_workspace(T2)] == ["Theirs"]


def test_for_owners_reads_only_theirs(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("A1"), opportunity("B1", owner="UBOB"), opportunity("A2")])
        uow.commit()

    with any_uow_factory() as uow:
        assert [o.external_id for o in uow.pipeline.for_owners(T1, ["UANN"])] == ["A1", "A2"]
        assert [o.external_id for o in uow.pipeline.for_owners(T1, ["UBOB", "UZED"])] == ["B1"]
        assert uow.pipeline.for_owners(T1, []) == []
        assert uow.pipeline.for_owners(T2, ["UANN"]) == []


def test_an_uncommitted_upsert_leaves_nothing(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("A")])  # no commit

    with any_uow_factory() as uow:
        assert uow.pipeline.for_workspace(T1) == []


def test_members_are_found_by_email_ignoring_case_and_workspace_scoped(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        found = uow.members.by_emails(T1, ["ann.lee@acme.com", "ANN.LEE@ACME.COM", "nobody@acme.com"])
        assert list(found) == ["ann.lee@acme.com"]
        assert found["ann.lee@acme.com"].user_id == "UANN"
        assert found["ann.lee@acme.com"].workspace.team_id == "T1"
        assert found["ann.lee@acme.com"].email == "Ann.Lee@Acme.com"  # kept as Slack spells it
        assert uow.members.by_emails(T1, []) == {}


def test_member_email_round_trips_and_updates(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        bob = uow.members.get(T1, "UBOB")
        assert bob is not None and bob.email is None
        uow.members.update(replace(bob, email="bob@acme.com"))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UBOB").email == "bob@acme.com"


@pytest.mark.parametrize("amount", ["0.01", "999999999999.99", "12345678.90"])
def test_amounts_keep_every_cent(any_uow_factory, amount: str) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("A", amount=Decimal(amount))])
        uow.commit()
    with any_uow_factory() as uow:
        [saved] = uow.pipeline.for_workspace(T1)
    assert saved.amount == Decimal(amount)
    # and a second upsert sees it as unchanged (no float drift)
    with any_uow_factory() as uow:
        assert uow.pipeline.upsert(T1, [opportunity("A", amount=Decimal(amount))]).unchanged == 1


def test_owners_of_names_who_owns_each_stored_deal_in_this_workspace(any_uow_factory) -> None:
    seed(any_uow_factory)
    with any_uow_factory() as uow:
        uow.pipeline.upsert(T1, [opportunity("006A"), opportunity("006B", owner="UBOB")])
        uow.pipeline.upsert(T2, [opportunity("006C", ws=T2)])
        uow.commit()

    with any_uow_factory() as uow:
        assert uow.pipeline.owners_of(T1, ["006A", "006B", "006C", "new"]) == {"006A": "UANN", "006B": "UBOB"}
        assert uow.pipeline.owners_of(T1, []) == {}
