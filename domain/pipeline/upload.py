"""A CRM export shared in Coachflow's DM: the file as Slack describes it, and what became of it.

The Slack edge implements `SharedFiles` (files.info, then the private
download URL with the bot token); `PipelineUploadService` decides, and its
outcome is one of the small records below, each rendered as one DM.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.errors import CoachflowError
from domain.pipeline.model import ImportReport
from domain.pipeline.scope import ImportScope

CSV_FILETYPE = "csv"  # Slack's `filetype` for comma-separated files
CSV_MIMETYPES = frozenset({"text/csv"})


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


UploadOutcome = Imported | NotCsv | TooLarge | Refused | Unusable | Unavailable
