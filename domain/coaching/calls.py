"""A sales call as coaching sees it: which deal, what kind of call, and the three questions.

The rep's debrief and the manager's shadow observation describe the same
kind of thing, a call, from two sides; both ask the seed's three questions
(DESIGN.md 2.3), phrased with the rep's focus skill when there is one.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain import field_lengths


class CallType(str, enum.Enum):
    DISCOVERY = "discovery"
    DEMO = "demo"
    NEGOTIATION = "negotiation"
    CLOSING = "closing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


CALL_TYPES: tuple[CallType, ...] = tuple(CallType)
ANSWER_FIELDS = ("went_well", "do_differently", "practice_next")


@dataclass(frozen=True)
class CallAnswers:
    """The three questions' answers, as typed."""

    went_well: str
    do_differently: str
    practice_next: str

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ANSWER_FIELDS}


@dataclass(frozen=True)
class CallRef:
    """Which call: an imported deal (its external id) and/or the account as typed or imported."""

    account: str
    deal_id: str | None = None

    @property
    def label(self) -> str:
        return self.account or self.deal_id or "a call"


def skill_phrase(skill_names: Sequence[str]) -> str | None:
    """"discovery" or "discovery and closing"; None without focus skills."""
    names = [name for name in skill_names if name]
    if not names:
        return None
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def rep_questions(skill_names: Sequence[str]) -> tuple[str, str, str]:
    """The rep's three debrief questions; the first names their focus skill(s) when they have one."""
    skill = skill_phrase(skill_names)
    return (
        f"What went well regarding {skill}?" if skill else "What went well?",
        "What would you do differently next time?",
        "What's one specific thing to practice before your next similar call?",
    )


def observer_questions(rep_name: str, skill_names: Sequence[str]) -> tuple[str, str, str]:
    """The same three questions from the manager's side of a shadowed call."""
    skill = skill_phrase(skill_names)
    who = rep_name or "the rep"
    return (
        f"What did {who} do well regarding {skill}?" if skill else f"What did {who} do well?",
        f"What should {who} do differently next time?",
        f"What's one specific thing {who} should practice before their next similar call?",
    )


def validate_call(ref: CallRef, call_type: str | None, call_on: date | None, *, today: date,
                  earliest: date | None, answers: CallAnswers, recording_link: str | None) -> dict[str, str]:
    """Problems by field name ({} when fine), the same for a debrief and a shadow observation.

    `earliest` is the cycle's first day: a call before the coaching started
    belongs to no cycle week. The link must be https because it is shown to
    the manager as a link; anything else is refused rather than silently dropped.
    """
    problems: dict[str, str] = {}
    if not ref.account.strip() and not ref.deal_id:
        problems["deal"] = "Pick the deal or type the account this call was with."
    for name, text, limit in (("deal", ref.account, field_lengths.CALL_ACCOUNT),
                              ("deal", ref.deal_id or "", field_lengths.DEAL_ID)):
        if name not in problems and (problem := field_lengths.text_problem(text, limit)):
            problems[name] = problem
    if call_type not in {kind.value for kind in CALL_TYPES}:
        problems["call_type"] = "Pick the kind of call: discovery, demo, negotiation, closing or other."
    if call_on is None:
        problems["call_on"] = "Pick the day of the call."
    elif call_on > today:
        problems["call_on"] = f"The call cannot be in the future; today is {today:%a %-d %b}."
    elif earliest is not None and call_on < earliest:
        problems["call_on"] = f"Your coaching cycle started on {earliest:%a %-d %b}; pick a day since then."
    for name, text in answers.as_dict().items():
        if not text.strip():
            problems[name] = "Write a sentence or two here."
        elif problem := field_lengths.text_problem(text, field_lengths.DEBRIEF_ANSWER):
            problems[name] = problem
    link = (recording_link or "").strip()
    if link:
        if not link.lower().startswith("https://") or len(link) <= len("https://"):
            problems["recording_link"] = "A recording link starts with https://"
        elif problem := field_lengths.text_problem(link, field_lengths.RECORDING_LINK):
            problems["recording_link"] = problem
    return problems
