"""What a use case asks of the Slack edge, as data (DESIGN.md section 3, rule 6).

A use case runs one unit of work and returns `Done(result, effects)`. The
listener answers the person who acted from `result` (an inline error, the
button's message replaced); one sender at the edge
(`handlers.edge.sender.deliver`) delivers `effects` after the commit: DMs,
each a `Notice` the edge renders with its block builder, charts beside them,
and App Homes. Before its commit the use case builds those App Homes and
writes a ledger row for each DM (`domain.services.use_case.finish`), so what
is delivered shows what was saved and is on record with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from domain.delivery import Delivery

if TYPE_CHECKING:
    from domain.services.homes import HomeModel


class Notice:
    """What a message says, as domain data: one subclass per kind of message, rendered at the edge."""


@dataclass(frozen=True)
class Refusal(Notice):
    """A use case said no (`CoachflowError`); `text` is meant for the person."""

    text: str


@dataclass(frozen=True)
class Message:
    """A DM from the app to `to` about `notice`.

    `delivery` is its reply row in the ledger, written in the use case's own
    transaction, or None when the sender writes one (a listener's notice).
    """

    to: str
    notice: Notice
    delivery: Delivery | None = None


@dataclass(frozen=True)
class Picture:
    """A chart of `notice` for `to`'s DM, after the message that says the same in words."""

    to: str
    notice: Notice


@dataclass(frozen=True)
class Effects:
    """Everything a use case asks Slack for, in the order it is to happen."""

    messages: tuple[Message, ...] = ()
    pictures: tuple[Picture, ...] = ()
    refresh: tuple[str, ...] = ()  # whose App Home changed, without repeats
    homes: tuple[HomeModel, ...] = ()  # those App Homes, built in the use case's unit before its commit
    # Whose App Homes the sender builds after the commit instead, in a read-only unit of its own
    # (`finish(..., homes_after_commit=True)`): a form's ack need not wait for them, nor the write lock.
    homes_after_commit: tuple[str, ...] = ()

    def __add__(self, other: Effects) -> Effects:
        return Effects(
            self.messages + other.messages,
            self.pictures + other.pictures,
            tuple(dict.fromkeys(self.refresh + other.refresh)),
            self.homes + other.homes,
            homes_after_commit=tuple(dict.fromkeys(self.homes_after_commit + other.homes_after_commit)),
        )


def tell(to: str, notice: Notice) -> Effects:
    """A DM to one person."""
    return Effects(messages=(Message(to, notice),))


def refresh(*user_ids: str | None) -> Effects:
    """These people's App Homes changed (None and repeats are dropped)."""
    return Effects(refresh=tuple(dict.fromkeys(u for u in user_ids if u)))


R = TypeVar("R")


@dataclass(frozen=True)
class Done(Generic[R]):
    """What a use case returns: its result for the listener, and what to deliver after the commit."""

    result: R
    effects: Effects = field(default_factory=Effects)
