"""Hostile-text cases of the success-story builders (issue 13), merged into `hostile_cases.CASES`.

A win is text a rep writes for their manager and, with consent, their
team: the DM, the channel post, `/coach wins` and the manager's Home must
show it as typed, never as a broadcast, a mention or a link.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.wins import SuccessStory, WinSource
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.services.win_notices import WinForm, WinForManager, WinListing, WinRecorded
from handlers.blocks import kit, win_messages, wins
from tests.unit.handlers.hostile_common import CATALOG, HOSTILE, MANAGER, REP, WS, Call

AT = datetime(2026, 12, 9, 10, tzinfo=UTC)
STORY = SuccessStory(WS, "UREP", "UMGR", "discovery", f"{HOSTILE}\n\n{HOSTILE}", HOSTILE, HOSTILE[:200], False,
                     WinSource.HOME, created_at=AT, id=4)
SHARED = replace(STORY, consent=True)
LONG = replace(STORY, what_happened=(HOSTILE * 20)[:2000], approach=(HOSTILE * 20)[:2000])
POST = Delivery(DeliveryKey("T1", "UREP", "reply", "x"), DeliveryStatus.SENDING, AT, AT, channel="CCOACH")
NAMES = {"discovery": HOSTILE}


def _recorded(story: SuccessStory, post: Delivery | None) -> WinRecorded:
    return WinRecorded(story, MANAGER, HOSTILE, post)


WINS_CASES: dict[str, list[Call]] = {
    "wins.win_modal": [Call(lambda: wins.win_modal(WinForm(REP, CATALOG.competencies, ("closing",), WinSource.HOME,
                                                           "CCOACH"), HOSTILE))],
    "win_messages.win_for_manager_message": [
        Call(lambda story=story: win_messages.win_for_manager_message(WinForManager(story, REP, HOSTILE)))
        for story in (STORY, SHARED, LONG)],
    "win_messages.win_channel_message": [
        Call(lambda story=story: win_messages.win_channel_message(_recorded(story, POST))) for story in (SHARED, LONG)],
    "win_messages.win_recorded_message": [
        Call(lambda story=story, post=post, posted=posted: win_messages.win_recorded_message(
            _recorded(story, post), posted))
        for story, post, posted in ((STORY, None, None), (SHARED, None, None), (SHARED, POST, True),
                                    (SHARED, POST, False))],
    "win_messages.wins_listing_message": [
        Call(lambda skill=skill, stories=stories: win_messages.wins_listing_message(
            WinListing("UREP", skill, stories, NAMES, 2, True)), bool(stories))
        for skill, stories in ((None, (STORY, SHARED, LONG)), (CATALOG.competency("discovery"), (STORY,)),
                               (CATALOG.competency("discovery"), ()))],
    "win_messages.manager_win_blocks": [
        Call(lambda: kit.message("", win_messages.manager_win_blocks([STORY, SHARED, LONG], NAMES)))],
}

WINS_NO_PERSON_TEXT: dict[str, str] = {
    "win_messages.rep_win_blocks": "our button and our words only",
    "wins.share_win_button": "our button; its value is where it was clicked",
    **dict.fromkeys(["wins.read_win", "wins.read_source"], "reads a submission or a button value, builds nothing"),
}
