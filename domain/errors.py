"""Errors whose message is meant for the person who caused them.

Listeners turn these into an ephemeral reply or an inline modal error; the
CLI prints them and exits non-zero. Anything else is a bug and goes to Bolt's
error handler.
"""

from __future__ import annotations

from collections.abc import Mapping


class CoachflowError(Exception):
    """A problem the user can fix; `str(error)` says how."""


class NotAllowed(CoachflowError):
    """The caller may not do this (privacy or role rule)."""


class NotFound(CoachflowError):
    """Something the caller named does not exist in this workspace."""


class InvalidInput(CoachflowError):
    """The caller typed something we cannot use."""


class FieldProblems(InvalidInput):
    """Input problems by field (a modal field, a dimension, a question), so each shows inline."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class DatabaseBusy(CoachflowError):
    """The database did not answer within the time a Slack form allows; nothing was saved.

    Raised by a unit of work given a deadline (`UnitOfWork.answer_by`): it
    rolled back, so the person can safely submit again.
    """

    def __init__(self, message: str = "Could not save just now — please try again.") -> None:
        super().__init__(message)
