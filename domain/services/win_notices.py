"""What the success-story use cases hand the Slack edge: the form, the listing and the messages, as data."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog.model import Competency
from domain.coaching.wins import SuccessStory, WinSource
from domain.delivery import Delivery
from domain.effects import Notice
from domain.model import Member


@dataclass(frozen=True)
class WinForm:
    """The "Share a win" modal: the catalog's skills with the rep's focus skills first, and where a shared win goes."""

    rep: Member
    skills: tuple[Competency, ...]
    focus: tuple[str, ...]  # the rep's focus skill ids, offered first
    source: WinSource
    channel: str | None  # the team channel a shared win is posted to; None when no channel is set


@dataclass(frozen=True)
class WinForManager(Notice):
    """To the rep's manager: the rep's win, in full (private to the two of them unless the rep shared it)."""

    story: SuccessStory
    rep: Member
    skill_name: str


@dataclass(frozen=True)
class WinRecorded:
    """What the rep's submission came to: their win kept, their manager told, and whether it goes to the channel.

    `post`: the channel post's ledger row (its `channel` the team channel),
    written with the story when the rep consented and a channel is set; the
    edge sends it and reports back through `WinService.posted`.
    """

    story: SuccessStory
    manager: Member
    skill_name: str
    post: Delivery | None


@dataclass(frozen=True)
class WinListing:
    """`/coach wins [skill]`: the stories the caller may see, latest first, one page of them."""

    caller_id: str
    skill: Competency | None
    stories: tuple[SuccessStory, ...]
    skill_names: dict[str, str]
    page: int
    more: bool  # another page follows
