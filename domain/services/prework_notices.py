"""What 1:1 pre-work tells people, as data the Slack edge renders (handlers/blocks/prework.py)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.effects import Notice
from domain.model import Member


@dataclass(frozen=True)
class PreworkForm:
    """The rep's pre-work modal: the session, what they wrote (to edit), last session's items to carry,
    and the enablement pre-read's questions when the workspace has them."""

    session: CoachingSession
    rep: Member
    prework: Prework | None
    carry_over: tuple[str, ...]  # the previous session's unfinished items not already on this one
    preread: tuple[str, ...] = ()  # the workspace's pre-read questions, asked now (domain.coaching.preread)


@dataclass(frozen=True)
class QuestionForm:
    """The manager's "Add a question" modal: the session, the rep's agenda, the room left."""

    session: CoachingSession
    prework: Prework
    room: int


@dataclass(frozen=True)
class PreworkArrived(Notice):
    """To the manager: the rep's agenda (first time or edited), with "Add a question" while there is room."""

    session: CoachingSession
    rep: Member
    manager: Member
    prework: Prework
    edited: bool


@dataclass(frozen=True)
class PreworkSaved(Notice):
    """To the rep: stored, with the same button to edit until the session starts."""

    session: CoachingSession
    rep: Member
    prework: Prework
    edited: bool


@dataclass(frozen=True)
class ManagerAsked(Notice):
    """To the rep: the manager's own questions for the 1:1 (`asked` the new ones)."""

    session: CoachingSession
    rep: Member
    manager_id: str
    asked: tuple[str, ...]
