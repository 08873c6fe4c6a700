"""Hostile-text cases of the scorecard comment builders (issue 11), merged into `hostile_cases.CASES`.

The rep's comment is text one person writes for another: the manager's DM
must show it as typed, never as a broadcast, a mention or a link.
"""

from __future__ import annotations

from domain.coaching.scorecard_comments import IsoWeek, ScorecardComment
from domain.services.scorecard_comments import CommentForm, CommentForManager, CommentSent
from handlers.blocks import kit, scorecard_comments
from tests.unit.handlers.hostile_common import HOSTILE, MANAGER, REP, WS, Call

WEEK = IsoWeek(2026, 50)
COMMENT = ScorecardComment(WS, "UREP", "UMGR", WEEK.label, f"{HOSTILE}\n\n{HOSTILE}")
LONG = ScorecardComment(WS, "UREP", "UMGR", WEEK.label, (HOSTILE * 20)[:2000])

SCORECARD_COMMENT_CASES: dict[str, list[Call]] = {
    "scorecard_comments.comment_modal": [Call(lambda: scorecard_comments.comment_modal(
        CommentForm(REP, MANAGER, WEEK)))],
    "scorecard_comments.comment_for_manager_message": [
        Call(lambda comment=comment: scorecard_comments.comment_for_manager_message(
            CommentForManager(comment, REP, WEEK))) for comment in (COMMENT, LONG)],
    "scorecard_comments.comment_sent_message": [Call(lambda: scorecard_comments.comment_sent_message(
        CommentSent(COMMENT, MANAGER, WEEK)), False)],
    "scorecard_comments.quoted": [Call(lambda: kit.message("", scorecard_comments.quoted(COMMENT.text)))],
}

SCORECARD_COMMENT_NO_PERSON_TEXT: dict[str, str] = {
    "scorecard_comments.week_span": "a plain fragment of dates, escaped where it is used",
    "scorecard_comments.open_rep_scorecard_value": "a button value: a Slack user id and a week",
    **dict.fromkeys(["scorecard_comments.read_comment", "scorecard_comments.read_week_value"],
                    "reads a submission, builds nothing"),
}
