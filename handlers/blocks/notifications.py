"""Each scheduled kind's Block Kit renderer, bound to the kind by one line.

`bind(KIND, builder)` is typed: the builder must take the kind's content
(`ScheduledKind[C]` gathers a `C`), so mypy refuses a renderer of the wrong
note. `RENDERERS` refuses to be built unless every kind of the registry has
exactly one renderer, so a kind without one stops the app at start, not its
first Monday.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from domain.delivery import DeliveryKey
from domain.notifications.challenge import CHALLENGE_NUDGE
from domain.notifications.challenge_invite import CHALLENGE_INVITE, CHALLENGE_INVITE_TEAM
from domain.notifications.challenge_summary import CHALLENGE_SUMMARY
from domain.notifications.commitments import COMMITMENT_DUE, COMMITMENT_REMINDER
from domain.notifications.cycle_results import CYCLE_RESULTS
from domain.notifications.cycle_tasks import CYCLE_TASKS
from domain.notifications.debrief_digest import DEBRIEF_DIGEST
from domain.notifications.debrief_prompt import DEBRIEF_PROMPT
from domain.notifications.homework_due import HOMEWORK_DUE
from domain.notifications.kind import ScheduledKind
from domain.notifications.maintenance import MAINTENANCE_CHECKIN
from domain.notifications.micro_lessons import MICRO_LESSONS
from domain.notifications.peer_learning import PEER_LEARNING
from domain.notifications.registry import KINDS
from domain.notifications.scorecards import FRIDAY_SCORECARD, TEAM_SCORECARD
from domain.notifications.session_card import SESSION_CARD
from domain.notifications.session_prework import SESSION_PREWORK, SESSION_PREWORK_REMINDER
from domain.notifications.team_tasks import TEAM_TASKS
from domain.notifications.week_ahead import WEEK_AHEAD
from handlers.blocks.challenge import nudge_message
from handlers.blocks.challenge_invite import invite_message, team_invite_message
from handlers.blocks.challenge_summary import summary_message
from handlers.blocks.commitments import commitment_due_message, commitment_reminder_message
from handlers.blocks.cycle_tasks import cycle_tasks_message, team_tasks_message
from handlers.blocks.debrief_prompts import debrief_digest_message, debrief_prompt_message
from handlers.blocks.homework import homework_due_message
from handlers.blocks.lessons import lesson_message
from handlers.blocks.maintenance import maintenance_checkin_message
from handlers.blocks.nudge_footer import with_footer
from handlers.blocks.peer_learning import peer_ask_message
from handlers.blocks.prework import prework_message
from handlers.blocks.results import results_note_message
from handlers.blocks.scorecard import scorecard_message
from handlers.blocks.scorecard_team import team_scorecard_message
from handlers.blocks.session_card import session_card_note_message
from handlers.blocks.week_ahead import week_ahead_message

C = TypeVar("C")
Message = dict[str, Any]
# A renderer gets the content and the instant it is sent (local times in the note).
Render = Callable[[C, datetime], Message]


@dataclass(frozen=True)
class Bound(Generic[C]):
    kind: ScheduledKind[C]
    render: Render[C]


def bind(kind: ScheduledKind[C], render: Render[C]) -> Bound[C]:
    return Bound(kind, render)


def timeless(build: Callable[[C], Message]) -> Render[C]:
    """A builder whose message does not depend on when it is sent."""
    return lambda content, _now: build(content)


class Renderers:
    def __init__(self, kinds: Mapping[str, ScheduledKind[Any]], *bound: Bound[Any]) -> None:
        self._render: dict[str, Render[Any]] = {}
        for binding in bound:
            name = binding.kind.name
            if name in self._render or kinds.get(name) is not binding.kind:
                raise ValueError(f"{name}: bound twice, or not the registered kind of that name")
            self._render[name] = binding.render
        unbound = [name for name in kinds if name not in self._render]
        if unbound:
            raise ValueError(f"scheduled kinds without a renderer: {', '.join(unbound)}")

    def render(self, kind: str, content: object, now: datetime) -> Message:
        """The message for a ledger row of `kind`; its content was gathered by that same kind."""
        return self._render[kind](content, now)


RENDERERS = Renderers(
    KINDS,
    bind(WEEK_AHEAD, week_ahead_message),
    bind(CYCLE_TASKS, timeless(cycle_tasks_message)),
    bind(TEAM_TASKS, timeless(team_tasks_message)),
    bind(HOMEWORK_DUE, homework_due_message),
    bind(MICRO_LESSONS, timeless(lesson_message)),
    bind(DEBRIEF_PROMPT, timeless(debrief_prompt_message)),
    bind(DEBRIEF_DIGEST, timeless(debrief_digest_message)),
    bind(FRIDAY_SCORECARD, scorecard_message),
    bind(TEAM_SCORECARD, team_scorecard_message),
    bind(PEER_LEARNING, timeless(peer_ask_message)),
    bind(COMMITMENT_REMINDER, commitment_reminder_message),
    bind(COMMITMENT_DUE, commitment_due_message),
    bind(SESSION_PREWORK, prework_message),
    bind(SESSION_PREWORK_REMINDER, prework_message),
    bind(SESSION_CARD, session_card_note_message),
    bind(MAINTENANCE_CHECKIN, timeless(maintenance_checkin_message)),
    bind(CYCLE_RESULTS, results_note_message),
    bind(CHALLENGE_NUDGE, nudge_message),
    bind(CHALLENGE_SUMMARY, summary_message),
    bind(CHALLENGE_INVITE, timeless(invite_message)),
    bind(CHALLENGE_INVITE_TEAM, timeless(team_invite_message)),
)


def footer(key: DeliveryKey, built: Message) -> Message:
    """The sender's last step for a scheduled row: the nudge footer under the kind's own message."""
    return with_footer(built, KINDS[key.kind], key.recipient_id)


def renderer(clock: Callable[[], datetime]) -> Callable[[str, object], Message]:
    """The sender's renderer: a ledger row's kind and content to a message, as of `clock()`."""
    return lambda kind, content: RENDERERS.render(kind, content, clock())
