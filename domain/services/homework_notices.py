"""What the homework use cases show and tell: the forms they fill, and each DM as a typed `Notice`.

The rep's later DMs about one homework (their hand-in receipt, the
manager's feedback) go in the thread of the assignment DM when its `ts` is
on record (`InThread`); the ledger keeps it (`assignment_period`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.catalog import Competency, HomeworkTemplate
from domain.coaching.homework import Homework
from domain.delivery import reply_period
from domain.effects import Notice
from domain.model import Member


def assignment_period(homework_id: int | None) -> str:
    """The ledger period of the rep's assignment DM: later DMs look its `ts` up by it."""
    return reply_period(f"homework:{homework_id}:assigned")


@dataclass(frozen=True)
class InThread:
    """Where the assignment DM is: the DM channel and the message's ts."""

    channel: str
    ts: str


@dataclass(frozen=True)
class TemplateChoice:
    """One template the manager can start from, with its text as it would be prefilled for this rep."""

    competency: Competency
    template: HomeworkTemplate
    text: str


@dataclass(frozen=True)
class AssignmentForm:
    """What the assignment modal offers for one rep.

    `choices` are the templates of the rep's focus skills (`focused`) or, before
    focus skills are chosen, of every skill. `today` is the manager's: the due
    date may not be before it.
    """

    rep: Member
    today: date
    choices: tuple[TemplateChoice, ...]
    focused: bool

    def choice(self, template_id: str | None) -> TemplateChoice | None:
        return next((c for c in self.choices if c.template.id == template_id), None)


@dataclass(frozen=True)
class HandInForm:
    """The hand-in modal of one open homework, for its rep."""

    homework: Homework
    rep_today: date


@dataclass(frozen=True)
class FeedbackForm:
    """The feedback modal of one handed-in homework, for the rep's manager."""

    homework: Homework
    late: bool


# -- DMs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeworkAssigned(Notice):
    """To the rep: the assignment (the manager's words), with the Hand in button."""

    homework: Homework


@dataclass(frozen=True)
class HomeworkSet(Notice):
    """To the manager who assigned it: sent, and when it is due."""

    homework: Homework


@dataclass(frozen=True)
class HomeworkHandedIn(Notice):
    """To the rep's manager: what was handed in (the rep's words), with the Answer with feedback button."""

    homework: Homework
    late: bool


@dataclass(frozen=True)
class HandInSaved(Notice):
    """To the rep: handed in (late or not), in the thread of the assignment when known."""

    homework: Homework
    late: bool
    told: str | None  # the manager who was told, if any
    thread: InThread | None


@dataclass(frozen=True)
class HomeworkAnswered(Notice):
    """To the rep: the manager's feedback, in the thread of the assignment when known."""

    homework: Homework
    manager_id: str
    thread: InThread | None


@dataclass(frozen=True)
class FeedbackSent(Notice):
    """To the manager: the feedback reached the rep."""

    homework: Homework
