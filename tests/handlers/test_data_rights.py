"""Data rights through Slack (issue 14): `/coach export`, `/coach admin audit`, `/coach admin forget`.

Ada is the admin; Maya coaches Alex and Bea; Omar coaches Chen. Each rep has a
scored call with a note only their team may read; workspace T2 holds the same
ids with its own note, which nothing in T1 ever shows.
"""

from __future__ import annotations

import json
from datetime import date

from domain.coaching.scoring import CallScore
from domain.model import Member, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import Slack

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
NOTES = {"UA": "alex-note-41", "UB": "bea-note-42", "UC": "chen-note-43"}
ELSEWHERE = "t2-note-99"


def _team(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    with uow_factory() as uow:
        for rep, note in NOTES.items():
            manager = "UMGR2" if rep == "UC" else "UMGR"
            uow.call_scores.add(CallScore(T1, rep, manager, "Discovery", date(2026, 11, 30), {"discovery": 3},
                                          None, note))
        uow.workspaces.add(Workspace(T2))
        uow.members.add(Member(T2, "UA", "Alex elsewhere", "UTC", manager_id="UMGR"))
        uow.call_scores.add(CallScore(T2, "UA", "UMGR", "Discovery", date(2026, 11, 30), {"discovery": 3},
                                      None, ELSEWHERE))
        uow.commit()


def _reply(slack: Slack, user_id: str, text: str) -> str:
    reply = slack.coach(user_id, text).responses[-1]
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    return json.dumps(reply, ensure_ascii=False)


def _file(slack: Slack, user_id: str, count: int = 1) -> str:
    slack.fake.wait_for(lambda: len(slack.fake.files_shared_with(user_id)) >= count)
    return slack.fake.files_shared_with(user_id)[count - 1].content.decode()


def test_an_admin_exports_the_whole_workspace_and_nothing_of_another(slack: Slack, uow_factory) -> None:
    _team(slack, uow_factory)
    reply = _reply(slack, "UADMIN", "export")
    assert "Your export of the whole workspace is in your DM" in reply and "as CSV" in reply
    content = _file(slack, "UADMIN")
    assert all(note in content for note in NOTES.values()) and ELSEWHERE not in content
    assert content.startswith("table,row,column,value")
    shared = slack.fake.files_shared_with("UADMIN")[0]
    assert shared.filename == "coachflow-T1.csv"
    assert "Your export of <@UC>" in _reply(slack, "UADMIN", "export <@UC|chen> json")
    as_json = json.loads(_file(slack, "UADMIN", 2))
    assert [r["notes"] for r in as_json["tables"]["call_scores"]] == [NOTES["UC"]]


def test_a_manager_exports_their_reps_only_and_a_rep_their_own(slack: Slack, uow_factory) -> None:
    _team(slack, uow_factory)
    assert "you and your 2 reps" in _reply(slack, "UMGR", "export")
    mine = _file(slack, "UMGR")
    assert NOTES["UA"] in mine and NOTES["UB"] in mine and NOTES["UC"] not in mine and ELSEWHERE not in mine
    refused = _reply(slack, "UMGR", "export <@UC|chen>")
    assert "not <@UC>'s" in refused
    nobody = _reply(slack, "UMGR", "export <@UZZZ|zed>")
    assert json.loads(refused)["text"].replace("UC", "X") == json.loads(nobody)["text"].replace("UZZZ", "X")
    assert "Your export of <@UA>" in _reply(slack, "UMGR", "export <@UA|alex>")
    assert NOTES["UA"] in _file(slack, "UMGR", 2) and NOTES["UB"] not in _file(slack, "UMGR", 2)

    assert "Your export of you is in your DM" in _reply(slack, "UA", "export")
    own = _file(slack, "UA")
    assert NOTES["UA"] in own and NOTES["UB"] not in own and ELSEWHERE not in own
    assert "not <@UB>'s" in _reply(slack, "UA", "export <@UB|bea>")
    assert "not <@UMGR>'s" in _reply(slack, "UA", "export <@UMGR|maya>")
    assert "csv (the default) or json" in _reply(slack, "UA", "export xml")
    slack.finish_listeners()
    assert len(slack.fake.files_shared_with("UA")) == 1, "a refusal uploads nothing"
    assert len(slack.fake.files_shared_with("UMGR")) == 2


def test_the_audit_log_shows_who_exported_and_read_whose_records_to_admins_only(slack: Slack, uow_factory) -> None:
    _team(slack, uow_factory)
    _reply(slack, "UMGR", "export <@UA|alex>")
    _reply(slack, "UMGR", "profile <@UB|bea>")
    log = _reply(slack, "UADMIN", "admin audit")
    assert "<@UMGR> exported <@UA>: export" in log and "<@UMGR> read <@UB>: skills profile" in log
    about_bea = _reply(slack, "UADMIN", "admin audit <@UB|bea>")
    assert "<@UB>" in about_bea and "exported <@UA>" not in about_bea
    assert "Only Coachflow admins can read the audit log" in _reply(slack, "UMGR", "admin audit")
    assert "Only Coachflow admins" in _reply(slack, "UA", "admin audit <@UA|alex>")
    assert "only 1 page" in _reply(slack, "UADMIN", "admin audit 9")
    assert "not a page number" in _reply(slack, "UADMIN", "admin audit two")


def test_the_audit_log_pages_inside_block_kit_limits(slack: Slack, uow_factory) -> None:
    _team(slack, uow_factory)
    for _ in range(17):
        _reply(slack, "UMGR", "profile <@UA|alex>")
    first = _reply(slack, "UADMIN", "admin audit <@UA|alex>")
    assert "page 1 of 2" in first and "/coach admin audit <@UA> 2" in first
    assert first.count("read <@UA>: skills profile") == 15
    second = _reply(slack, "UADMIN", "admin audit <@UA|alex> 2")
    assert "page 2 of 2" in second and second.count("read <@UA>") == 2


def _click_forget(slack: Slack, user_id: str, value: str) -> list[dict[str, object]]:
    request = slack.requests.block_actions(user_id, ids.FORGET_CONFIRM, value)
    assert slack.dispatch(request).status == 200
    token = request.response_token
    assert token is not None
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(token)) >= 1)
    return slack.fake.responses_for(token)


