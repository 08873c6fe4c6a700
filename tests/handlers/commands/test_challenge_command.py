"""`/challenge` as typed: its help, unknown words, a start without focus skills or for someone else's rep."""

from __future__ import annotations

from tests.handlers.challenge_steps import answers_to, challenge
from tests.handlers.conftest import Slack


def test_challenge_help_lists_its_commands_and_coach_help_the_admin_setting(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    request, _ = challenge(slack, "UA", "help")
    shown = str(answers_to(slack, request))
    for typed in ("`/challenge`", "`/challenge start @alex`", "`/challenge status`", "`/challenge done [note]`",
                  "`/challenge repair`"):
        assert typed in shown, typed
    assert "/coach admin challenge working|calendar" in slack.coach("UADMIN", "help").last_text


def test_unknown_words_and_starts_that_cannot_be_are_answered_plainly(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    request, _ = challenge(slack, "UA", "dance")
    assert "`/challenge dance` is not a challenge command" in str(answers_to(slack, request))
    request, _ = challenge(slack, "UA")
    assert "needs focus skills first" in str(answers_to(slack, request))
    request, _ = challenge(slack, "UMGR2", "start <@UA|alex>")
    assert "for a rep you coach" in str(answers_to(slack, request))
    request, _ = challenge(slack, "UA", "status")
    assert "You have no challenge yet" in str(answers_to(slack, request))
    request, _ = challenge(slack, "UA", "done")
    assert "no challenge running" in str(answers_to(slack, request))
