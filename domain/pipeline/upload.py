"""A CRM export shared in Coachflow's DM: the file as Slack describes it, and what became of it.

The Slack edge implements `SharedFiles` (files.info, then the private
download URL with the bot token); `PipelineUploadService` decides, and its
outcome is one of the small records below, each rendered as one DM.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.errors import CoachflowError
from domain.pipeline import summary
from domain.pipeline.model import ImportReport
from domain.pipeline.scope import ImportScope

CSV_FILETYPE = "csv"  # Slack's `filetype` for comma-separated files
CSV_MIMETYPES = frozenset({"text/csv"})
MAX_OUTCOME = 1000  # what the record keeps of an outcome; the DM says it all


@dataclass(frozen=True)
class SharedFile:
    """What Slack says about a shared file (files.info), before anyone downloads it.

    `size` is in bytes. `downloadable` is False for what Slack only links to
    (a Google Drive or Dropbox file) and for a file with no private URL.
    """

    file_id: str
    name: str
    size: int | None = None
    filetype: str = ""
    mimetype: str = ""
    downloadable: bool = True

    @property
    def is_csv(self) -> bool:
        # Any one is enough: Slack's own type, the name, or the MIME type
        # (Excel on Windows labels CSVs oddly, but keeps the .csv name).
        return (
            self.filetype.lower() == CSV_FILETYPE
            or self.name.lower().endswith(".csv")
            or self.mimetype.lower().split(";")[0].strip() in CSV_MIMETYPES
        )


class FileUnavailable(CoachflowError):
    """Slack would not give us the file (deleted, not found, an external link, no access)."""


class SharedFiles(Protocol):
    """The files people share with Coachflow, as the Slack edge fetches them."""

    def info(self, file_id: str) -> SharedFile:
        """The file's name, size and type; FileUnavailable when Slack has none."""
        ...

    def download(self, file: SharedFile, max_bytes: int) -> bytes:
        """The file's bytes, reading at most `max_bytes + 1` of them.

        More than `max_bytes` back means the file is larger than allowed (the
        size Slack reported was wrong). FileUnavailable when it cannot be fetched.
        """
        ...


# -- what became of a shared file (one DM each) ----------------------------------


@dataclass(frozen=True)
class Imported:
    file_name: str
    report: ImportReport
    scope: ImportScope


@dataclass(frozen=True)
class NotCsv:
    file_name: str
    filetype: str


@dataclass(frozen=True)
class TooLarge:
    file_name: str
    size: int
    limit: int


@dataclass(frozen=True)
class Refused:
    """The sharer may not import (a rep, or someone Coachflow does not know)."""

    file_name: str
    reason: str


@dataclass(frozen=True)
class Unusable:
    """The file is not a CRM export we can read: empty, not text, missing columns."""

    file_name: str
    reason: str


@dataclass(frozen=True)
class Unavailable:
    """Slack would not hand the file over."""

    file_name: str
    reason: str


@dataclass(frozen=True)
class NotSaved:
    """The database failed (or Coachflow did) during the import: nothing of the file was saved.

    `retry_in` is how long until sharing the file again imports it: zero
    when its failure was recorded, the claim's timeout when even that failed.
    """

    file_name: str
    retry_in: timedelta = timedelta(0)


UploadOutcome = Imported | NotCsv | TooLarge | Refused | Unusable | Unavailable | NotSaved


def describe(outcome: UploadOutcome) -> str:
    """The outcome in one line, as the record of the shared file keeps it."""
    text: str
    if isinstance(outcome, Imported):
        text = summary.headline(outcome.report)
        if outcome.report.problems:
            text += f"; {summary.skipped(outcome.report)}"
    elif isinstance(outcome, NotCsv):
        text = f"not a CSV file ({outcome.filetype or 'no type'})"
    elif isinstance(outcome, TooLarge):
        text = f"too large: {outcome.size:,} bytes, the limit is {outcome.limit:,}"
    elif isinstance(outcome, NotSaved):
        text = "not saved: the database failed during the import"
    else:
        text = outcome.reason
    return text if len(text) <= MAX_OUTCOME else text[: MAX_OUTCOME - 1] + "…"


# -- the record of each shared file ------------------------------------------------


class SharedFileStatus(str, enum.Enum):
    """Where a shared file stands: being imported, imported, or failed (sharing it again retries)."""

    CLAIMED = "claimed"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class SharedFileRecord:
    """One file shared in Coachflow's DM, as recorded: who, where it stands, how it ended."""

    file_id: str
    user_id: str
    status: SharedFileStatus
    outcome: str | None
    attempts: int
    updated_at: datetime
