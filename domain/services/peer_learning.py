"""Peer learning's use cases: the rep's answer to the Friday ask, and the admin's coaching channel.

The ask arrives through the scheduling engine (domain/notifications/peer_learning.py),
which writes its row ("asked") once Slack has it. Here, for that rep only:
"Share my approach" (the form, then the words stored and posted once),
"Not this time" (declined: nothing is ever posted) and "Don't ask me again"
(declined, and the kind muted for them through the preference service).
Each decision is stored once whatever Slack retries (a receipt per request,
the row locked and its status checked); a click after the decision is
answered kindly and changes nothing.

Posting is the edge's: the share's ledger row (kind "reply", its channel
the coaching channel) is written here with the decision, so the post is on
record and sent once; how it went comes back through `posted`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from domain import field_lengths
from domain.catalog import Catalog
from domain.coaching.peer_learning import PeerShare, ShareStatus
from domain.delivery import Delivery, reply_period, reply_row
from domain.effects import Done, Effects, Message, Notice
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, Workspace, WorkspaceRef
from domain.notifications.peer_learning import KIND_NAME
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.services.preferences import PreferenceService
from domain.services.use_case import finish

WORDS_FIELD = "words"
NOT_YOURS = "This ask was sent to someone else; only the rep it was sent to can answer it."
NOT_OPEN = "This ask is no longer open, so nothing was posted."
NOT_ADMIN = "Only a Coachflow admin can set the coaching channel."
NO_CHANNEL = "no_channel"  # the error kept when the admin cleared the channel before the rep accepted


@dataclass(frozen=True)
class ShareView:
    """An ask as its rep sees it: the improvement in the catalog's words, and where it stands."""

    share: PeerShare
    skill: str  # the competency's name
    indicator: str  # the indicator's name


@dataclass(frozen=True)
class Shared:
    """The rep's words, stored. `fresh`: this request decided it (post now); else it was decided before.

    `post`: the announcement's ledger row (its channel the coaching
    channel), None when there is nothing to post.
    """

    view: ShareView
    rep: Member
    fresh: bool
    post: Delivery | None = None


@dataclass(frozen=True)
class Declined:
    """"Not this time" or "Don't ask me again": nothing posted. `already`: decided before this click."""

    view: ShareView
    already: bool
    stopped: bool = False  # the rep will not be asked again


@dataclass(frozen=True)
class PostFailedForAdmin(Notice):
    """To each admin: a rep's accepted share could not be posted in the coaching channel, and why."""

    rep_id: str
    channel_id: str
    error: str


