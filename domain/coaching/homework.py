"""Skill homework (cycle weeks 3-6): the manager assigns it, the rep hands it in, the manager answers.

A homework moves assigned -> handed_in -> reviewed, in that order only: one
hand-in, then one answer. Handing in after the due date is allowed and
marked late, read in the rep's own calendar (due Friday means all of
Friday where the rep is). The due date is checked in the manager's
calendar when it is set: not in the past, within a year.

Problems come back keyed by field (`TEXT`, `DUE_ON`, ...), so a modal can
show each one inline.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from domain import field_lengths
from domain.catalog import HomeworkTemplate
from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.scheduling.calendar import zone

# Field keys of the problems, shared with the modals' readers.
TEXT, DUE_ON, HAND_IN_KIND, TEMPLATE = "text", "due_on", "hand_in", "template"
ANSWER, LINK, FILE, FEEDBACK = "answer", "link", "file", "feedback"
MAX_AHEAD = timedelta(days=365)
_FILE_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_SLACK_HOSTS = ("slack.com", "slack-gov.com")


class HandInKind(str, enum.Enum):
    """What the rep hands in: a written answer, a link, or a file uploaded in the hand-in form."""

    TEXT = "text"
    LINK = "link"
    FILE = "file"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {HandInKind.TEXT: "a written answer", HandInKind.LINK: "a link", HandInKind.FILE: "a file"}


class HomeworkStatus(str, enum.Enum):
    ASSIGNED = "assigned"  # waiting for the rep
    HANDED_IN = "handed_in"  # waiting for the manager's feedback
    REVIEWED = "reviewed"  # answered: done


@dataclass(frozen=True)
class HandIn:
    """What the rep handed in: `text` is the answer, or a note beside a link or a file."""

    text: str = ""
    link: str | None = None
    file_id: str | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class Homework:
    workspace: WorkspaceRef
    rep_id: str
    manager_id: str  # who assigned it
    text: str  # the assignment, as the manager wrote it
    due_on: date
    hand_in_kind: HandInKind
    status: HomeworkStatus = HomeworkStatus.ASSIGNED
    cycle_id: int | None = None  # the rep's active cycle when it was assigned
    competency: str | None = None  # the template's skill; None for free text
    template_id: str | None = None  # the catalog template it started from; None for free text
    hand_in: HandIn | None = None
    handed_in_at: datetime | None = None
    feedback: str | None = None
    feedback_at: datetime | None = None
    created_at: datetime | None = None
    id: int | None = None

    @property
    def ref(self) -> str:
        """The due-date reminder's anchor ref: stays put while the homework exists."""
        return f"h{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status is HomeworkStatus.ASSIGNED

    def overdue_on(self, rep_today: date) -> bool:
        """Still not handed in after its due date (the rep's local today)."""
        return self.is_open and rep_today > self.due_on

    def handed_in_late(self, rep_time_zone: str) -> bool:
        """Handed in after the due date, in the rep's calendar."""
        if self.handed_in_at is None:
            return False
        return self.handed_in_at.astimezone(zone(rep_time_zone)).date() > self.due_on

    def handed_in_with(self, hand_in: HandIn, at: datetime) -> Homework:
        if self.status is not HomeworkStatus.ASSIGNED:
            raise InvalidInput("You have handed this homework in already; your manager has it.")
        return replace(self, status=HomeworkStatus.HANDED_IN, hand_in=hand_in, handed_in_at=at)

    def answered(self, feedback: str, at: datetime) -> Homework:
        if self.status is HomeworkStatus.ASSIGNED:
            raise InvalidInput(f"<@{self.rep_id}> has not handed this homework in yet.")
        if self.status is HomeworkStatus.REVIEWED:
            raise InvalidInput(f"You have answered this homework already; <@{self.rep_id}> has your feedback.")
        return replace(self, status=HomeworkStatus.REVIEWED, feedback=feedback, feedback_at=at)


def hand_in_kind(raw: object) -> HandInKind | None:
    return next((kind for kind in HandInKind if kind.value == raw), None)


def due_date_problem(due_on: date | None, today: date) -> str | None:
    """`today` is the manager's: a due date they set may not be in their past."""
    if due_on is None:
        return "Pick a due date."
    if due_on < today:
        return f"Pick today or a later day: {due_on:%a %-d %b} has passed."
    if due_on > today + MAX_AHEAD:
        return "Pick a due date within a year."
    return None


