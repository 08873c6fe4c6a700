"""The 20-question self-assessment: for each question, confidence and competence 1-5.

Competence feeds the perception gap (self minus observed); confidence is kept
beside it because "I can, but I don't trust myself to" is a different coaching
conversation from "I think I'm good at it".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from domain.model import WorkspaceRef


@dataclass(frozen=True)
class Answer:
    question: str  # question id from the catalog
    competency: str
    confidence: int
    competence: int


@dataclass(frozen=True)
class SelfAssessment:
    workspace: WorkspaceRef
    rep_id: str
    answers: list[Answer]
    submitted_at: datetime | None = None
    id: int | None = None

    def by_competency(self) -> dict[str, tuple[float, float]]:
        """Competency -> (average confidence, average competence)."""
        grouped: dict[str, list[Answer]] = {}
        for answer in self.answers:
            grouped.setdefault(answer.competency, []).append(answer)
        return {
            competency: (round(mean(a.confidence for a in answers), 2), round(mean(a.competence for a in answers), 2))
            for competency, answers in grouped.items()
        }

    def competence_ratings(self) -> dict[str, float]:
        return {competency: pair[1] for competency, pair in self.by_competency().items()}


def validate_answers(
    raw: Mapping[str, Mapping[str, object]], questions: Iterable[tuple[str, str]]
) -> tuple[list[Answer], dict[str, str]]:
    """`raw` maps question id -> {"confidence": n, "competence": n}; returns answers and problems by question."""
    answers: list[Answer] = []
    problems: dict[str, str] = {}
    for question, competency in questions:
        given = raw.get(question, {})
        values = {k: given.get(k) for k in ("confidence", "competence")}
        missing = [k for k, v in values.items() if v is None or v == ""]
        bad = [k for k, v in values.items() if k not in missing and (not isinstance(v, int) or not 1 <= v <= 5)]
        if missing:
            problems[question] = f"Rate your {' and '.join(missing)} from 1 to 5."
        elif bad:
            problems[question] = "Ratings go from 1 to 5."
        else:
            confidence, competence = values["confidence"], values["competence"]
            assert isinstance(confidence, int) and isinstance(competence, int)  # `bad` checked both
            answers.append(Answer(question, competency, int(confidence), int(competence)))
    return answers, problems
