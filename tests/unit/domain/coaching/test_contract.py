"""The coaching contract: valid terms, two signatures, no silent edits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.coaching.contract import CoachingContract, ContractStatus, SuccessMetric, validate_contract
from domain.errors import NotAllowed
from domain.model import WorkspaceRef

INDICATORS = {"discovery": {"questions_per_call", "impact_quantified"}, "closing": {"next_step_defined"}}
LEVELS = {"discovery": "foundational", "closing": "advanced", "pipeline_management": "foundational"}
AT = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)


def _contract() -> CoachingContract:
    return CoachingContract(
        WorkspaceRef("T1"), "UA", "UMGR",
        [SuccessMetric("discovery", "questions_per_call", "5"), SuccessMetric("closing", "next_step_defined", "yes")],
        2.0, "Debrief every discovery call the same day.", "Shadow two calls a week and give feedback by Friday.",
    )


def test_good_terms_pass() -> None:
    c = _contract()
    terms = (c.metrics, c.weekly_hours, c.rep_commitments, c.manager_commitments)
    assert validate_contract(*terms, INDICATORS, LEVELS) == {}


def test_each_bad_term_is_named_for_the_modal() -> None:
    problems = validate_contract(
        [SuccessMetric("discovery", "nope", ""), SuccessMetric("pipeline_management", "x", "3")],
        40, "", "ok", INDICATORS, LEVELS,
    )
    assert problems == {
        "skills": "Pair a foundational skill with an advanced one.",
        "indicator_0": "Pick a leading indicator of that skill as the success metric.",
        "target_0": "Say what number counts as success, e.g. 5 questions per call.",
        "indicator_1": "Pick a leading indicator of that skill as the success metric.",
        "weekly_hours": "Weekly time is between 0.5 and 20 hours.",
        "rep_commitments": "Write at least one commitment: accountability goes both ways.",
    }
    three = [SuccessMetric("discovery", "questions_per_call", "5")] * 3
    assert "at most 2" in validate_contract(three, 1, "a", "b", INDICATORS, LEVELS)["skills"]


def test_both_sign_in_either_order_and_nobody_else_can() -> None:
    c = _contract()
    assert c.status is ContractStatus.AWAITING_BOTH
    c = c.signed_by("UMGR", AT)
    assert c.status is ContractStatus.AWAITING_REP
    c = c.signed_by("UA", AT)
    assert c.status is ContractStatus.SIGNED
    with pytest.raises(NotAllowed):
        c.signed_by("UOTHER", AT)


def test_a_change_after_signing_needs_both_signatures_again() -> None:
    signed = _contract().signed_by("UA", AT).signed_by("UMGR", AT)
    changed = signed.revised(
        CoachingContract(signed.workspace, "UA", "UMGR", signed.metrics, 3.0, signed.rep_commitments,
                         signed.manager_commitments),
        "weekly time 2h -> 3h",
    )
    assert changed.version == 2 and changed.status is ContractStatus.AWAITING_BOTH
    assert changed.history == ["v2: weekly time 2h -> 3h"]