def assignment_problems(text: str, due_on: date | None, kind: object, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not text.strip():
        problems[TEXT] = "Write the assignment, or pick a template to start from."
    elif problem := field_lengths.text_problem(text, field_lengths.HOMEWORK_TEXT):
        problems[TEXT] = problem
    if problem := due_date_problem(due_on, today):
        problems[DUE_ON] = problem
    if hand_in_kind(kind) is None:
        problems[HAND_IN_KIND] = "Pick what the rep hands in: a written answer, a link or a file."
    return problems


def link_problem(link: str) -> str | None:
    """None for an https link with a host; what to fix otherwise."""
    if problem := field_lengths.text_problem(link, field_lengths.HOMEWORK_LINK):
        return problem
    try:
        parts = urlsplit(link)
        secure = parts.scheme.lower() == "https" and bool(parts.hostname)
    except ValueError:  # "https://[" and the like
        secure = False
    if not secure or any(c.isspace() for c in link):
        return "Paste a link that starts with https://"
    return None


def file_id_problem(file_id: str | None) -> str | None:
    if not file_id:
        return "Attach the file you are handing in."
    if not (file_id.startswith("F") and 2 <= len(file_id) <= 32 and set(file_id) <= _FILE_ID_CHARS):
        return "That file could not be read; attach it again."
    return None


def slack_file_link(link: str | None) -> str | None:
    """A handed-in file's permalink, kept only when it points at Slack itself (nobody typed it, but a
    crafted form could put any link there, and the manager is shown it as the file)."""
    if not link or len(link) > field_lengths.HOMEWORK_LINK or link_problem(link):
        return None
    host = (urlsplit(link).hostname or "").lower()
    return link if any(host == h or host.endswith("." + h) for h in _SLACK_HOSTS) else None


def hand_in_problems(kind: HandInKind, hand_in: HandIn) -> dict[str, str]:
    """Problems by field: what the homework asks for is there, and everything fits its column."""
    problems: dict[str, str] = {}
    if kind is HandInKind.TEXT and not hand_in.text.strip():
        problems[ANSWER] = "Write your answer."
    elif problem := field_lengths.text_problem(hand_in.text, field_lengths.HOMEWORK_ANSWER):
        problems[ANSWER] = problem
    if kind is HandInKind.LINK:
        link = (hand_in.link or "").strip()
        if not link:
            problems[LINK] = "Paste the link to your work."
        elif problem := link_problem(link):
            problems[LINK] = problem
    if kind is HandInKind.FILE and (problem := file_id_problem(hand_in.file_id)):
        problems[FILE] = problem
    return problems


def feedback_problem(feedback: str) -> str | None:
    if not feedback.strip():
        return "Write your feedback."
    return field_lengths.text_problem(feedback, field_lengths.HOMEWORK_FEEDBACK)


# -- templates about the rep's own prospects ---------------------------------------


def largest_open_deals(deals: Iterable[Opportunity], count: int) -> list[Opportunity]:
    """The rep's `count` largest open deals, by amount (deals without one last), then name."""
    open_deals = [d for d in deals if d.status is DealStatus.OPEN]
    open_deals.sort(key=lambda d: (d.amount is None, -(d.amount or Decimal(0)), (d.name or d.external_id).lower()))
    return open_deals[:count]


def deal_label(deal: Opportunity) -> str:
    name = deal.name or deal.external_id
    return f"{name} ({deal.amount:,.0f})" if deal.amount is not None else name


def prefilled(template: HomeworkTemplate, deals: Sequence[Opportunity]) -> str:
    """The assignment a template starts from; one about prospects names the rep's largest open deals."""
    if not template.prospects:
        return template.instructions
    chosen = largest_open_deals(deals, template.prospects)
    if not chosen:
        return (f"{template.instructions}\n\nNo open deals of yours are imported yet: "
                f"pick your {template.prospects} most important prospects.")
    listed = "\n".join(f"• {deal_label(deal)}" for deal in chosen)
    heading = f"Your {len(chosen)} largest open deals" if len(chosen) > 1 else "Your largest open deal"
    return f"{template.instructions}\n\n{heading}:\n{listed}"
