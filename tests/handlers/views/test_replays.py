"""Every form submission and writing click is stored once, whatever the replay, retry or double click.

A replay is the same signed request sent again within Slack's five minutes
(an attacker, a proxy retrying, Slack itself); a re-submit after an error
carries the same view id and hash. Each listener that writes is replayed
here; the last test fails when a new one is registered without a replay.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.modal_values import feedback_values, hand_in_values, homework_values, rating_values
from domain.ports import UnitOfWorkFactory
from handlers import actions, views
from handlers.edge import ids
from tests.handlers import test_challenge as challenge
from tests.handlers import test_challenge_privacy as challenge_privacy
from tests.handlers import test_challenge_replays as challenge_replays
from tests.handlers import test_data_rights as data_rights
from tests.handlers import test_maintenance as maintenance
from tests.handlers import test_nudge_buttons as nudges
from tests.handlers import test_peer_learning as peer
from tests.handlers import test_preread as preread
from tests.handlers import test_prework as prework
from tests.handlers import test_sessions as sessions
from tests.handlers import test_takeaways as takeaways
from tests.handlers import test_wins as wins
from tests.handlers.actions import test_debrief_prompt as prompts
from tests.handlers.commands import test_scorecard_command as scorecard_command
from tests.handlers.conftest import Reply, Slack
from tests.handlers.diagnosis_steps import assessment_values, open_modal
from tests.handlers.homework_steps import button_value, click_to_open, dm_with, local_today, shown_text_block
from tests.handlers.receipt_steps import column, contract_request, replay, rows, score, score_request, team, texts_to
from tests.handlers.roleplay_steps import open_form, practised_request, teams_with_deals
from tests.handlers.shadow_steps import shadow_request, week3_team
from tests.handlers.views import test_commitment_replays as commitments
from tests.handlers.views import test_debrief_replays as debriefs
from tests.handlers.views import test_scorecard_comments as scorecard_comments

# -- forms ------------------------------------------------------------------------


def test_a_score_sent_three_times_within_five_minutes_stores_one_score(slack: Slack, engine: Engine) -> None:
    team(slack)
    replies = replay(slack, *[score_request(slack)] * 3)

    assert all(r.status == 200 and r.body == "" for r in replies)  # each closes the modal
    assert rows(engine, "call_scores") == 1
    assert texts_to(slack, "UMGR", "Saved your scores") == 1
    assert texts_to(slack, "UA", "scored your call") == 1


def test_twenty_concurrent_replays_of_a_score_store_one_score(slack: Slack, engine: Engine) -> None:
    team(slack)
    request = score_request(slack)
    start = threading.Barrier(20)
    replies: list[Reply] = []

    def submit() -> None:
        start.wait()
        replies.append(slack.dispatch(request))

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    slack.finish_listeners()

    assert len(replies) == 20 and all(r.status == 200 for r in replies)
    # Each closes the modal, or (the database busy with the others) says so inline; never a second save.
    assert all(r.body == "" or "Could not save just now" in r.body for r in replies)
    assert rows(engine, "call_scores") == 1
    assert texts_to(slack, "UMGR", "Saved your scores") == 1
    assert texts_to(slack, "UA", "scored your call") == 1


def test_a_self_assessment_replayed_is_stored_once(slack: Slack, engine: Engine) -> None:
    slack.coach("UA", "help", replies=2)
    request = slack.requests.view_submission("UA", ids.SELF_ASSESSMENT_VIEW, assessment_values(4, 3))

    assert all(r.body == "" for r in replay(slack, request, request))
    assert rows(engine, "self_assessments") == 1
    assert texts_to(slack, "UA", "self-assessment is saved") == 1


def test_the_add_reps_form_replayed_adds_once_and_tells_once(slack: Slack) -> None:
    values = {ids.ADD_REPS_BLOCK: {ids.ADD_REPS_INPUT: slack.requests.multi_users(["UA"])}}
    request = slack.requests.view_submission("UMGR", ids.ADD_REPS_VIEW, values)

    assert all(r.body == "" for r in replay(slack, request, request))
    assert texts_to(slack, "UMGR", "Your team now has 1 rep") == 1
    assert texts_to(slack, "UMGR", "No one was added") == 0
    assert texts_to(slack, "UA", "added you to their Coachflow coaching team") == 1


def test_ratings_replayed_send_one_matrix(slack: Slack) -> None:
    team(slack, cycle=True)
    score(slack)
    modal = open_modal(slack, "UMGR", "prioritize <@UA|alex>")
    request = slack.requests.view_submission("UMGR", ids.PRIORITIZE_VIEW, rating_values({"discovery": (5, 2)}),
                                             private_metadata=modal["private_metadata"])

    assert all(r.body == "" for r in replay(slack, request, request))
    assert texts_to(slack, "UMGR", "Proposed focus") == 1
    assert len(slack.fake.files_shared_with("UMGR")) == 1


def test_the_contract_form_replayed_writes_one_version_and_one_dm(slack: Slack, engine: Engine) -> None:
    team(slack, cycle=True)
    assert all(r.body == "" for r in replay(slack, *[contract_request(slack)] * 2))
    assert column(engine, "SELECT version FROM contracts") == [1]
    assert texts_to(slack, "UA", "wrote your coaching contract") == 1


def test_a_roleplay_marked_practised_and_replayed_is_recorded_once(slack: Slack, engine: Engine,
                                                                   uow_factory: UnitOfWorkFactory) -> None:
    teams_with_deals(slack, uow_factory)
    form = open_form(slack, "UMGR", "UA:A2")
    request = practised_request(slack, "UMGR", form["private_metadata"], "Cost of inaction, twice")

    assert all(r.body == "" for r in replay(slack, request, request, request))
    assert rows(engine, "roleplay_practices") == 1
    assert texts_to(slack, "UA", "recorded a role-play with you") == 1
    assert texts_to(slack, "UMGR", "Recorded: a role-play with") == 1


def test_each_homework_form_replayed_stores_once_and_tells_once(slack: Slack, engine: Engine) -> None:
    # Replayed one form after another (the app keeps taking requests in between); counted once all is done.
    team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    values = homework_values(None, "Write five discovery questions", local_today("America/New_York"), "text",
                             shown_text_block(modal))
    assigning = slack.requests.view_submission("UMGR", ids.HOMEWORK_VIEW, values,
                                               private_metadata=modal["private_metadata"])
    assert all(slack.dispatch(assigning).body == "" for _ in range(3))
    homework_id = button_value(dm_with(slack, "UA", "gave you homework"), ids.OPEN_HAND_IN)
    form, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert form is not None
    handing_in = slack.requests.view_submission("UA", ids.HAND_IN_VIEW, hand_in_values("1. What if you wait?"),
                                                private_metadata=form["private_metadata"])
    assert all(slack.dispatch(handing_in).body == "" for _ in range(2))
    dm_with(slack, "UMGR", "handed in their homework")
    form, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert form is not None
    answering = slack.requests.view_submission("UMGR", ids.HOMEWORK_FEEDBACK_VIEW, feedback_values("Good"),
                                               private_metadata=form["private_metadata"])

    assert all(r.body == "" for r in replay(slack, answering, answering))

    assert rows(engine, "homework") == 1 and column(engine, "SELECT status FROM homework") == ["reviewed"]
    assert texts_to(slack, "UA", "gave you homework") == 1 and texts_to(slack, "UMGR", "Sent <@UA>") == 1
    assert texts_to(slack, "UMGR", "handed in their homework") == 1 and texts_to(slack, "UA", "Handed in") == 1
    assert texts_to(slack, "UA", "answered your homework") == 1


# -- buttons ----------------------------------------------------------------------


def _in_dm(user_id: str) -> dict[str, Any]:
    """The container of one message in the person's DM, so two clicks can be on the same button."""
    return {"type": "message", "message_ts": "1764547200.000100", "channel_id": f"D{user_id}", "is_ephemeral": False}


