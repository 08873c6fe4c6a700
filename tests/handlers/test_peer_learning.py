"""Peer learning through Slack: Friday's ask to the team's most improved rep, and each answer to it.

The ask reaches only Alex (he improved most); Bea, who improved less,
hears nothing. Sharing posts his words once, escaped, in the coaching
channel; declining posts nothing; "Don't ask me again" means no ask next
Friday; a channel the app is not in keeps his words and tells him and the
admin why.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import Engine, text

from domain.notifications.peer_learning import KIND_NAME
from handlers.edge import ids
from tests.handlers.peer_steps import AFTER_FRIDAY, COACHING, WORDS, Peer, peer, set_channel, text_of
from tests.unit.domain.peer_world import debriefs

__all__ = ["peer"]  # the fixture

NEXT_SATURDAY = datetime(2026, 12, 19, 2, 0, tzinfo=UTC)
NEXT_MONDAY = date(2026, 12, 14)


def _shares(engine: Engine) -> list[tuple[str, str, str, str | None]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(
            "SELECT rep_id, week, status, message_ts FROM peer_shares ORDER BY id"))]


def _open_form(peer: Peer, ask: dict[str, object]) -> dict[str, object]:
    request = peer.click("UA", ask, ids.PEER_SHARE)
    modal = peer.fake.view_opened_by(request.payload["trigger_id"])
    assert modal is not None
    return modal


def test_alex_is_asked_privately_accepts_and_his_own_words_are_posted_once(peer: Peer, engine: Engine) -> None:
    set_channel(peer)
    peer.advance_to(AFTER_FRIDAY)

    [ask] = peer.asks_to("UA")
    assert peer.asks_to("UB") == []  # no ranking reaches anyone else
    shown = text_of(ask)
    assert "Discovery: questions asked per discovery call 4 → 7" in shown and f"<#{COACHING}>" in shown
    assert [e["text"]["text"] for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        "Share my approach", "Not this time", "Don't ask me again", "Pause a week", "Stop these"]  # + the footer
    assert _shares(engine) == [("UA", "2026-W50", "asked", None)]

    modal = _open_form(peer, ask)
    [words_input] = [b for b in modal["blocks"] if b.get("block_id") == "words"]  # type: ignore[attr-defined]
    assert words_input["element"]["initial_value"].startswith("Asked what happens if they wait (3)")
    submission = peer.submit("UA", modal, WORDS)
    assert peer.slack.dispatch(submission).body == ""
    peer.slack.listeners.wait_idle()

    [post] = peer.posts_in(COACHING)
    posted = json.dumps(post.params["blocks"], ensure_ascii=False)
    assert "<@UA>" in posted and "*Discovery*" in posted and "4 → 7" in posted
    assert ">I asked &lt;!channel&gt; what waiting costs them &amp; let the silence work" in posted
    assert "<!channel>" not in posted  # their words are shown, never obeyed
    [update] = peer.fake.calls_to("chat.update")
    assert update.params["ts"] == ask["ts"] and "Shared in" in json.dumps(update.params["blocks"])
    assert _shares(engine)[0][2] == "shared" and _shares(engine)[0][3] is not None

    # Slack retries the submission; a second form; a second click: nothing is posted again.
    assert peer.slack.dispatch(submission).status == 200
    again = peer.submit("UA", modal, "Something else")
    assert "You shared your approach already" in peer.slack.dispatch(again).body
    later = peer.click("UA", ask, ids.PEER_SHARE)
    peer.slack.listeners.wait_idle()
    assert "You shared your approach already" in text_of(peer.answers_to(later)[-1])
    assert len(peer.posts_in(COACHING)) == 1


def test_bea_can_neither_open_nor_answer_alexs_ask(peer: Peer, engine: Engine) -> None:
    set_channel(peer)
    peer.advance_to(AFTER_FRIDAY)
    [ask] = peer.asks_to("UA")

    for action_id in (ids.PEER_SHARE, ids.PEER_DECLINE):
        request = peer.click("UB", ask, action_id, owner="UA")
        assert "sent to someone else" in text_of(peer.answers_to(request)[-1])
    assert peer.fake.calls_to("views.open") == []
    assert _shares(engine) == [("UA", "2026-W50", "asked", None)]


def test_alex_declines_and_nothing_is_posted(peer: Peer, engine: Engine) -> None:
    set_channel(peer)
    peer.advance_to(AFTER_FRIDAY)
    [ask] = peer.asks_to("UA")

    answer = peer.answers_to(peer.click("UA", ask, ids.PEER_DECLINE))[-1]
    share = peer.click("UA", ask, ids.PEER_SHARE)  # a click after deciding

    assert answer["replace_original"] is True and "No problem — nothing was posted." in text_of(answer)
    assert "You said not this time" in text_of(peer.answers_to(share)[-1])
    assert peer.fake.calls_to("views.open") == [] and peer.posts_in(COACHING) == []
    assert _shares(engine) == [("UA", "2026-W50", "declined", None)]


def test_dont_ask_me_again_mutes_the_asks_and_next_friday_brings_none(peer: Peer, engine: Engine) -> None:
    set_channel(peer)
    peer.advance_to(AFTER_FRIDAY)
    [ask] = peer.asks_to("UA")

    answer = peer.answers_to(peer.click("UA", ask, ids.PEER_STOP))[-1]
    debriefs(peer.uow_factory, "UA", NEXT_MONDAY, [9, 9, 9])  # he improves again
    debriefs(peer.uow_factory, "UB", NEXT_MONDAY, [5, 5, 5])
    peer.advance_to(NEXT_SATURDAY)

    assert "I won't ask you again" in text_of(answer) and peer.posts_in(COACHING) == []
    assert len(peer.asks_to("UA")) == 1 and peer.asks_to("UB") == []
    assert f"`{KIND_NAME}`" in peer.slack.coach("UA", "notify").last_text
    assert _shares(engine) == [("UA", "2026-W50", "declined", None)]


def test_without_a_coaching_channel_nobody_is_asked(peer: Peer, engine: Engine) -> None:
    peer.advance_to(AFTER_FRIDAY)
    assert peer.asks_to("UA") == [] and _shares(engine) == []


def test_a_channel_the_app_is_not_in_keeps_the_words_and_tells_alex_and_the_admin(peer: Peer,
                                                                                  engine: Engine) -> None:
    set_channel(peer, "CPRIVATE", "leads-only")  # private: nobody invited the app
    peer.advance_to(AFTER_FRIDAY)
    [ask] = peer.asks_to("UA")

    assert peer.slack.dispatch(peer.submit("UA", _open_form(peer, ask), WORDS)).body == ""
    peer.slack.listeners.wait_idle()

    [update] = peer.fake.calls_to("chat.update")
    assert "Your words are saved, but they could not be posted" in json.dumps(update.params["blocks"])
    assert any("could not post" in text_of(m) and "<@UA>" in text_of(m) for m in peer.fake.messages_to("UADMIN"))
    assert _shares(engine) == [("UA", "2026-W50", "posted_failed", None)]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM peer_shares")).scalar_one() == WORDS


def test_admin_channel_sets_shows_and_clears_the_coaching_channel_for_admins_only(peer: Peer) -> None:
    assert "Peer learning is off" in peer.slack.coach("UADMIN", "admin channel").last_text
    assert "Only a Coachflow admin" in peer.slack.coach("UMGR", f"admin channel <#{COACHING}|x>").last_text
    assert "Pick the channel from the # autocomplete" in peer.slack.coach("UADMIN", "admin channel #sales").last_text

    assert f"<#{COACHING}>" in set_channel(peer) and "/invite @Coachflow" in set_channel(peer)
    assert f"<#{COACHING}>" in peer.slack.coach("UADMIN", "admin channel").last_text
    assert "Cleared" in peer.slack.coach("UADMIN", "admin channel off").last_text
    assert "Peer learning is off" in peer.slack.coach("UADMIN", "admin channel").last_text


def test_a_decline_clicked_twice_and_replayed_is_recorded_once_and_answered_once(peer: Peer, engine: Engine) -> None:
    set_channel(peer)
    peer.advance_to(AFTER_FRIDAY)
    [ask] = peer.asks_to("UA")

    for action_id in (ids.PEER_DECLINE, ids.PEER_STOP):
        first = peer.click("UA", ask, action_id)
        assert peer.slack.dispatch(first).status == 200  # Slack delivers the same click again
        peer.slack.listeners.wait_idle()
        assert len(peer.answers_to(first)) == 1, action_id

    assert _shares(engine) == [("UA", "2026-W50", "declined", None)] and peer.posts_in(COACHING) == []
