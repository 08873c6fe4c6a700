"""The manager's challenge summary (issue 13) and the rep's word of encouragement from it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.notifications.challenge_summary import DAILY, ChallengeSummary
from domain.services.challenge_notices import ChallengeView, Encouraged
from handlers.blocks.challenge import compliance_text
from handlers.blocks.kit import Block, button, context, counted, header, md, mention, message, section
from handlers.edge import ids

SHOWN = 40  # reps listed; a manager has 4-12


def _line(view: ChallengeView) -> str:
    p = view.progress
    if not view.running:
        return md("{rep} · finished: compliance *{rate}*, longest streak *{longest}*", rep=mention(view.rep.user_id),
                  rate=compliance_text(view), longest=p.longest_streak)
    return md("{rep} · streak *{streak}* (longest {longest}) · compliance *{rate}* · {left} left",
              rep=mention(view.rep.user_id), streak=p.streak, longest=p.longest_streak, rate=compliance_text(view),
              left=counted(p.days_left, "day"))  # "1 day", "17 days"


def summary_message(note: ChallengeSummary, _now: datetime) -> dict[str, Any]:
    """One line per rep with a challenge, each with "Send encouragement" while it runs."""
    text = md("Your reps' 21-day challenges, {day:%a %-d %b}.", day=note.day)
    blocks: list[Block] = [header("21-day challenges")]
    for view in note.views[:SHOWN]:
        accessory = (button("Send encouragement", ids.CHALLENGE_ENCOURAGE, str(view.challenge.id))
                     if view.running else None)
        blocks.append(section(_line(view), accessory=accessory))
    other = "weekly" if note.cadence == DAILY else "daily"
    blocks.append(context(md("Sent {cadence}; `/challenge summary {other}` changes it.", cadence=note.cadence,
                             other=other)))
    return message(text, blocks)


def encouraged_message(notice: Encouraged) -> dict[str, Any]:
    """The rep's DM: a short word from their manager, with the figures."""
    p = notice.view.progress
    text = md(":raised_hands: {manager} is cheering you on in your 21-day challenge: a streak of {streak}, "
              "compliance {rate}. Keep it going!", manager=mention(notice.manager_id), streak=p.streak,
              rate=compliance_text(notice.view))
    return message(text, [section(text)])


def encouragement_sent_reply(view: ChallengeView) -> dict[str, Any]:
    """The manager's ephemeral confirmation."""
    text = md(":white_check_mark: Sent {rep} your encouragement.", rep=mention(view.rep.user_id))
    return message(text, [section(text)])
