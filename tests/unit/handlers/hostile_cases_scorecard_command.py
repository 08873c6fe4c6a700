"""`/scorecard`'s answers (handlers/blocks/scorecard_answers.py) called with hostile text; merged into
`hostile_cases.CASES`: the rep's name, their words, the manager's feedback and a CRM's names stay text."""

from __future__ import annotations

from domain.services.scorecard_export import Export, ExportRow
from domain.services.scorecard_views import ExportView, RepCardView, TeamCardView
from handlers.blocks import kit, scorecard_answers
from tests.unit.handlers.hostile_cases_scorecard import HOSTILE_CARD, QUIET_CARD, TEAMS
from tests.unit.handlers.hostile_common import HOSTILE, Call

ROW = ExportRow("T1", "UREP", HOSTILE, "discovery", "discovery_questions_asked", "2026-W48", "2026-11-23", 6.5, 4,
                1.5, "better", False, HOSTILE, 8.0, 1.5, 0, None, None, None)
EXPORTS = [ExportView(Export([ROW], 1, "2026-W45", "2026-W48"), "<@UREP>", "scorecard-UREP"),
           ExportView(Export([], 0, None, None), "<@UMGR>'s team", "team-scorecard-UMGR")]

SCORECARD_COMMAND_CASES: dict[str, list[Call]] = {
    "scorecard_answers.own_scorecard_answer": [Call(lambda card=card: scorecard_answers.own_scorecard_answer(
        RepCardView(card, own=True))) for card in (HOSTILE_CARD, QUIET_CARD)],
    "scorecard_answers.rep_scorecard_answer": [Call(lambda hidden=hidden: scorecard_answers.rep_scorecard_answer(
        RepCardView(HOSTILE_CARD, own=False, words_hidden=hidden))) for hidden in (False, True)],
    "scorecard_answers.full_scorecard_modal": [Call(lambda hidden=hidden: scorecard_answers.full_scorecard_modal(
        RepCardView(HOSTILE_CARD, own=False, words_hidden=hidden))) for hidden in (False, True)],
    "scorecard_answers.post_confirmation": [Call(lambda: scorecard_answers.post_confirmation(
        RepCardView(HOSTILE_CARD, own=True)), shows_person_text=False)],
    "scorecard_answers.posted_scorecard": [Call(lambda: scorecard_answers.posted_scorecard(HOSTILE_CARD))],
    "scorecard_answers.team_scorecard_answer": [Call(lambda team=team, own=own: scorecard_answers.team_scorecard_answer(
        TeamCardView(team, own=own))) for team in TEAMS for own in (True, False)],
    "scorecard_answers.export_answer": [Call(lambda done=done, uploaded=uploaded: scorecard_answers.export_answer(
        done, uploaded), shows_person_text=False) for done in EXPORTS for uploaded in (True, False)],
    "scorecard_answers.export_comment": [Call(lambda: kit.message(scorecard_answers.export_comment(EXPORTS[0]), []),
                                              shows_person_text=False)],
}

SCORECARD_COMMAND_NO_PERSON_TEXT: dict[str, str] = {
    "scorecard_answers.post_button": "a button with the week's label as its value and our own confirm text",
    "scorecard_answers.posted_note": "says which week was posted, nothing anyone wrote",
    "scorecard_answers.scorecard_help": "our own help lines",
}
