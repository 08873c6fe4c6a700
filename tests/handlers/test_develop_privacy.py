"""Weeks 3-6 privacy: every button, form and search of issue 10, crafted to name Alex's records, is refused.

A rep's debriefs, shadow notes and homework are the rep's and their own
manager's only. Alex's records are made through the app (privacy_steps);
then each action and view registered for issue 10 is sent, signed as Slack
would, by each wrong person: another rep (Bea), another manager (Omar), the
admin (Ada) and someone in another workspace, with Alex's ids in button
values, modal metadata or the deal search. Each gets a clear refusal (an
ephemeral reply, an inline error, or a DM), nothing is stored, Alex hears
nothing, and none of Alex's text reaches them. The last tests fail when a
listener is registered without a case here.

The one documented exception: role-play cards come from the pipeline,
which an admin reads for any rep (`roleplay_access`), so Ada may open the
"Mark practised" form; she still sees none of what Alex or Maya wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer, SignedRequest, SlackRequests
from bot.modal_values import feedback_values, hand_in_values, homework_values
from domain.ports import UnitOfWorkFactory
from handlers import actions, options, shortcuts, views
from handlers.edge import ids
from tests.handlers import test_challenge_invite as challenge_invite_tests
from tests.handlers import test_challenge_privacy as challenge_privacy
from tests.handlers import test_data_rights as data_rights_tests  # issue 14
from tests.handlers import test_install_privacy as install_privacy
from tests.handlers import test_maintenance as maintenance_tests
from tests.handlers import test_nudge_buttons as nudge_tests
from tests.handlers import test_prework as prework_tests
from tests.handlers import test_session_card as session_card_tests
from tests.handlers import test_sessions as session_tests
from tests.handlers import test_takeaways as takeaways_tests
from tests.handlers import test_win_privacy as win_privacy
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import values
from tests.handlers.homework_steps import PROSPECTS, local_today, shown_text_block
from tests.handlers.privacy_steps import (
    OUTSIDER,
    SECRET,
    WRONG_PEOPLE,
    World,
    alex_on_record,
    attempt,
    counts,
    everything_sent_to,
    prompt_value,
    requests_for,
)
from tests.handlers.roleplay_steps import note_values
from tests.handlers.shadow_steps import shadow_values, today_in
from tests.handlers.test_commitment_privacy import (
    test_a_crafted_commit_form_naming_alex_stores_only_the_senders_own_action as commit_form_names_nobody,
)
from tests.handlers.test_commitment_privacy import (
    test_nobody_else_answers_changes_or_plans_alexs_action as nobody_else_touches_alexs_action,
)
from tests.handlers.test_scorecard_comment_privacy import (
    test_nobody_comments_as_alex_or_reads_his_comment as nobody_comments_as_someone_else,
)

Build = Callable[[SlackRequests, World, str], SignedRequest]


@dataclass(frozen=True)
class Case:
    build: Build  # the crafted request, for this person, naming Alex's record
    refusal: str  # what the person reads
    people: tuple[str, ...] = WRONG_PEOPLE
    admin_may_open: bool = False  # role-plays: an admin reads any rep's pipeline


def _click(action_id: str, value: Callable[[World], str]) -> Build:
    return lambda r, w, p: r.block_actions(p, action_id, value=value(w), channel_id=f"D{p}")


def _submit(callback_id: str, modal: Callable[[World], dict[str, Any]],
            filled: Callable[[World], dict[str, Any]]) -> Build:
    return lambda r, w, p: r.view_submission(p, callback_id, filled(w), private_metadata=modal(w)["private_metadata"],
                                             blocks=modal(w)["blocks"])


def _yesterday() -> Any:
    return today_in("America/New_York") - timedelta(days=1)


def _this_week() -> str:
    year, number, _ = today_in("America/Los_Angeles").isocalendar()
    return f"{year}-W{number:02d}"


NO_OPTIONS = '{\\"options\\": []}'  # the deal search's answer, as JSON inside what was seen
NOT_THEIR_PROMPT = "only they can answer it"
PEER_VALUE = "UA:2026-W50"  # Alex's peer-learning ask (the refusal comes before any lookup)
PEER_FORM = {"private_metadata": json.dumps({"rep": "UA", "week": "2026-W50"}), "blocks": []}
# Keyed by kind and id: a button and the modal it opens may share an id ("calls.debrief_feedback").
ACTION, VIEW, OPTIONS, SHORTCUT = "action", "view", "options", "shortcut"
CASES: dict[tuple[str, str], Case] = {
    # -- buttons in DMs and App Home ------------------------------------------------------------------
    (ACTION, ids.EDIT_DEBRIEF): Case(_click(ids.EDIT_DEBRIEF, lambda w: w.debrief_id), "That debrief is not yours"),
    (ACTION, ids.DEBRIEF_FEEDBACK): Case(_click(ids.DEBRIEF_FEEDBACK, lambda w: w.debrief_id),
                               "You can reply to the debriefs of your own reps only"),
    (ACTION, ids.OPEN_DEBRIEF): Case(_click(ids.OPEN_DEBRIEF, lambda w: f"shadow:{w.shadow_id}"),
                           "That shadowed call is not one of yours"),
    (ACTION, ids.NO_CALLS_TODAY): Case(_click(ids.NO_CALLS_TODAY, lambda w: prompt_value()), NOT_THEIR_PROMPT),
    (ACTION, ids.NOT_TODAY): Case(_click(ids.NOT_TODAY, lambda w: prompt_value()), NOT_THEIR_PROMPT),
    (ACTION, ids.OPEN_HAND_IN): Case(_click(ids.OPEN_HAND_IN, lambda w: w.homework_id),
                                     "That homework is not yours"),
    (ACTION, ids.OPEN_HOMEWORK_FEEDBACK): Case(_click(ids.OPEN_HOMEWORK_FEEDBACK, lambda w: w.homework_id),
                                     "Only the rep's own manager"),
    (ACTION, ids.HOMEWORK_TEMPLATE): Case(
        lambda r, w, p: r.block_actions(p, ids.HOMEWORK_TEMPLATE, view=w.homework_modal, selected_option=PROSPECTS),
        "<@UA> is not on your team"),
    **{(ACTION, button): Case(_click(button, lambda w: f"{w.cycle_id}:pain_framework"),
                              "This lesson was sent to someone else")
       for button in (ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS)},
    (ACTION, ids.OPEN_REP_WEEK): Case(_click(ids.OPEN_REP_WEEK, lambda w: "UA"), "Only <@UA>'s own manager"),
    (ACTION, ids.MARK_ROLEPLAY): Case(_click(ids.MARK_ROLEPLAY, lambda w: "UA:A1"), "<@UA> is not on your team",
                            admin_may_open=True),
    # Scorecards (issue 11): an admin may open any rep's card, by the numbers only (no one's words, no SECRET).
    (ACTION, ids.OPEN_REP_SCORECARD): Case(_click(ids.OPEN_REP_SCORECARD, lambda w: f"UA|{_this_week()}"),
                                  "only <@UMGR> and admins can see <@UA>'s scorecard", admin_may_open=True),
    # The post button carries only a week: whoever clicks it posts their own card (here: none, not in a cycle).
    (ACTION, ids.POST_SCORECARD): Case(_click(ids.POST_SCORECARD, lambda w: _this_week()), "No scorecard yet"),
    # -- forms submitted with Alex's metadata --------------------------------------------------------
    (VIEW, ids.DEBRIEF_VIEW): Case(_submit(ids.DEBRIEF_VIEW, lambda w: w.edit_modal, lambda w: values("Forged")),
                           "That debrief is not yours"),
    (VIEW, ids.DEBRIEF_FEEDBACK_VIEW): Case(_submit(ids.DEBRIEF_FEEDBACK_VIEW, lambda w: w.debrief_feedback_modal,
                                            lambda w: feedback_values("Forged words")),
                                    "You can reply to the debriefs of your own reps only"),
    (VIEW, ids.SHADOW_VIEW): Case(_submit(ids.SHADOW_VIEW, lambda w: w.shadow_modal,
                                  lambda w: shadow_values(on=_yesterday(), feedback="Forged feedback")),
                          "own manager can shadow their calls"),
    (VIEW, ids.HOMEWORK_VIEW): Case(_submit(ids.HOMEWORK_VIEW, lambda w: w.homework_modal, lambda w: homework_values(
        None, "Forged homework", local_today("America/New_York"), "text", shown_text_block(w.homework_modal))),
                            "<@UA> is not on your team"),
    (VIEW, ids.HAND_IN_VIEW): Case(_submit(ids.HAND_IN_VIEW, lambda w: w.hand_in_modal,
                                   lambda w: hand_in_values("Forged answer")), "That homework is not yours"),
    (VIEW, ids.HOMEWORK_FEEDBACK_VIEW): Case(_submit(ids.HOMEWORK_FEEDBACK_VIEW, lambda w: w.homework_feedback_modal,
                                             lambda w: feedback_values("Forged feedback")),
                                     "Only the rep's own manager"),
    # Recording a practice is an admin's right too (the documented exception): tried by the others.
    (VIEW, ids.ROLEPLAY_PRACTISED_VIEW): Case(_submit(ids.ROLEPLAY_PRACTISED_VIEW, lambda w: w.practice_modal,
                                              lambda w: note_values("Forged note")),
                                      "<@UA> is not on your team", people=("UB", "UMGR2", OUTSIDER)),
    # -- peer learning (issue 11): Alex's Friday ask, answered by anyone else ----------------------------
    **{(ACTION, button): Case(_click(button, lambda w: PEER_VALUE), "This ask was sent to someone else")
       for button in (ids.PEER_SHARE, ids.PEER_DECLINE, ids.PEER_STOP)},
    (VIEW, ids.PEER_SHARE_VIEW): Case(_submit(ids.PEER_SHARE_VIEW, lambda w: PEER_FORM,
                                      lambda w: {"words": {"value": {"type": "plain_text_input",
                                                                     "value": "Forged words"}}}),
                              "This ask was sent to someone else"),
    # -- the deal search of a form about Alex: his deals are listed to nobody else --------------------
    (OPTIONS, ids.DEBRIEF_DEAL_SELECT): Case(
        lambda r, w, p: r.block_suggestion(p, ids.DEBRIEF_DEAL_SELECT, "", view=w.shadow_modal), NO_OPTIONS),
}


@pytest.fixture
def world(slack: Slack, uow_factory: UnitOfWorkFactory) -> World:
    return alex_on_record(slack, uow_factory)


def _tried(slack: Slack, engine: Engine, fake_server: FakeSlackServer, world: World, case: Case) -> None:
    """Each wrong person sends the case's request; each is refused and learns nothing of Alex's."""
    before, alex_dms = counts(engine), len(slack.fake.messages_to("UA"))
    for person in case.people:
        requests = requests_for(slack, person, fake_server.response_url_base)
        outcome = attempt(slack, engine, person, case.build(requests, world, person))
        calls = json.dumps(outcome.calls, ensure_ascii=False)
        assert SECRET not in outcome.seen and SECRET not in calls, (person, outcome.seen)
        assert outcome.counts == before and outcome.dms_to_alex == alex_dms, person
        if person == OUTSIDER:  # refused at the edge: acknowledged, nothing called
            assert [c for c in outcome.calls if c["method"] != "auth.test"] == [], outcome.calls
            continue
        if case.admin_may_open and person == "UADMIN":
            continue
        assert case.refusal in outcome.seen, (person, outcome.seen)
        assert not [c for c in outcome.calls if c["method"] in ("views.open", "views.update", "views.push")], person
    for person in ("UB", "UC", "UMGR2", "UADMIN"):
        assert SECRET not in everything_sent_to(slack, person), person


@pytest.mark.parametrize("listener", sorted(CASES), ids=lambda key: f"{key[0]}:{key[1]}")
def test_a_crafted_payload_naming_alexs_record_is_refused_for_everyone_else(
        slack: Slack, engine: Engine, fake_server: FakeSlackServer, world: World, listener: tuple[str, str]) -> None:
    _tried(slack, engine, fake_server, world, CASES[listener])


def test_bea_cannot_link_alexs_shadowed_call_or_his_deal_to_her_own_debrief(
        slack: Slack, engine: Engine, world: World) -> None:
    before = counts(engine)
    linked = slack.requests.view_submission("UB", ids.DEBRIEF_VIEW, values("Mine"),
                                            private_metadata=json.dumps({"shadow": int(world.shadow_id)}))
    his_deal = slack.requests.view_submission("UB", ids.DEBRIEF_VIEW, values(None, deal=("A2", "Globex")),
                                              private_metadata="{}")

    assert "That shadowed call is not one of yours" in attempt(slack, engine, "UB", linked).seen
    assert "That deal is not one of your imported deals" in attempt(slack, engine, "UB", his_deal).seen
    assert counts(engine) == before and SECRET not in everything_sent_to(slack, "UB")


def test_the_debrief_shortcut_and_search_offer_bea_only_her_own_deals(slack: Slack, engine: Engine,
                                                                       world: World) -> None:
    shortcut = attempt(slack, engine, "UB", slack.requests.message_shortcut(
        "UB", ids.DEBRIEF_SHORTCUT, "Globex - discovery call https://rec.example/1"))
    search = attempt(slack, engine, "UB", slack.requests.block_suggestion("UB", ids.DEBRIEF_DEAL_SELECT, "Glo",
                                                                          view=shortcut.modal))

    assert shortcut.modal is not None and "initial_option" not in json.dumps(shortcut.modal)  # no deal of Alex's
    assert NO_OPTIONS in search.seen and SECRET not in shortcut.seen


def test_alex_and_maya_do_see_them(slack: Slack, engine: Engine, world: World) -> None:
    assert SECRET in slack.coach("UA", "calls").last_text
    assert SECRET in slack.coach("UMGR", "calls <@UA|alex>").last_text
    assert SECRET in json.dumps(world.edit_modal) and SECRET in json.dumps(world.hand_in_modal)
    assert SECRET in json.dumps(world.homework_feedback_modal)
    search = attempt(slack, engine, "UMGR", slack.requests.block_suggestion(
        "UMGR", ids.DEBRIEF_DEAL_SELECT, "", view=world.shadow_modal))
    assert "Globex" in search.seen
    done = attempt(slack, engine, "UA", slack.requests.block_actions(
        "UA", ids.LESSON_DONE, value=f"{world.cycle_id}:pain_framework", channel_id="DUA"))
    assert done.counts["lesson_progress"] == 1
    assert "Globex" in slack.coach("UMGR", "roleplay <@UA|alex>").last_text
    for user_id, words in (("UA", "shadowed your"), ("UA", "gave you homework"), ("UMGR", "handed in")):
        assert any(words in m["text"] and SECRET in json.dumps(m) for m in slack.fake.messages_to(user_id)), words


# -- every listener of weeks 3-6 is tried here ----------------------------------------------------------

BEFORE_ISSUE_10 = {(ACTION, ids.OPEN_ADD_REPS), (ACTION, ids.REMOVE_REP), (VIEW, ids.ADD_REPS_VIEW),
                   (VIEW, ids.SCORE_CALL_VIEW), (VIEW, ids.SELF_ASSESSMENT_VIEW), (ACTION, ids.OPEN_SCORE_CALL),
                   (ACTION, ids.OPEN_SELF_ASSESSMENT), (VIEW, ids.PRIORITIZE_VIEW), (VIEW, ids.CONTRACT_VIEW),
                   (ACTION, ids.OPEN_PRIORITIZE), (ACTION, ids.OPEN_CONTRACT), (ACTION, ids.ACCEPT_FOCUS),
                   (ACTION, ids.SIGN_CONTRACT)}
# The shortcut names no record (it reads the message it is run on); it is tried above all the same.
TRIED_ELSEWHERE: dict[tuple[str, str], Callable[..., None]] = {
    (SHORTCUT, ids.DEBRIEF_SHORTCUT): test_the_debrief_shortcut_and_search_offer_bea_only_her_own_deals}
# Scorecard comments (issue 11) name no record: the rep is whoever clicks or submits.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.ADD_SCORECARD_COMMENT), (VIEW, ids.SCORECARD_COMMENT_VIEW)],
                                 nobody_comments_as_someone_else)
# Action plans (issue 12): each button and form, crafted to name Alex's action, in test_commitment_privacy.py.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.COMMITMENT_DONE), (ACTION, ids.COMMITMENT_PARTLY),
                                  (ACTION, ids.COMMITMENT_NOT_DONE), (ACTION, ids.COMMITMENT_MENU),
                                  (VIEW, ids.COMMITMENT_OBSTACLES_VIEW), (VIEW, ids.COMMITMENT_MOVE_VIEW),
                                  (VIEW, ids.PLAN_VIEW)], nobody_else_touches_alexs_action)
# `/commit`'s form names no record: the rep is whoever submits it.
TRIED_ELSEWHERE[(VIEW, ids.COMMIT_VIEW)] = commit_form_names_nobody
# The installer's DM after an OAuth install (issue 14) names no record: test_install_privacy.py.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.INSTALL_WELCOME_TEAM), (ACTION, ids.INSTALL_NOT_NOW)],
                                 install_privacy.test_the_installers_buttons_crafted_by_another_person_show_and_change_nothing)
# 1:1 sessions (issue 12): a crafted rep and a crafted session id in the booking / move form.
TRIED_ELSEWHERE[(VIEW, ids.SESSION_VIEW)] = (
    session_tests.test_the_modal_books_in_the_managers_zone_and_keeps_a_crafted_rep_out)
# 1:1 pre-work (issue 12): each button and form crafted by another rep or manager for Lena's session.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.OPEN_PREWORK), (ACTION, ids.ADD_PREWORK_QUESTION),
                                  (VIEW, ids.PREWORK_VIEW), (VIEW, ids.PREWORK_QUESTION_VIEW)],
                                 prework_tests.nobody_else_touches_lenas_prework)
# 1:1 takeaways (issue 12): the button and form crafted by Lena, another rep or manager, another workspace.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.OPEN_TAKEAWAYS), (VIEW, ids.TAKEAWAYS_VIEW)],
                                 takeaways_tests.nobody_else_records_or_reads_lenas_takeaways)
# The footer of every scheduled message (issue 13): each button clicked by someone else than its recipient.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.NUDGE_PAUSE_WEEK), (ACTION, ids.NUDGE_STOP),
                                  (ACTION, ids.NUDGE_UNDO_PAUSE), (ACTION, ids.NUDGE_UNDO_STOP)],
                                 nudge_tests.test_a_click_from_anyone_but_the_recipient_is_refused_and_changes_nothing)
# The session card (issue 12): "Record action plan" crafted by another manager, the rep, another workspace,
# and the plan form naming another pair's session.
TRIED_ELSEWHERE[(ACTION, ids.SESSION_CARD_PLAN)] = session_card_tests.nobody_else_records_a_plan_on_lenas_session
# Success stories (issue 13): the button and form name no record; the rep is whoever clicks or submits.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.SHARE_WIN), (VIEW, ids.WIN_VIEW)],
                                 win_privacy.nobody_shares_a_win_as_someone_else)
# Maintenance check-ins (issue 13): the check-in button and form, and the flag's restart button, crafted by
# another rep or manager, Lena's manager (who reads it only), another workspace, and with crafted values.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.OPEN_MAINTENANCE_CHECKIN), (VIEW, ids.MAINTENANCE_CHECKIN_VIEW),
                                  (ACTION, ids.RESTART_FROM_CHECKIN)],
                                 maintenance_tests.nobody_else_touches_lenas_checkin)
# The 21-day challenge (issue 13): each button and form crafted by another rep, manager, or workspace.
TRIED_ELSEWHERE |= dict.fromkeys([(ACTION, ids.CHALLENGE_DONE), (ACTION, ids.CHALLENGE_MISSED),
                                  (ACTION, ids.CHALLENGE_NO_CALLS), (ACTION, ids.CHALLENGE_ADD_NOTE),
                                  (ACTION, ids.CHALLENGE_REPAIR), (VIEW, ids.CHALLENGE_NOTE_VIEW),
                                  (VIEW, ids.CHALLENGE_VIEW)],
                                 challenge_privacy.test_nobody_else_answers_repairs_or_restarts_alexs_challenge)
TRIED_ELSEWHERE[(ACTION, ids.CHALLENGE_ENCOURAGE)] = (
    challenge_privacy.test_only_alexs_manager_sends_him_encouragement_once_a_day_whatever_the_clicks)
# The week-7 invitation (issue 13): its Start button clicked by another rep, manager, or workspace, crafted too.
TRIED_ELSEWHERE[(ACTION, ids.CHALLENGE_INVITE_START)] = challenge_invite_tests.test_nobody_else_opens_alexs_start_form
# Data rights (issue 14): the Forget button clicked by a manager or rep, crafted, naming another workspace's person.
TRIED_ELSEWHERE[(ACTION, ids.FORGET_CONFIRM)] = (
    data_rights_tests.test_nobody_but_an_admin_of_the_workspace_forgets_through_the_button_whatever_its_value)


class _Registrations:
    """Stands in for the Bolt app to see which actions, views, options and shortcuts the handlers register."""

    def __init__(self) -> None:
        self.ids: set[tuple[str, str]] = set()

    def _listening(self, kind: str) -> Callable[[str], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        def listen(listener_id: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
            self.ids.add((kind, listener_id))
            return lambda listener: listener

        return listen

    @property
    def action(self) -> Callable[[str], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        return self._listening(ACTION)

    @property
    def view(self) -> Callable[[str], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        return self._listening(VIEW)

    @property
    def options(self) -> Callable[[str], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        return self._listening(OPTIONS)

    @property
    def shortcut(self) -> Callable[[str], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        return self._listening(SHORTCUT)


def test_every_action_view_and_search_of_weeks_3_6_has_a_privacy_case() -> None:
    registered = _Registrations()
    for module in (views, actions, options, shortcuts):
        module.register(registered)
    missing = registered.ids - BEFORE_ISSUE_10 - set(CASES) - set(TRIED_ELSEWHERE)
    assert not missing, f"{sorted(missing)}: add a Case naming Alex's record to CASES (docs/coaching.md, privacy)"
    assert not (BEFORE_ISSUE_10 | set(CASES) | set(TRIED_ELSEWHERE)) - registered.ids  # no stale entries
