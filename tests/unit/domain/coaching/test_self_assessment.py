"""The self-assessment: every question answered twice, summarised per competency."""

from __future__ import annotations

from domain.coaching.self_assessment import SelfAssessment, validate_answers
from domain.model import WorkspaceRef

QUESTIONS = [(f"{c}_{n}", c) for c in ("discovery", "closing") for n in range(1, 5)]


def test_every_question_needs_both_ratings_from_1_to_5() -> None:
    raw = {q: {"confidence": 4, "competence": 3} for q, _ in QUESTIONS}
    raw["discovery_2"] = {"confidence": 4}
    raw["closing_3"] = {"confidence": 9, "competence": 2}
    del raw["closing_4"]

    answers, problems = validate_answers(raw, QUESTIONS)

    assert problems == {
        "discovery_2": "Rate your competence from 1 to 5.",
        "closing_3": "Ratings go from 1 to 5.",
        "closing_4": "Rate your confidence and competence from 1 to 5.",
    }
    assert len(answers) == 5


def test_ratings_are_averaged_per_competency() -> None:
    raw = {q: {"confidence": 5 if c == "discovery" else 2, "competence": n % 4 + 1}
           for n, (q, c) in enumerate(QUESTIONS)}
    answers, problems = validate_answers(raw, QUESTIONS)
    assessment = SelfAssessment(WorkspaceRef("T1"), "UA", answers)

    assert problems == {}
    assert assessment.by_competency() == {"discovery": (5.0, 2.5), "closing": (2.0, 2.5)}
    assert assessment.competence_ratings() == {"discovery": 2.5, "closing": 2.5}
