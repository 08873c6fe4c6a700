"""The enablement pre-read: a workspace's short questionnaire the rep answers in their 1:1 pre-work (issue 12).

Rules:
- A workspace admin sets `1`-`MAX_QUESTIONS` questions (none: no pre-read,
  and the pre-work modal is as without one); each fits `PREREAD_QUESTION`.
- When there are questions, every one needs an answer (fitting
  `PREREAD_ANSWER`) before the pre-work is stored.
- An answer is kept with the question's text as it was asked, so editing the
  questionnaire later leaves answers already given readable; reopening the
  modal prefills the answer of each question still asked word for word, and
  a question added since shows empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.field_lengths import PREREAD_ANSWER, PREREAD_QUESTION, text_problem

MAX_QUESTIONS = 5
PREREAD = "preread"  # field keys: `preread_<n>` for the answer to the n-th question (1-based)


def answer_key(n: int) -> str:
    return f"{PREREAD}_{n}"


@dataclass(frozen=True)
class PrereadAnswer:
    """The rep's answer, beside the question exactly as it was asked."""

    question: str
    answer: str


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def question_problem(existing: tuple[str, ...], question: str) -> str | None:
    """Why `question` cannot be added to the questionnaire, or None."""
    if not question:
        return "Write the question after `add`: `/coach admin preread add What did you take from this week's playbook?`"
    if len(existing) >= MAX_QUESTIONS:
        return (f"The pre-read has its {MAX_QUESTIONS} questions already, so the rep's own agenda stays first. "
                "Remove one first: `/coach admin preread remove 2`.")
    if problem := text_problem(question, PREREAD_QUESTION):
        return f"That question is too long to ask. {problem}" if len(question) > PREREAD_QUESTION else problem
    if any(_same(question, asked) for asked in existing):
        return "The pre-read asks that already."
    return None


def prefill(questions: tuple[str, ...], given: tuple[PrereadAnswer, ...]) -> list[str | None]:
    """Per question asked now, the answer already given to the same question; None for a new one."""
    return [next((a.answer for a in given if _same(a.question, q)), None) for q in questions]


def answers_of(questions: tuple[str, ...], typed: list[str]) -> tuple[PrereadAnswer, ...]:
    """The typed answers (trimmed) beside the questions they answer; a missing answer is blank."""
    return tuple(PrereadAnswer(q, typed[n].strip() if n < len(typed) else "") for n, q in enumerate(questions))


def answer_problems(answers: tuple[PrereadAnswer, ...]) -> dict[str, str]:
    """Inline problems by field key: every question answered, each answer within its length."""
    problems: dict[str, str] = {}
    for n, given in enumerate(answers, start=1):
        if not given.answer:
            problems[answer_key(n)] = "The enablement team asks every rep this; answer it in a line or two."
        elif problem := text_problem(given.answer, PREREAD_ANSWER):
            problems[answer_key(n)] = problem
    return problems
