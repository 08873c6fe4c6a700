"""`/coach` over the command registry, through signed requests: who gets enrolled, what is written, in what order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select

from domain.model import WorkspaceRef
from storage.orm import Base
from tests.handlers.conftest import TEAM, ListenerPool, Slack
from tests.handlers.diagnosis_steps import open_modal
from tests.integration.test_pipeline_import_sql import statements

WS = WorkspaceRef(TEAM)
READING = ["team", "notify", "cycle", "profile", "focus <@UA|alex>", "contract", "pipeline", "help team", "?"]


@contextmanager
def _writes(engine: Engine) -> Iterator[list[str]]:
    """The INSERT, UPDATE and DELETE statements anyone runs on `engine` meanwhile (even ones that change nothing)."""
    with statements(engine) as seen:
        writes: list[str] = []
        yield writes
    writes += [s for s in seen if s.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def _database(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, as text: two snapshots are equal when nothing was written."""
    with engine.connect() as connection:
        return {table.name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
                for table in Base.metadata.sorted_tables}


def _team(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first person to use /coach becomes admin
    slack.coach("UMGR", "team add <@UA|alex>")


def _settled(slack: Slack) -> None:
    """Wait until the setup's listeners (DMs, App Home publishes after their ack) have finished."""
    pool = slack.app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool)
    pool.wait_idle()


def _member(uow_factory: Any, user_id: str) -> Any:
    with uow_factory() as uow:
        return uow.members.get(WS, user_id)


def test_help_and_reading_commands_by_a_known_member_leave_the_database_unchanged(slack: Slack, engine) -> None:
    _team(slack)
    _settled(slack)
    before = _database(engine)

    with _writes(engine) as writes:
        for text in ["help", *READING]:
            reply = slack.coach("UMGR", text)
            assert reply.responses[-1]["response_type"] == "ephemeral", text
        slack.coach("UA", "help")
        slack.finish_listeners()

    assert writes == []
    assert _database(engine) == before


def test_help_by_someone_coachflow_does_not_know_enrols_nobody(slack: Slack, engine, uow_factory) -> None:
    _team(slack)
    _settled(slack)
    before = _database(engine)

    with _writes(engine) as writes:
        reply = slack.coach("UMGR2", "help")
        slack.finish_listeners()

    assert writes == []
    assert "/coach team add @alex @sam" in reply.last_text and len(reply.responses) == 1
    assert _member(uow_factory, "UMGR2") is None
    assert _database(engine) == before


def test_a_reading_command_enrols_a_stranger_once_and_the_first_one_becomes_admin(slack: Slack, uow_factory) -> None:
    first = slack.coach("UMGR", "team", replies=2)
    second = slack.coach("UMGR2", "pipeline")

    welcome, listing = first.responses
    assert "you are its admin" in welcome["text"] and "do not coach anyone" in listing["text"]
    assert _member(uow_factory, "UMGR").is_admin
    assert len(second.responses) == 1 and "for managers and admins" in second.last_text
    assert _member(uow_factory, "UMGR2") is not None and not _member(uow_factory, "UMGR2").is_admin


def test_a_modal_opens_before_any_other_lookup_and_the_first_admins_welcome_follows_it(slack: Slack, fake) -> None:
    fake.reset_calls()
    modal = open_modal(slack, "UADMIN", "assess")
    fake.wait_for(lambda: any("you are its admin" in r.get("text", "") for r in fake.responses))

    methods = [c.method for c in fake.calls if c.method != "auth.test"]
    assert modal["callback_id"] and methods[0] == "views.open"
    assert methods.index("users.info") > 0  # the stranger is looked up in Slack only after the modal opened


def test_a_known_manager_scoring_a_rep_opens_the_modal_with_no_slack_lookup_first(slack: Slack, fake) -> None:
    _team(slack)
    _settled(slack)
    fake.reset_calls()

    open_modal(slack, "UMGR", "score <@UA|alex>")

    assert [c.method for c in fake.calls if c.method != "auth.test"] == ["views.open"]


def test_a_strangers_first_score_of_their_own_call_still_opens_the_modal(slack: Slack, fake, uow_factory) -> None:
    _team(slack)

    modal = open_modal(slack, "UB", "score")

    assert modal["type"] == "modal" and _member(uow_factory, "UB") is not None


def test_help_lists_every_subcommand_and_an_unknown_one_gets_the_real_list(slack: Slack) -> None:
    _team(slack)

    help_text = slack.coach("UMGR", "help").last_text
    unknown = slack.coach("UMGR", "dance").last_text
    team_typo = slack.coach("UMGR", "team fire <@UA|alex>").last_text

    for command in ("/coach team add", "/coach admin grant", "/coach pipeline", "/coach focus", "/coach notify"):
        assert command in help_text
    assert "is not a command I know" in unknown
    for topic in ("`team`", "`admin`", "`start`", "`score`", "`focus`", "`contract`", "`pipeline`", "`pause`"):
        assert topic in unknown
    assert "not a team command" in team_typo and "/coach team move @alex @jordan" in team_typo
