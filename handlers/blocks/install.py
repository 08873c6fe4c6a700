"""The installer's DM after an OAuth install: welcome the team now, or not yet (issue 14)."""

from __future__ import annotations

from typing import Any

from handlers.blocks.kit import actions, button, context, md, message, section
from handlers.edge import ids


def install_question(team_name: str) -> dict[str, Any]:
    """The only message an install sends: to the installer, before anyone else hears of Coachflow."""
    text = md("Coachflow is installed in {team}. Nobody else has heard from it yet.",
              team=team_name or "your workspace")
    return message(text, [
        section(md(":wave: {text} Shall I welcome your team? You choose the reps; each gets one short note "
                   "that you coach them with Coachflow.", text=text)),
        actions(button("Yes, choose my reps", ids.INSTALL_WELCOME_TEAM, style="primary"),
                button("Not now", ids.INSTALL_NOT_NOW)),
        context("Later: `/coach team add @rep` or the Add reps button in Coachflow's Home tab."),
    ])


def install_choosing() -> dict[str, Any]:
    text = "Pick your reps in the form; only they get a note, when you press Add."
    return message(text, [section(f":busts_in_silhouette: {text}")])


def install_not_now() -> dict[str, Any]:
    text = "Nothing was sent to anyone. When you are ready: `/coach team add @rep`, or Add reps in the Home tab."
    return message(text, [section(f":ok_hand: {text}")])