def test_sign_clicked_twice_and_replayed_signs_once_and_tells_once(slack: Slack) -> None:
    team(slack, cycle=True)
    slack.dispatch(contract_request(slack))
    slack.fake.wait_for(lambda: texts_to(slack, "UA", "wrote your coaching contract") == 1)
    container = _in_dm("UA")
    first = slack.requests.block_actions("UA", ids.SIGN_CONTRACT, value="UA:1", container=container)
    again = slack.requests.block_actions("UA", ids.SIGN_CONTRACT, value="UA:1", container=container)

    replay(slack, first, first, again)

    assert texts_to(slack, "UMGR", "<@UA> signed the coaching contract") == 1
    # The message is replaced once, through whichever of the requests was handled first.
    assert sum(len(slack.fake.responses_for(r.response_token or "")) for r in (first, again)) == 1


def test_accepting_the_focus_replayed_answers_once(slack: Slack) -> None:
    team(slack, cycle=True)
    score(slack)
    modal = open_modal(slack, "UMGR", "prioritize <@UA|alex>")
    slack.dispatch(slack.requests.view_submission("UMGR", ids.PRIORITIZE_VIEW, rating_values({"discovery": (5, 2)}),
                                                  private_metadata=modal["private_metadata"]))
    slack.fake.wait_for(lambda: texts_to(slack, "UMGR", "Proposed focus") == 1)
    click = slack.requests.block_actions("UMGR", ids.ACCEPT_FOCUS, value="UA", container=_in_dm("UMGR"))

    replay(slack, click, click)

    assert click.response_token is not None
    [answer] = slack.fake.responses_for(click.response_token)
    assert "*Focus skills*: Discovery" in json.dumps(answer)


