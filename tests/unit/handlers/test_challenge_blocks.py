"""The challenge's figures line as the rep and the manager read it: the last day says "1 day left"."""

from __future__ import annotations

from dataclasses import replace

from domain.notifications.challenge_summary import ChallengeSummary
from domain.services.challenge_notices import ChallengeView
from handlers.blocks.challenge import figures
from handlers.blocks.challenge_summary import summary_message
from tests.unit.handlers.hostile_cases_challenge import TODAY, VIEW
from tests.unit.handlers.hostile_common import MANAGER, NOW, WS


def _left(days: int) -> ChallengeView:
    return replace(VIEW, progress=replace(VIEW.progress, days_left=days))


def test_the_figures_count_the_days_left_in_words() -> None:
    assert "*1* day left" in figures(_left(1))
    assert "*2* days left" in figures(_left(2))


def test_the_managers_summary_counts_the_days_left_in_words() -> None:
    last_day = summary_message(ChallengeSummary(WS, MANAGER, "daily", TODAY, (_left(1),)), NOW)
    assert "1 day left" in str(last_day) and "1 days" not in str(last_day)


def test_a_challenge_whose_last_day_went_unanswered_reads_finished_without_encouragement() -> None:
    over = _left(0)  # every day closed; still marked active, as no answer came to complete it
    assert over.challenge.is_active and not over.running
    summary = str(summary_message(ChallengeSummary(WS, MANAGER, "daily", TODAY, (over,)), NOW))
    assert "finished: compliance" in summary and "Send encouragement" not in summary
