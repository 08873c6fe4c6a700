"""The rep's "Add a comment for my manager" modal, the manager's DM with the comment, and the rep's confirmation.

The comment is the rep's text for someone else: it is escaped wherever it
is shown in mrkdwn, and quoted line by line so the manager sees it as
the rep's words. The button under it opens the rep's scorecard of that week
for the manager (`ids.OPEN_REP_SCORECARD`, the value the team digest uses).
"""

from __future__ import annotations

import json
from typing import Any

from domain import field_lengths
from domain.coaching.scorecard_comments import IsoWeek
from domain.services.scorecard_comments import COMMENT_FIELD, CommentForm, CommentForManager, CommentSent
from handlers.blocks import limits
from handlers.blocks.inputs import input_block, metadata, selected, state_values, text_input
from handlers.blocks.kit import Block, actions, button, context, joined, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn
from handlers.edge import ids

WEEK = "week"  # the modal's private_metadata key: the ISO week label
NOTIFICATION_WORDS = 200  # characters of the comment in the notification text; the message holds it all
LINE_PIECE = 500  # characters of a very long line per quoted line: escaped (at most 5 times longer) it fits a section


def week_span(week: IsoWeek) -> str:
    """"7-13 Dec", "30 Nov-6 Dec", "28 Dec-3 Jan": the days of a week, as a scorecard names them."""
    monday, sunday = week.monday, week.sunday
    if monday.month == sunday.month:
        return f"{monday.day}-{sunday.day} {sunday:%b}"
    return f"{monday.day} {monday:%b}-{sunday.day} {sunday:%b}"


def comment_modal(form: CommentForm) -> dict[str, Any]:
    """One field for the rep's words; the title names who reads them (clipped to Slack's 24 characters)."""
    blocks: list[Block] = [
        context(md("Your scorecard for week {number} ({span})", number=form.week.number, span=week_span(form.week))),
        input_block(COMMENT_FIELD, "Your comment", text_input(
            None, multiline=True, max_length=field_lengths.SCORECARD_COMMENT,
            placeholder="What went well, what got in the way, where you want help"),
            hint=f"Sent to {form.manager.name} in a DM, with a link to this scorecard."),
    ]
    return {
        "type": "modal",
        "callback_id": ids.SCORECARD_COMMENT_VIEW,
        "title": plain(f"Comment for {form.manager.name}", limits.VIEW_TITLE),
        "submit": plain("Send", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps({WEEK: form.week.label}),
        "blocks": blocks,
    }


def read_comment(view: dict[str, Any]) -> tuple[str | None, str]:
    """(the week label the modal was opened on, None if the metadata was tampered with; the comment as typed)."""
    label = metadata(view).get(WEEK)
    return (label if isinstance(label, str) else None), selected(state_values(view), COMMENT_FIELD) or ""


def read_week_value(value: str | None) -> str | None:
    """The week label on an "Add a comment for my manager" button; None for a value we never wrote."""
    week = IsoWeek.parse(value)
    return week.label if week is not None else None


def quoted(text: str) -> list[Block]:
    """A person's text as a mrkdwn block quote, every line of it escaped, all of it shown.

    Escaping can make a 2,000-character comment five times longer (`<` is
    `&lt;`), more than a section holds: the quote goes on over as many
    sections as it needs, split between lines (a line too long for one is
    cut into pieces, each its own quoted line), never clipped.
    """
    lines: list[Mrkdwn] = []
    for line in text.splitlines() or [""]:
        quoted_line = md(">{line}", line=line)
        if len(quoted_line) <= limits.SECTION_TEXT:
            lines.append(quoted_line)
        else:
            lines.extend(md(">{piece}", piece=line[start : start + LINE_PIECE])
                         for start in range(0, len(line), LINE_PIECE))
    sections: list[list[Mrkdwn]] = [[]]
    length = -1  # no newline before a section's first line
    for quoted_line in lines:
        if sections[-1] and length + 1 + len(quoted_line) > limits.SECTION_TEXT:
            sections.append([])
            length = -1  # no newline before a section's first line
        sections[-1].append(quoted_line)
        length += 1 + len(quoted_line)
    return [section(joined("\n", part)) for part in sections]


def open_rep_scorecard_value(rep_id: str, week_label: str) -> str:
    """The value of "Open <rep>'s scorecard": "<rep user id>|<week label>", as on the team digest."""
    return f"{rep_id}|{week_label}"


def comment_for_manager_message(notice: CommentForManager) -> dict[str, Any]:
    """To the manager: the rep's comment, quoted, and the button to that week's scorecard."""
    comment, week = notice.comment, notice.week
    intro = md("{rep} commented on their scorecard for week {number} ({span}):", rep=mention(comment.rep_id),
               number=week.number, span=week_span(week))
    text = md("{rep} commented on their scorecard for week {number}: {words}", rep=mention(comment.rep_id),
              number=week.number, words=limits.clip(comment.text, NOTIFICATION_WORDS))
    return message(text, [
        section(intro),
        *quoted(comment.text),
        actions(button(f"Open {notice.rep.name}'s scorecard", ids.OPEN_REP_SCORECARD,
                       value=open_rep_scorecard_value(comment.rep_id, comment.week))),
    ])


def comment_sent_message(notice: CommentSent) -> dict[str, Any]:
    """To the rep: short, and saying where their words went."""
    sent = md("Sent to {manager}.", manager=mention(notice.manager.user_id))
    return message(sent, [
        section(sent),
        context(md("Your comment on your scorecard for week {number} ({span}).", number=notice.week.number,
                   span=week_span(notice.week))),
    ])