def test_remove_replayed_removes_once_without_a_confusing_second_answer(slack: Slack, engine: Engine) -> None:
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>", replies=2)
    home = slack.open_home("UMGR")
    click = slack.requests.block_actions("UMGR", ids.REMOVE_REP, value="UA", view=home)

    replay(slack, click, click)

    assert texts_to(slack, "UMGR", "not on a Coachflow team") == 0  # the replay said nothing
    assert column(engine, "SELECT manager_id FROM members WHERE user_id = 'UA'") == [None]


@pytest.mark.parametrize(("button", "status"), [(ids.LESSON_DONE, "done"), (ids.LESSON_REMIND, "remind"),
                                                (ids.LESSON_DISCUSS, "discuss")])
def test_a_lesson_button_clicked_twice_and_replayed_records_once_and_answers_once(
        slack: Slack, engine: Engine, button: str, status: str) -> None:
    team(slack, cycle=True)
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    [cycle_id] = column(engine, "SELECT id FROM cycles")
    container = _in_dm("UA")
    first = slack.requests.block_actions("UA", button, value=f"{cycle_id}:pain_framework", container=container)
    again = slack.requests.block_actions("UA", button, value=f"{cycle_id}:pain_framework", container=container)

    replay(slack, first, first, again)

    assert column(engine, "SELECT status FROM lesson_progress") == [status]
    assert sum(len(slack.fake.responses_for(r.response_token or "")) for r in (first, again)) == 1


def test_a_shadowed_call_replayed_is_stored_once_and_tells_once(slack: Slack, engine: Engine) -> None:
    week3_team(slack)
    replies = replay(slack, *[shadow_request(slack)] * 3)

    assert all(r.status == 200 and r.body == "" for r in replies)
    assert rows(engine, "shadow_observations") == 1
    assert texts_to(slack, "UA", "shadowed your") == 1
    assert texts_to(slack, "UMGR", "Saved your notes") == 1


# -- every writing listener is covered ---------------------------------------------

