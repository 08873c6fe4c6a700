"""What `coachflow doctor` says about one check: ok, warning, problem or skipped, in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from storage.uow import normalise_database_url


class Status(str, Enum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    says: str


def masked(url: str) -> str:
    """DATABASE_URL without its password, for printing."""
    try:  # as written (postgresql://...), only a bare SQLite path gets its scheme
        return make_url(url if "://" in url else normalise_database_url(url)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("://", 1)[0] + "://..."
