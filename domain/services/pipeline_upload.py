"""Import a CRM export that someone shared in Coachflow's DM, as that person.

The listener decides that the file was shared in the app's own DM; this
decides everything else, cheapest first, so nothing is downloaded for a
file that would be refused anyway:
1. one handler at a time holds each shared file (Slack retries events it
   thinks lost), and a file imported once is not imported again;
2. only CSV files (anything else: say what the DM accepts);
3. only admins and managers (`domain.pipeline.scope`), and a manager's
   import is held to their own team's deals;
4. not larger than the configured limit, judged from Slack's size before
   the download and from the bytes during it;
5. the same import as `coachflow pipeline import`, idempotent.
The outcome is recorded with the file: done only when it was imported;
failed otherwise (also when the database failed mid-import), so that
sharing the file again tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.effects import Notice
from domain.errors import InvalidInput, NotAllowed
from domain.model import WorkspaceRef
from domain.pipeline.upload import (
    FileUnavailable,
    Imported,
    NotCsv,
    NotSaved,
    Refused,
    SharedFiles,
    SharedFileStatus,
    TooLarge,
    Unavailable,
    Unusable,
    UploadOutcome,
    describe,
)
from domain.ports import UnitOfWorkFactory
from domain.services.pipeline import PipelineService

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# How long a claim holds before it counts as abandoned (its instance died).
# Longer than any import and than Slack's retries (at once, after 1 and 5
# minutes), so a retry never runs beside a live import.
CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class UploadAnswered(Notice):
    """To whoever shared a file in the app's DM: what became of it."""

    outcome: UploadOutcome


class _Progress:
    """How far one file got, so that a failure can still name it."""

    def __init__(self, file_id: str) -> None:
        self.file_name = file_id


class PipelineUploadService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        pipeline: PipelineService,
        max_bytes: int = DEFAULT_MAX_BYTES,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._uow_factory = uow_factory
        self._pipeline = pipeline
        self._max_bytes = max_bytes
        self._clock = clock

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    def handle(self, ws: WorkspaceRef, user_id: str, file_id: str, files: SharedFiles) -> UploadOutcome | None:
        """What became of the file `user_id` shared; None when it needs no answer.

        None means the file is imported already, or another handler holds it
        (a retried event). Every other outcome is recorded with the file, and
        anything but an import as failed, so sharing the file again retries.
        A failure of the database (or a bug) is logged with its traceback and
        comes back as NotSaved: the person is told rather than left waiting.
        """
        try:
            claimed = self._claim(ws, file_id, user_id)
        except Exception:  # the database did not answer; nothing is recorded, so a retry runs again
            log.exception("could not record file %s shared in %s", file_id, ws.team_id)
            return NotSaved(file_id)
        if not claimed:
            log.info("file %s in %s is imported or being imported already (a retried event)", file_id, ws.team_id)
            return None
        progress = _Progress(file_id)
        try:
            outcome = self._import(ws, user_id, file_id, files, progress)
        except Exception:  # the import's unit rolled back: nothing of the file is saved
            log.exception("importing file %s shared in %s failed", file_id, ws.team_id)
            outcome = NotSaved(progress.file_name)
        if not self._record(ws, file_id, outcome) and isinstance(outcome, NotSaved):
            outcome = replace(outcome, retry_in=CLAIM_TIMEOUT)  # the claim holds until it times out
        return outcome

    def _import(
        self, ws: WorkspaceRef, user_id: str, file_id: str, files: SharedFiles, progress: _Progress
    ) -> UploadOutcome:
        try:
            shared = files.info(file_id)
        except FileUnavailable as error:
            return Unavailable(file_id, str(error))
        progress.file_name = shared.name
        if not shared.is_csv:
            return NotCsv(shared.name, shared.filetype)
        try:
            scope = self._pipeline.import_scope(ws, user_id)
        except NotAllowed as error:
            return Refused(shared.name, str(error))
        if shared.size is not None and shared.size > self._max_bytes:
            return TooLarge(shared.name, shared.size, self._max_bytes)
        if not shared.downloadable:
            return Unavailable(
                shared.name,
                "it is a link to a file stored outside Slack (Google Drive, Dropbox). "
                "Download it, then upload the CSV file itself here.",
            )
        try:
            raw = files.download(shared, self._max_bytes)
        except FileUnavailable as error:
            return Unavailable(shared.name, str(error))
        if len(raw) > self._max_bytes:
            return TooLarge(shared.name, len(raw), self._max_bytes)
        try:
            report = self._pipeline.import_file(ws, raw, shared.name, importer_id=user_id)
        except NotAllowed as error:  # their role changed while the file downloaded
            return Refused(shared.name, str(error))
        except InvalidInput as error:  # empty, not text, missing columns: said in words
            return Unusable(shared.name, str(error))
        return Imported(shared.name, report, scope)

    def _claim(self, ws: WorkspaceRef, file_id: str, user_id: str) -> bool:
        """Take the file before handling it, in a unit of its own committed at once.

        Committed first so that a retry arriving while this one still
        downloads finds it. In a workspace Coachflow does not know, nobody may
        import and there is nowhere to record it: the refusal follows.
        """
        now = self._clock()
        with self._uow_factory() as uow:
            if uow.workspaces.get(ws) is None:
                return True
            claimed = uow.shared_files.claim(ws, file_id, user_id, now, stale_before=now - CLAIM_TIMEOUT)
            uow.commit()
            return claimed

    def _record(self, ws: WorkspaceRef, file_id: str, outcome: UploadOutcome) -> bool:
        """Record the outcome in a fresh unit (the import's own may have rolled back); False if that failed.

        Only an import is done; anything else is failed, so the person can fix
        the cause (their role, the export, Slack's access) and share it again.
        """
        status = SharedFileStatus.DONE if isinstance(outcome, Imported) else SharedFileStatus.FAILED
        try:
            with self._uow_factory() as uow:
                if uow.workspaces.get(ws) is not None:
                    uow.shared_files.finish(ws, file_id, status, describe(outcome), self._clock())
                    uow.commit()
        except Exception:  # still no database: the reply goes out all the same
            log.exception("could not record the outcome of file %s shared in %s", file_id, ws.team_id)
            return False
        return True