REPLAYED = {
    ids.SCORE_CALL_VIEW: test_a_score_sent_three_times_within_five_minutes_stores_one_score,
    ids.SELF_ASSESSMENT_VIEW: test_a_self_assessment_replayed_is_stored_once,
    ids.ADD_REPS_VIEW: test_the_add_reps_form_replayed_adds_once_and_tells_once,
    ids.PRIORITIZE_VIEW: test_ratings_replayed_send_one_matrix,
    ids.CONTRACT_VIEW: test_the_contract_form_replayed_writes_one_version_and_one_dm,
    ids.SIGN_CONTRACT: test_sign_clicked_twice_and_replayed_signs_once_and_tells_once,
    ids.ACCEPT_FOCUS: test_accepting_the_focus_replayed_answers_once,
    ids.REMOVE_REP: test_remove_replayed_removes_once_without_a_confusing_second_answer,
    ids.ROLEPLAY_PRACTISED_VIEW: test_a_roleplay_marked_practised_and_replayed_is_recorded_once,
    ids.HOMEWORK_VIEW: test_each_homework_form_replayed_stores_once_and_tells_once,
    ids.HAND_IN_VIEW: test_each_homework_form_replayed_stores_once_and_tells_once,
    ids.HOMEWORK_FEEDBACK_VIEW: test_each_homework_form_replayed_stores_once_and_tells_once,
    **dict.fromkeys((ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS),
                    test_a_lesson_button_clicked_twice_and_replayed_records_once_and_answers_once),
    ids.DEBRIEF_VIEW: debriefs.test_a_debrief_sent_three_times_stores_one_debrief_and_one_copy,
    ids.DEBRIEF_FEEDBACK_VIEW: debriefs.test_feedback_sent_twice_is_stored_and_sent_once,
    ids.SHADOW_VIEW: test_a_shadowed_call_replayed_is_stored_once_and_tells_once,
    ids.NO_CALLS_TODAY: prompts.test_the_prompt_comes_at_17_00_local_and_no_calls_today_is_noted_in_place_once,
    ids.PEER_SHARE_VIEW: peer.test_alex_is_asked_privately_accepts_and_his_own_words_are_posted_once,
    **dict.fromkeys((ids.PEER_DECLINE, ids.PEER_STOP),
                    peer.test_a_decline_clicked_twice_and_replayed_is_recorded_once_and_answered_once),
    # Stores only its receipt: the card is posted in the channel once whatever the retries.
    ids.POST_SCORECARD: scorecard_command.test_post_asks_first_then_posts_once_whatever_the_retries,
    ids.SCORECARD_COMMENT_VIEW: scorecard_comments.test_the_same_submission_retried_is_stored_once_and_told_once,
    # Action plans and follow-up (issue 12)
    ids.PLAN_VIEW: commitments.test_a_plan_sent_three_times_stores_its_actions_once_and_tells_each_owner_once,
    ids.COMMIT_VIEW: commitments.test_a_commit_form_sent_twice_stores_one_action,
    ids.COMMITMENT_DONE: commitments.test_done_clicked_twice_and_replayed_answers_once_and_tells_the_manager_once,
    ids.COMMITMENT_OBSTACLES_VIEW: commitments.test_obstacles_sent_twice_are_stored_once_and_told_once,
    **dict.fromkeys((ids.COMMITMENT_MOVE_VIEW, ids.COMMITMENT_MENU),
                    commitments.test_a_move_and_a_drop_replayed_change_the_action_once_each),
    ids.SESSION_VIEW: sessions.test_the_booking_form_replayed_books_once_and_tells_once,  # issue 12
    ids.PREWORK_QUESTION_VIEW: prework.test_pre_work_and_questions_sent_twice_are_stored_once_and_told_once,
    # The pre-work form with the enablement pre-read's answers (without them: the test above, which sends it too).
    ids.PREWORK_VIEW: preread.test_pre_work_with_its_pre_read_sent_twice_is_stored_once_and_told_once,
    ids.TAKEAWAYS_VIEW: takeaways.test_takeaways_sent_twice_are_stored_once_and_told_once,  # issue 12
    ids.MAINTENANCE_CHECKIN_VIEW: maintenance.test_a_check_in_sent_twice_is_stored_once_and_told_once,  # issue 13
    ids.RESTART_FROM_CHECKIN: maintenance.test_a_restart_clicked_twice_starts_one_cycle,  # issue 13
    # The footer of every scheduled message (issue 13, nudge hygiene)
    **dict.fromkeys((ids.NUDGE_PAUSE_WEEK, ids.NUDGE_UNDO_PAUSE, ids.NUDGE_STOP, ids.NUDGE_UNDO_STOP),
                    nudges.test_each_footer_button_replayed_changes_once_and_answers_once),
    ids.CHALLENGE_VIEW: challenge_replays.test_the_start_form_sent_twice_starts_one_challenge_and_tells_once,
    ids.CHALLENGE_NOTE_VIEW: challenge_replays.test_the_note_form_sent_twice_stores_one_answer_with_its_note,
    ids.CHALLENGE_DONE: challenge.test_a_mixed_record_through_slack_with_time_off_and_the_clock_change,
    **dict.fromkeys((ids.CHALLENGE_MISSED, ids.CHALLENGE_NO_CALLS, ids.CHALLENGE_REPAIR),
                    challenge_replays.test_missed_no_calls_and_the_repair_clicked_twice_count_once),  # issue 13
    ids.CHALLENGE_ENCOURAGE:
        challenge_privacy.test_only_alexs_manager_sends_him_encouragement_once_a_day_whatever_the_clicks,
}
# Buttons that only open a modal: nothing is stored, and Slack's trigger_id works once anyway.
# The homework template picker rewrites the open modal (views.update) and stores nothing either.
OPENS_A_MODAL = {ids.OPEN_ADD_REPS, ids.OPEN_SCORE_CALL, ids.OPEN_SELF_ASSESSMENT, ids.OPEN_PRIORITIZE,
                 ids.OPEN_CONTRACT, ids.MARK_ROLEPLAY, ids.OPEN_HAND_IN, ids.OPEN_HOMEWORK_FEEDBACK,
                 ids.HOMEWORK_TEMPLATE, ids.OPEN_DEBRIEF, ids.EDIT_DEBRIEF, ids.OPEN_REP_WEEK, ids.PEER_SHARE,
                 ids.OPEN_REP_SCORECARD}
