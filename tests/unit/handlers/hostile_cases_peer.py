"""Peer learning's block builders (issue 11) called with hostile text; merged into `hostile_cases.CASES`.

The rep's shared words, their name, a skill or indicator name from an
admin's catalog and a Slack error all carry `HOSTILE`; each must be shown
as typed, never obeyed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.coaching.peer_learning import Improvement, PeerShare, ShareStatus
from domain.notifications.peer_learning import PeerAskNote
from domain.services.peer_learning import Declined, PostFailedForAdmin, Shared, ShareView
from handlers.blocks import peer_learning
from tests.unit.handlers.hostile_common import HOSTILE, REP, WS, Call

FOUND = Improvement("UREP", "discovery", "discovery_questions_asked", date(2026, 12, 7), 3.2, 5.1, 4)
SHARE = PeerShare(WS, "UREP", "2026-W50", "discovery", "discovery_questions_asked", 3.2, 5.1, 4,
                  ShareStatus.SHARED, f"{HOSTILE}\n\n{HOSTILE}", "CCOACH")
VIEW = ShareView(SHARE, HOSTILE, HOSTILE)
FAILED = ShareView(replace(SHARE, status=ShareStatus.POSTED_FAILED, error=HOSTILE[:64]), HOSTILE, HOSTILE)

PEER_CASES: dict[str, list[Call]] = {
    "peer_learning.peer_ask_message": [Call(lambda: peer_learning.peer_ask_message(
        PeerAskNote(WS, REP, FOUND, HOSTILE, HOSTILE, "CCOACH", (HOSTILE, HOSTILE))))],
    "peer_learning.share_modal": [Call(lambda: peer_learning.share_modal(VIEW, "CCOACH", "DUREP", "1765.0001"))],
    "peer_learning.announcement_message": [Call(lambda: peer_learning.announcement_message(
        Shared(VIEW, REP, fresh=True)))],
    "peer_learning.quoted": [Call(lambda: {"blocks": peer_learning.quoted(HOSTILE * 40)})],
    "peer_learning.shared_message": [Call(lambda: peer_learning.shared_message(VIEW))],
    "peer_learning.not_posted_message": [Call(lambda: peer_learning.not_posted_message(FAILED))],
    "peer_learning.declined_message": [Call(lambda stopped=stopped: peer_learning.declined_message(
        Declined(VIEW, False, stopped))) for stopped in (False, True)],
    "peer_learning.already_decided_message": [Call(lambda view=view: peer_learning.already_decided_message(
        view, stopped=True), view is FAILED) for view in (VIEW, FAILED)],
    "peer_learning.post_failed_admin_message": [Call(lambda: peer_learning.post_failed_admin_message(
        PostFailedForAdmin("UREP", "CCOACH", HOSTILE)))],
    "peer_learning.improvement_words": [Call(lambda: peer_learning.improvement_words(HOSTILE, HOSTILE, 3.2, 5.1))],
    "peer_learning.channel_message": [Call(lambda channel=channel, changed=changed: peer_learning.channel_message(
        channel, changed=changed), False) for channel in ("CCOACH", None) for changed in (False, True)],
}
PEER_NO_PERSON_TEXT: dict[str, str] = {
    "peer_learning.share_value": "a button value: a Slack user id and an ISO week",
    "peer_learning.read_share_value": "reads a button value, builds nothing",
    "peer_learning.read_share_form": "reads a submission, builds nothing",
    "peer_learning.channel_mention": "a channel id we stored, escaped (covered through channel_message)",
}