def test_an_admin_forgets_a_manager_after_confirming_and_their_reps_stay(slack: Slack, uow_factory) -> None:
    _team(slack, uow_factory)
    preview = _reply(slack, "UADMIN", "admin forget <@UMGR|maya>")
    assert "Forget <@UMGR>?" in preview and ids.FORGET_CONFIRM in preview and "cannot be undone" in preview
    assert "Only Coachflow admins can forget" in _reply(slack, "UMGR2", "admin forget <@UMGR|maya>")
    assert "cannot forget yourself" in _reply(slack, "UADMIN", "admin forget <@UADMIN|ada>")
    with uow_factory(read_only=True) as uow:
        assert uow.members.get(T1, "UMGR") is not None, "the preview deletes nothing"

    refused = json.dumps(_click_forget(slack, "UMGR2", "UMGR"))
    assert "Only Coachflow admins can forget" in refused
    with uow_factory(read_only=True) as uow:
        assert uow.members.get(T1, "UMGR") is not None, "a non-admin's click deletes nothing"

    done = json.dumps(_click_forget(slack, "UADMIN", "UMGR"))
    assert "<@UMGR> is forgotten" in done and "members: 1" in done
    with uow_factory(read_only=True) as uow:
        assert uow.members.get(T1, "UMGR") is None
        alex = uow.members.get(T1, "UA")
        assert alex is not None and alex.manager_id is None, "their reps stay, without a manager"
        elsewhere = uow.members.get(T2, "UA")
        assert elsewhere is not None and elsewhere.manager_id == "UMGR", "another workspace is untouched"
        scores = uow.call_scores.for_rep(T1, "UA", 10)
        assert scores and all(s.scored_by != "UMGR" for s in scores)
    _reply(slack, "UADMIN", "export json")
    exported = _file(slack, "UADMIN")
    values = [v for rows in json.loads(exported)["tables"].values() for row in rows for v in row.values()]
    assert "UMGR" not in values and "UMGR2" in values, "the admin's export names the forgotten manager nowhere"
    log = _reply(slack, "UADMIN", "admin audit")
    assert "forgot <@UMGR>: person" in log
    assert "Coachflow holds no coaching data of <@UMGR>" in json.dumps(_click_forget(slack, "UADMIN", "UMGR"))