OPENS_A_MODAL |= {ids.ADD_SCORECARD_COMMENT}
OPENS_A_MODAL |= {ids.COMMITMENT_PARTLY, ids.COMMITMENT_NOT_DONE}  # the obstacles form (issue 12)
OPENS_A_MODAL |= {ids.OPEN_PREWORK, ids.ADD_PREWORK_QUESTION}  # the pre-work forms (issue 12)
OPENS_A_MODAL |= {ids.OPEN_TAKEAWAYS}  # the takeaways form (issue 12)
OPENS_A_MODAL |= {ids.SESSION_CARD_PLAN}  # the session card's plan form (issue 12)
# Success stories (issue 13): "Share a win" opens the form; the form replayed stores one win, posts it once.
REPLAYED[ids.WIN_VIEW] = wins.test_coach_win_with_consent_posts_to_the_team_channel_once_and_keeps_its_ts
OPENS_A_MODAL |= {ids.SHARE_WIN}
OPENS_A_MODAL |= {ids.OPEN_MAINTENANCE_CHECKIN}  # the monthly check-in form (issue 13)
OPENS_A_MODAL |= {ids.CHALLENGE_ADD_NOTE}  # the challenge day's note form (issue 13)
OPENS_A_MODAL |= {ids.CHALLENGE_INVITE_START}  # the week-7 invitation's Start: the start form (issue 13)
# Buttons that store nothing and only answer in place (the end-of-day prompt's "Not today").
STORES_NOTHING = {ids.NOT_TODAY}
# Issue 14: the installer's DM ("Yes" opens the add-reps form, "Not now" only answers in place), and Forget.
OPENS_A_MODAL |= {ids.INSTALL_WELCOME_TEAM}
STORES_NOTHING |= {ids.INSTALL_NOT_NOW}
REPLAYED[ids.FORGET_CONFIRM] = data_rights.test_a_forget_clicked_and_replayed_forgets_once_and_answers_once


class _Registrations:
    """Stands in for the Bolt app to see which views and actions the handlers register."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def _listen(self, listener_id: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        self.ids.add(listener_id)
        return lambda listener: listener

    view = action = _listen


def test_every_form_and_button_is_replayed_here_or_only_opens_a_modal() -> None:
    registered = _Registrations()
    views.register(registered)  # type: ignore[arg-type]
    actions.register(registered)  # type: ignore[arg-type]
    missing = registered.ids - set(REPLAYED) - OPENS_A_MODAL - STORES_NOTHING
    assert not missing, (f"{sorted(missing)}: pass receipt_of(body, context) to the use case, "
                         "ack quietly on Replayed, and add a replay test here (docs/slack-edge.md)")
    assert not set(REPLAYED) & OPENS_A_MODAL and not set(REPLAYED) & STORES_NOTHING


@pytest.mark.parametrize("listener_id", sorted(REPLAYED))
def test_the_replay_table_names_real_tests(listener_id: str) -> None:
    assert REPLAYED[listener_id].__name__.startswith("test_")
