"""The rep's pre-work for a 1:1: the agenda they lead with, their questions and background (issue 12).

Rules:
- Only the session's rep writes it, and only until the session starts;
  writing again replaces it (the same modal reopens prefilled).
- The agenda has `MIN_ITEMS`-`MAX_ITEMS` items: fewer and the session has no
  shape, more and it has no priorities.
- The session's manager (or an admin) adds up to `MAX_MANAGER_QUESTIONS`
  questions of their own, which the rep sees; a third is refused.
- The enablement pre-read, when the workspace has one, is answered here too
  (domain/coaching/preread.py).
- Carry forward: the previous session's unfinished agenda items are offered
  again, unticked, and the rep picks what still matters. Unfinished: not
  marked covered in that session's takeaways (domain/coaching/takeaways.py);
  when no takeaways were recorded, every item of the last pre-work is offered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.coaching.preread import PrereadAnswer
from domain.field_lengths import PREWORK_ITEM, PREWORK_QUESTION, PREWORK_TEXT, text_problem
from domain.model import WorkspaceRef

MIN_ITEMS, MAX_ITEMS = 3, 4
MAX_MANAGER_QUESTIONS = 2
# Field keys of the problems, shared with the modals' readers.
AGENDA, QUESTIONS, BACKGROUND, MANAGER_QUESTION = "agenda", "questions", "background", "manager_question"


def item_key(n: int) -> str:
    """The block of the n-th agenda input (1-based)."""
    return f"{AGENDA}_{n}"


def question_key(n: int) -> str:
    return f"{MANAGER_QUESTION}_{n}"


@dataclass(frozen=True)
class Prework:
    workspace: WorkspaceRef
    session_id: int
    rep_id: str
    agenda: tuple[str, ...]
    questions: str = ""
    background: str = ""
    manager_questions: tuple[str, ...] = ()
    updated_at: datetime | None = None
    # The enablement pre-read as answered (domain.coaching.preread); () when the workspace has none.
    preread: tuple[PrereadAnswer, ...] = ()

    def with_manager_questions(self, asked: tuple[str, ...]) -> Prework:
        return replace(self, manager_questions=(*self.manager_questions, *asked))


def agenda_of(typed: list[str], carried: list[str]) -> tuple[str, ...]:
    """The agenda: carried items first (last time's, in their order), then the typed ones; blanks and repeats go."""
    seen: dict[str, None] = {}
    for item in (*carried, *typed):
        cleaned = " ".join(item.split())
        if cleaned and cleaned.casefold() not in {s.casefold() for s in seen}:
            seen[cleaned] = None
    return tuple(seen)


def prework_problems(agenda: tuple[str, ...], questions: str, background: str) -> dict[str, str]:
    """Inline problems by field key; empty when the pre-work can be stored."""
    problems: dict[str, str] = {}
    if len(agenda) < MIN_ITEMS:
        problems[item_key(1)] = (f"Give {MIN_ITEMS} or {MAX_ITEMS} agenda items (you have {len(agenda)}): "
                                 "fewer leaves the 1:1 without a shape.")
    elif len(agenda) > MAX_ITEMS:
        problems[item_key(1)] = (f"Give {MIN_ITEMS} or {MAX_ITEMS} agenda items (you have {len(agenda)}): "
                                 "keep the ones that matter most, so the 1:1 has priorities.")
    for n, item in enumerate(agenda, start=1):
        if (problem := text_problem(item, PREWORK_ITEM)) and item_key(1) not in problems:
            problems[item_key(min(n, MAX_ITEMS))] = problem
    for key, text in ((QUESTIONS, questions), (BACKGROUND, background)):
        if problem := text_problem(text, PREWORK_TEXT):
            problems[key] = problem
    return problems


def manager_question_problems(existing: tuple[str, ...], asked: tuple[str, ...]) -> dict[str, str]:
    problems: dict[str, str] = {}
    room = MAX_MANAGER_QUESTIONS - len(existing)
    if not asked:
        problems[question_key(1)] = "Write a question for your rep."
    elif len(asked) > room:
        problems[question_key(1)] = (
            f"A 1:1 takes at most {MAX_MANAGER_QUESTIONS} questions from you, so the rep's agenda stays first; "
            + ("you have asked yours already." if room <= 0 else f"there is room for {room} more.")
        )
    for n, question in enumerate(asked, start=1):
        if problem := text_problem(question, PREWORK_QUESTION):
            problems.setdefault(question_key(min(n, MAX_MANAGER_QUESTIONS)), problem)
    return problems