class PeerLearningService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime],
                 preferences: PreferenceService | None = None) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._preferences = preferences

    # -- the rep's answer -----------------------------------------------------------

    def ask(self, ws: WorkspaceRef, user_id: str, rep_id: str, week: str) -> ShareView:
        """The ask behind "Share my approach" (its words prefill the form); refused for anyone but its rep."""
        with self._uow_factory(read_only=True) as uow:
            return self._view(self._own(uow, ws, user_id, rep_id, week))

    def share(self, ws: WorkspaceRef, user_id: str, rep_id: str, week: str, text: str,
              receipt: Receipt | None = None) -> Done[Shared]:
        """Store the rep's words and the announcement's ledger row; once, whatever the retries."""
        now = self._clock()
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            share = self._own(uow, ws, user_id, rep_id, week, for_update=True)
            rep = uow.members.get(ws, user_id)
            assert rep is not None  # `_own` found their ask
            if share.status.decided:
                uow.commit()  # the receipt: a replay of this request is known as one
                return Done(Shared(self._view(share), rep, fresh=False))
            words = text.strip()
            problem = ("Write a few words about what you did, so your team can try it." if not words
                       else field_lengths.text_problem(words, field_lengths.PEER_SHARE_TEXT))
            if problem:
                raise FieldProblems({WORDS_FIELD: problem})
            channel = _channel(uow.workspaces.get(ws))
            post = None
            if channel is None:
                decided = replace(share, status=ShareStatus.POSTED_FAILED, text=words, error=NO_CHANNEL,
                                  decided_at=now)
            else:
                decided = replace(share, status=ShareStatus.SHARED, text=words, channel_id=channel, error=None,
                                  decided_at=now)
                post = replace(reply_row(ws, user_id, reply_period(f"peer-share:{ws.team_id}:{rep_id}:{week}"),
                                         now), channel=channel)
                uow.deliveries.add_if_absent(post)
            uow.peer_shares.update(decided)
            uow.commit()
        return Done(Shared(self._view(decided), rep, fresh=True, post=post))

    def decline(self, ws: WorkspaceRef, user_id: str, rep_id: str, week: str, receipt: Receipt | None = None,
                *, stop_asking: bool = False) -> Declined:
        """"Not this time" (or, `stop_asking`, "Don't ask me again", which also mutes the kind for them)."""
        now = self._clock()
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            share = self._own(uow, ws, user_id, rep_id, week, for_update=True)
            already = share.status.decided
            if not already:
                share = replace(share, status=ShareStatus.DECLINED, decided_at=now)
                uow.peer_shares.update(share)
            uow.commit()
        if stop_asking and self._preferences is not None:
            self._preferences.set_muted(ws, user_id, KIND_NAME, muted=True)
        return Declined(self._view(share), already, stopped=stop_asking)

    def posted(self, ws: WorkspaceRef, rep_id: str, week: str, sent: Delivery) -> Done[ShareView]:
        """How the announcement went: its ts kept; or, refused, the share kept "not posted" and the admins told."""
        now = self._clock()
        with self._uow_factory() as uow:
            share = uow.peer_shares.get(ws, rep_id, week, for_update=True)
            if share is None:
                raise NotFound(f"No peer-learning ask of {rep_id} for {week}.")
            if share.status is not ShareStatus.SHARED:
                return Done(self._view(share))  # decided otherwise meanwhile: nothing to record
            if sent.ts:
                updated = replace(share, message_ts=sent.ts, channel_id=sent.channel or share.channel_id)
                effects = Effects()
            else:
                updated = replace(share, status=ShareStatus.POSTED_FAILED, error=(sent.error or "unknown")[:64])
                admins = [m for m in uow.members.list_all(ws) if m.is_admin]
                notice = PostFailedForAdmin(rep_id, share.channel_id or "", updated.error or "")
                effects = Effects(messages=tuple(Message(a.user_id, notice) for a in admins))
            uow.peer_shares.update(updated)
            done = finish(uow, ws, Done(self._view(updated), effects), catalog=self._catalog, now=now)
            uow.commit()
        return done

    # -- the admin's channel ----------------------------------------------------------

    def set_channel(self, ws: WorkspaceRef, admin_id: str, channel_id: str | None) -> str | None:
        """Set (or, None, clear) where accepted shares are posted; admins only."""
        with self._uow_factory() as uow:
            admin = uow.members.get(ws, admin_id)
            if admin is None or not admin.is_admin:
                raise NotAllowed(NOT_ADMIN)
            workspace = uow.workspaces.get(ws) or Workspace(ref=ws)
            uow.workspaces.update(replace(workspace, settings=replace(workspace.settings,
                                                                      coaching_channel=channel_id)))
            uow.commit()
        return channel_id

    def channel(self, ws: WorkspaceRef) -> str | None:
        with self._uow_factory(read_only=True) as uow:
            return _channel(uow.workspaces.get(ws))

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _own(uow: UnitOfWork, ws: WorkspaceRef, user_id: str, rep_id: str, week: str, *,
             for_update: bool = False) -> PeerShare:
        if rep_id != user_id:
            raise NotAllowed(NOT_YOURS)  # the same answer whether or not that rep was asked
        share = uow.peer_shares.get(ws, rep_id, week, for_update=for_update)
        if share is None:
            raise NotFound(NOT_OPEN)
        return share

    def _view(self, share: PeerShare) -> ShareView:
        try:
            skill = self._catalog.competency(share.competency).name
            indicator = self._catalog.indicator(share.indicator).name
        except NotFound:  # the deployment's catalog changed since the ask: its ids still say what it was
            skill, indicator = share.competency, share.indicator
        return ShareView(share, skill, indicator)


def _channel(workspace: Workspace | None) -> str | None:
    return workspace.settings.coaching_channel if workspace is not None else None