def test_a_managers_read_of_a_reps_scorecard_and_the_reps_debrief_are_in_the_audit_log(
        slack: Slack, uow_factory) -> None:
    from tests.handlers.scorecard_steps import alex_this_week, scorecard

    alex_this_week(slack, uow_factory)  # Alex records a debrief; Maya shadows one of his calls
    scorecard(slack, "UA")  # his own: not logged
    scorecard(slack, "UMGR", "<@UA|alex>")
    with uow_factory(read_only=True) as uow:
        entries = [(e.actor_id, e.action.value, e.subject_id, e.record_kind.value)
                   for e in reversed(uow.audit.search(T1, "UA", None))]
    assert ("UA", "change", "UA", "debrief") in entries
    assert ("UMGR", "read", "UA", "scorecard") in entries
    assert ("UA", "read", "UA", "scorecard") not in entries and ("UA", "read") not in [e[:2] for e in entries]


def _everything(uow_factory) -> tuple[object, ...]:
    with uow_factory(read_only=True) as uow:
        return (uow.members.list_all(T1), uow.members.list_all(T2), uow.call_scores.for_rep(T1, "UA", 10),
                uow.audit.search(T1, None, None))


def test_nobody_but_an_admin_of_the_workspace_forgets_through_the_button_whatever_its_value(
        slack: Slack, uow_factory) -> None:
    """The Forget button crafted by a manager, a rep, with odd values, and naming someone of another workspace."""
    _team(slack, uow_factory)
    with uow_factory() as uow:
        uow.members.add(Member(T2, "UT2ONLY", "Only in T2", "UTC"))
        uow.commit()
    before = _everything(uow_factory)
    for clicker, value in [("UMGR2", "UA"), ("UA", "UA"), ("UMGR", "UA"), ("UB", "UMGR")]:
        assert "Only Coachflow admins can forget" in json.dumps(_click_forget(slack, clicker, value))
    for value in ["", "UA|x", "<@UA>", "U" + "A" * 40, "ua", "T1"]:
        assert "could not be read" in json.dumps(_click_forget(slack, "UADMIN", value))
    assert "no coaching data of <@UT2ONLY>" in json.dumps(_click_forget(slack, "UADMIN", "UT2ONLY"))
    assert "cannot forget yourself" in json.dumps(_click_forget(slack, "UADMIN", "UADMIN"))
    assert _everything(uow_factory) == before


def test_a_forget_clicked_and_replayed_forgets_once_and_answers_once(slack: Slack, uow_factory) -> None:
    from tests.handlers.receipt_steps import replay

    _team(slack, uow_factory)
    request = slack.requests.block_actions("UADMIN", ids.FORGET_CONFIRM, "UMGR")
    token = request.response_token
    assert token is not None

    replies = replay(slack, request, request, request)

    assert [reply.status for reply in replies] == [200, 200, 200]
    answers = json.dumps(slack.fake.responses_for(token))
    assert len(slack.fake.responses_for(token)) == 1 and "<@UMGR> is forgotten" in answers
    assert "holds no coaching data" not in answers, "a retry must not tell the admin there was nothing to forget"
    from domain.audit import AuditAction

    with uow_factory(read_only=True) as uow:
        forgets = [e for e in uow.audit.search(T1, "UMGR", None) if e.action == AuditAction.FORGET]
    assert len(forgets) == 1, "one forget in the audit log, however often Slack sends the click"
