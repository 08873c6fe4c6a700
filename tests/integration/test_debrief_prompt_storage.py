"""The end-of-day prompt's and the digest's storage: call-free days, the ledger's last sent digest, fixed query counts.

Run on the fake, SQLite and (with COACHFLOW_TEST_DATABASE_URL) PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.debrief_digest import QUIET, bursts, debrief_digests
from domain.notifications.debrief_prompt import debrief_prompts
from domain.notifications.kind import Occasion
from domain.ports import UnitOfWorkFactory
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
MONDAY = date(2026, 11, 30)
AT = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)  # Monday 14:00 in New York


def test_a_call_free_day_is_recorded_once_per_rep_and_day_and_read_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        assert uow.call_free_days.add(T1, "UA", MONDAY) is True
        assert uow.call_free_days.add(T1, "UA", MONDAY) is False  # a second click, a second instance
        assert uow.call_free_days.add(T1, "UA", MONDAY + timedelta(days=1)) is True
        assert uow.call_free_days.add(T1, "UB", MONDAY - timedelta(days=1)) is True
        assert uow.call_free_days.add(T2, "UA", MONDAY) is True  # the same id in another workspace
        uow.commit()

    with any_uow_factory(read_only=True) as uow:
        found = uow.call_free_days.for_reps_between(T1, ["UA", "UB", "UC"], MONDAY, MONDAY + timedelta(days=6))
        assert found == {"UA": {MONDAY, MONDAY + timedelta(days=1)}}
        assert uow.call_free_days.for_reps_between(T1, [], MONDAY, MONDAY) == {}


def _ledger_row(ws: WorkspaceRef, recipient: str, kind: str, due: datetime, status: DeliveryStatus) -> Delivery:
    period = f"debriefs@{due:%Y%m%dT%H%MZ}"
    return Delivery(DeliveryKey(ws.team_id, recipient, kind, period), status, due, due + timedelta(days=2),
                    enterprise_id=ws.enterprise_id)


def test_the_last_sent_digest_is_read_per_manager_from_sent_rows_only(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        for due, status in ((AT, DeliveryStatus.SENT), (AT + timedelta(hours=2), DeliveryStatus.SENT),
                            (AT + timedelta(hours=3), DeliveryStatus.SKIPPED),
                            (AT + timedelta(hours=4), DeliveryStatus.PENDING),
                            (AT + timedelta(hours=5), DeliveryStatus.FAILED)):
            uow.deliveries.add_if_absent(_ledger_row(T1, "UMGR", "debrief_digest", due, status))
        uow.deliveries.add_if_absent(_ledger_row(T1, "UMGR2", "week_ahead", AT, DeliveryStatus.SENT))
        uow.deliveries.add_if_absent(_ledger_row(T2, "UMGR2", "debrief_digest", AT, DeliveryStatus.SENT))
        uow.commit()

    with any_uow_factory(read_only=True) as uow:
        last = uow.deliveries.last_sent(T1, "debrief_digest", ["UMGR", "UMGR2", "UNOBODY"])
    assert last == {"UMGR": AT + timedelta(hours=2)}
    assert last["UMGR"].tzinfo is not None


def _team(uow_factory: UnitOfWorkFactory, managers: int, reps_each: int = 3) -> list[str]:
    """Managers with reps, each rep with a debrief of Monday stored at 14:0n; the managers' ids."""
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        ids = []
        for m in range(managers):
            manager = f"UM{m:02d}"
            uow.members.add(Member(T1, manager, f"Manager {m}", "America/New_York", role=Role.MANAGER))
            ids.append(manager)
            for r in range(reps_each):
                rep = f"UR{m:02d}{r}"
                uow.members.add(Member(T1, rep, f"Rep {m}.{r}", "Europe/Berlin", manager_id=manager))
                uow.debriefs.add(Debrief(T1, rep, CallRef(f"Account {m}.{r}"), CallType.DEMO, MONDAY,
                                         CallAnswers("Good demo", "Shorter intro", "Discovery first"),
                                         created_at=AT + timedelta(minutes=r)))
        uow.commit()
    return ids


def test_a_managers_burst_is_their_reps_debriefs_since_the_last_sent_digest(any_uow_factory) -> None:
    managers = _team(any_uow_factory, 2)
    with any_uow_factory() as uow:  # UM00's digest of the first debrief went out at 14:05
        uow.deliveries.add_if_absent(_ledger_row(T1, "UM00", "debrief_digest", AT + QUIET, DeliveryStatus.SENT))
        uow.commit()

    with any_uow_factory(read_only=True) as uow:
        found = bursts(uow, T1, managers, AT - timedelta(days=1))
        occasions = [Occasion(m, found[m].anchor.period) for m in managers] + [Occasion("UM00", "debriefs@x")]
        notes = debrief_digests(uow, T1, occasions)

    assert [line.debrief.call.account for line in found["UM00"].lines] == ["Account 0.1", "Account 0.2"]
    assert [line.debrief.call.account for line in found["UM01"].lines] == ["Account 1.0", "Account 1.1", "Account 1.2"]
    assert found["UM00"].at == found["UM01"].at == AT + timedelta(minutes=2) + QUIET
    assert found["UM01"].anchor.period == "debriefs@20261130T1907Z"
    assert [o.recipient_id for o in notes] == managers  # a period the burst no longer has says nothing
    assert notes[occasions[1]].manager.user_id == "UM01" and len(notes[occasions[1]].lines) == 3


def test_the_prompt_and_the_digest_gather_two_or_twenty_people_in_the_same_queries(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    managers = _team(factory, 20)
    reps = [f"UR{m:02d}{r}" for m in range(20) for r in range(3)]
    costs: dict[str, list[int]] = {"prompt": [], "digest": []}
    for size in (2, 20):
        with factory(read_only=True) as uow:
            uow.workspaces.get(T1)  # the transaction's own statements come first
            with _counting(engine) as count:
                prompts = debrief_prompts(uow, T1, [Occasion(r, "2026-12-01") for r in reps[:size]])
            costs["prompt"].append(count[0])
            with _counting(engine) as count:
                found = bursts(uow, T1, managers[:size], AT - timedelta(days=1))
                digests = debrief_digests(uow, T1, [Occasion(m, found[m].anchor.period) for m in managers[:size]])
            costs["digest"].append(count[0])
        assert len(prompts) == size and len(digests) == size
    assert costs["prompt"][0] == costs["prompt"][1] <= 3, costs
    assert costs["digest"][0] == costs["digest"][1] <= 10, costs
