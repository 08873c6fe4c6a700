"""How much text a person may type into each field: one number for the form, the check and the column.

The modal builders use these as `max_length`, the storage columns as their
`String(n)` lengths, and the services check them again, because a crafted
submission does not go through the modal's limit and Slack may count
characters differently from the database (PostgreSQL's varchar counts code
points). Slack caps a plain_text_input at 3000 characters.

`tests/unit/handlers/test_form_lengths.py` finds every text input of every
modal and checks its `max_length` against the column it lands in.
"""

from __future__ import annotations

SLACK_INPUT_MAX = 3000  # plain_text_input.max_length may not exceed this

CALL_TITLE = 150  # call_scores.call_title
CALL_LINK = 500  # call_scores.call_link
CALL_NOTES = SLACK_INPUT_MAX  # call_scores.notes (Text)
CONTRACT_TARGET = 100  # contracts.metrics[].target (JSON)
CONTRACT_COMMITMENTS = SLACK_INPUT_MAX  # contracts.rep_commitments / manager_commitments (Text)
ROLEPLAY_NOTE = 1000  # roleplay_practices.note
HOMEWORK_TEXT = SLACK_INPUT_MAX  # homework.text (Text): the assignment as the manager wrote it
HOMEWORK_ANSWER = SLACK_INPUT_MAX  # homework.hand_in_text (Text): the rep's answer, or a note beside a link or file
HOMEWORK_LINK = 500  # homework.hand_in_link
HOMEWORK_FEEDBACK = SLACK_INPUT_MAX  # homework.feedback (Text)
HOMEWORK_FILE_NAME = 255  # homework.hand_in_file_name: Slack's name of a handed-in file, clipped (nobody types it)


def text_problem(text: str, limit: int) -> str | None:
    """The inline error for text that cannot be stored as typed, or None when it fits.

    Too long for its column, or holding a NUL character, which PostgreSQL
    refuses in any text (only a crafted submission carries one).
    """
    if len(text) > limit:
        return f"Keep it to {limit} characters; this is {len(text)}."
    if "\x00" in text:
        return "Remove the invisible NUL character from this text."
    return None


# Calls debriefed by a rep or shadowed by their manager (issue 10).
CALL_ACCOUNT = 255  # debriefs.account / shadow_observations.account: a CRM account name fits
DEAL_ID = 128  # debriefs.deal_id: the pipeline's external id (domain.pipeline.model.MAX_EXTERNAL_ID)
DEBRIEF_ANSWER = SLACK_INPUT_MAX  # the three questions' answers (Text)
RECORDING_LINK = CALL_LINK  # debriefs.recording_link
SHADOW_FEEDBACK = SLACK_INPUT_MAX  # shadow_observations.feedback (Text)
DEBRIEF_FEEDBACK = SLACK_INPUT_MAX  # debrief_feedback.text (Text): a manager's reply to a debrief

# Peer learning (issue 11): the approach a rep shares with the team, in their own words.
PEER_SHARE_TEXT = SLACK_INPUT_MAX  # peer_shares.text (Text)
# Friday scorecards (issue 11).
SCORECARD_COMMENT = 2000  # scorecard_comments.text (Text): a rep's comment on their scorecard for their manager
# Action-plan commitments (issue 12).
COMMITMENT_ACTION = 500  # commitments.action: "What are the actions we agreed on?"
COMMITMENT_EVIDENCE = 500  # commitments.evidence: "How will we know it is done?"
COMMITMENT_SUPPORT = 500  # commitments.support: the support the owner needs
COMMITMENT_OBSTACLES = 2000  # commitments.obstacles (Text): what got in the way, for partly / not done
# 1:1 pre-work (issue 12): the rep's agenda items, questions and background; the manager's own questions.
PREWORK_ITEM = 300  # session_prework.agenda[] (JSON): one agenda item
PREWORK_TEXT = 2000  # session_prework.questions / background (Text)
PREWORK_QUESTION = 500  # session_prework.manager_questions[] (JSON): one question of the manager's
# 1:1 takeaways (issue 12): what the rep and manager agreed on or learned in the session.
TAKEAWAYS_TEXT = SLACK_INPUT_MAX  # session_takeaways.text (Text); covered items are PREWORK_ITEM each (JSON)
# The enablement pre-read (issue 12): the admin's questions, and the rep's answers stored with their pre-work.
PREREAD_QUESTION = 300  # workspaces.settings["preread_questions"][] (JSON): one question of the questionnaire
PREREAD_ANSWER = 2000  # session_prework.preread[].answer (JSON): the rep's answer to one question
# Success stories (issue 13): a rep's win, the skill behind it, the words that worked, the outcome.
WIN_WHAT_HAPPENED = 2000  # success_stories.what_happened (Text)
WIN_APPROACH = 2000  # success_stories.approach (Text): the specific language or approach that worked
WIN_OUTCOME = 200  # success_stories.outcome: "average deal size +35%"
# Monthly maintenance check-ins (issue 13): what the rep says is slipping.
MAINTENANCE_SLIPPING = 2000  # maintenance_checkins.slipping (Text)
# The 21-day challenge (issue 13): the behaviour a rep commits to per focus skill, and a day's optional note.
CHALLENGE_BEHAVIOUR = 300  # challenges.behaviours[].text (JSON): "ask at least 5 probing questions per call"
CHALLENGE_NOTE = 1000  # challenge_days.note
