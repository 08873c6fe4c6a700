"""The diagnosis use cases over the in-memory fakes: who may score and read, what is validated."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.catalog import load_catalog
from domain.errors import FieldProblems, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.diagnosis import DiagnosisService
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
CATALOG = load_catalog()
DIMENSIONS = [d.id for d in CATALOG.scoring_dimensions]


def _scores(**overrides: int) -> dict[str, object]:
    return {**dict.fromkeys(DIMENSIONS, 3), **overrides}


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> DiagnosisService:
    return DiagnosisService(store.uow, CATALOG, lambda: NOW)


def test_the_manager_and_the_rep_may_score_nobody_else(service: DiagnosisService) -> None:
    assert service.may_score(WS, "UMGR", "UA") == date(2026, 11, 25)
    assert service.may_score(WS, "UA", "UA") == date(2026, 11, 25)
    for scorer, rep in [("UMGR2", "UA"), ("UB", "UA"), ("UADMIN", "UA"), ("UMGR2", "UNOBODY")]:
        with pytest.raises(NotAllowed, match="not on your team"):
            service.may_score(WS, scorer, rep)
    with pytest.raises(NotAllowed):
        service.score_call(WS, "UMGR2", "UA", "Acme", None, date(2026, 11, 24), _scores())


def test_bad_input_comes_back_by_field_and_nothing_is_saved(service: DiagnosisService, store: FakeStore) -> None:
    with pytest.raises(FieldProblems) as caught:
        service.score_call(WS, "UMGR", "UA", " ", "ftp://x", date(2026, 11, 30),
                           _scores(discovery_quality=None, value_connection=7))  # type: ignore[arg-type]
    assert set(caught.value.problems) == {"call_link", "call_on", "discovery_quality", "value_connection"}
    assert "in the future" in caught.value.problems["call_on"]
    assert store.commits == 1  # only the fixture's


def test_the_profile_averages_manager_scores_weakest_first_and_shows_the_self_gap(service: DiagnosisService) -> None:
    service.score_call(WS, "UMGR", "UA", "Acme discovery", None, date(2026, 11, 20), _scores(discovery_quality=2))
    service.score_call(WS, "UMGR", "UA", "Beta demo", None, date(2026, 11, 21), _scores(discovery_quality=3))
    service.score_call(WS, "UA", "UA", "acme  Discovery", None, date(2026, 11, 20), _scores(discovery_quality=4))

    view = service.profile(WS, "UMGR", "UA")

    assert view.profile.calls_scored == 2  # the self-score is not observed skill
    assert view.profile.dimensions[0].dimension == "discovery_quality"
    assert view.profile.average("discovery_quality") == 2.5
    assert [g.gaps["discovery_quality"] for g in view.call_gaps] == [2]
    assert view.missing == ["2 of 10 calls scored", "self-assessment not done"]


def test_privacy_of_the_profile(service: DiagnosisService) -> None:
    assert service.profile(WS, "UA", "UA").rep.user_id == "UA"
    assert service.profile(WS, "UMGR", "UA").rep.user_id == "UA"
    # Call scores are personal: being a workspace admin does not open them.
    for viewer, rep in [("UB", "UA"), ("UMGR2", "UA"), ("UADMIN", "UA"), ("UMGR2", "UNOBODY")]:
        with pytest.raises(NotAllowed, match="not <@"):
            service.profile(WS, viewer, rep)


def test_the_self_assessment_needs_every_rating_and_feeds_perception_gaps(service: DiagnosisService) -> None:
    questions = CATALOG.questions()
    raw = {q.question.id: {"confidence": 4, "competence": 5} for q in questions}
    first = questions[0].question.id
    with pytest.raises(FieldProblems) as caught:
        service.submit_self_assessment(WS, "UA", {**raw, first: {"confidence": 4}})
    assert set(caught.value.problems) == {first} and "competence" in caught.value.problems[first]

    service.score_call(WS, "UMGR", "UA", "Acme", None, date(2026, 11, 20), _scores(discovery_quality=2))
    service.submit_self_assessment(WS, "UA", raw)
    view = service.profile(WS, "UA", "UA")

    discovery = next(g for g in view.perception if g.competency == "discovery")
    assert discovery.gap == 3.0 and discovery.flag == "thinks strong, data says weak"
    assert view.missing == ["1 of 10 calls scored"] and view.self_assessed_at == NOW
