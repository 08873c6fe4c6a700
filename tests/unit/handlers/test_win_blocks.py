"""The success-story builders: the public button, the form read back, and lists inside Block Kit's limits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.fake_slack import check_view
from domain.catalog import load_catalog
from domain.coaching.wins import SuccessStory, WinSource
from domain.model import Member, WorkspaceRef
from domain.services.win_notices import WinForm, WinListing
from domain.services.wins import PAGE_SIZE
from handlers.blocks import limits
from handlers.blocks.kit import message
from handlers.blocks.win_messages import manager_win_blocks, wins_listing_message
from handlers.blocks.wins import read_win, share_win_button, win_modal
from handlers.edge import ids
from tests.handlers.win_steps import win_values

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
AT = datetime(2026, 12, 9, 10, tzinfo=UTC)
REP = Member(WS, "UA", "Alex", "UTC", manager_id="UMGR")
STORY = SuccessStory(WS, "UA", "UMGR", "discovery", "<&>" * 666, "<&>" * 666, "x" * 200, True, WinSource.HOME,
                     created_at=AT, id=1)


def test_the_public_button_says_where_it_was_clicked() -> None:
    assert share_win_button() == {"type": "button", "text": {"type": "plain_text", "text": "Share a win",
                                                             "emoji": True},
                                  "action_id": ids.SHARE_WIN, "value": "challenge", "style": "primary"}
    assert ids.SHARE_WIN == "share_win" and share_win_button(WinSource.HOME)["value"] == "home"


def test_the_form_reads_back_what_was_typed_and_the_consent() -> None:
    modal = win_modal(WinForm(REP, CATALOG.competencies, (), WinSource.COMMAND, None))
    assert check_view(modal) == []
    typed = {**modal, "state": {"values": win_values(share=True)}}
    source, draft = read_win(typed)
    assert source is WinSource.COMMAND and draft.consent and draft.skill == "discovery"
    assert draft.outcome == "average deal size +35%"
    assert not read_win({**modal, "state": {"values": win_values(share=False)}})[1].consent
    assert read_win({"private_metadata": json.dumps({"source": "x"})})[0] is None


def test_a_page_of_the_longest_stories_fits_a_message() -> None:
    stories = tuple(replace(STORY, id=n, created_at=AT - timedelta(days=n)) for n in range(PAGE_SIZE))
    built = wins_listing_message(WinListing("UB", CATALOG.competency("discovery"), stories,
                                            {c.id: c.name for c in CATALOG.competencies}, 3, True))
    assert len(built["blocks"]) <= limits.MESSAGE_BLOCKS
    assert all(len(b["text"]["text"]) <= limits.SECTION_TEXT for b in built["blocks"] if b["type"] == "section")
    assert "More: `/coach wins discovery 4`" in json.dumps(built) and "(page 3)" in built["text"]
    home = message("", manager_win_blocks([STORY] * 5, {}))
    assert all(len(b["text"]["text"]) <= limits.SECTION_TEXT for b in home["blocks"] if b["type"] == "section")
    assert "More: `/coach wins`" in json.dumps(home)
