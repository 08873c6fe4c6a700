"""Import a CRM export that someone shared in Coachflow's DM, as that person.

The listener decides that the file was shared in the app's own DM; this
decides everything else, cheapest first, so nothing is downloaded for a
file that would be refused anyway:
1. each shared file is handled once (Slack retries events it thinks lost);
2. only CSV files (anything else: say what the DM accepts);
3. only admins and managers (`domain.pipeline.scope`), and a manager's
   import is held to their own team's deals;
4. not larger than the configured limit, judged from Slack's size before
   the download and from the bytes during it;
5. the same import as `coachflow pipeline import`, idempotent.
"""

from __future__ import annotations

import logging

from domain.errors import InvalidInput, NotAllowed
from domain.model import WorkspaceRef
from domain.pipeline.upload import (
    FileUnavailable,
    Imported,
    NotCsv,
    Refused,
    SharedFiles,
    TooLarge,
    Unavailable,
    UploadOutcome,
    Unusable,
)
from domain.ports import UnitOfWorkFactory
from domain.services.pipeline import PipelineService

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class PipelineUploadService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, pipeline: PipelineService, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self._uow_factory = uow_factory
        self._pipeline = pipeline
        self._max_bytes = max_bytes

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    def handle(self, ws: WorkspaceRef, user_id: str, file_id: str, files: SharedFiles) -> UploadOutcome | None:
        """What became of the file `user_id` shared; None when it was handled before (a retry)."""
        if not self._claim(ws, file_id, user_id):
            log.info("file %s in %s was handled already (a retried event)", file_id, ws.team_id)
            return None
        try:
            shared = files.info(file_id)
        except FileUnavailable as error:
            return Unavailable(file_id, str(error))
        if not shared.is_csv:
            return NotCsv(shared.name, shared.filetype)
        try:
            scope = self._pipeline.import_scope(ws, user_id)
        except NotAllowed as error:
            return Refused(shared.name, str(error))
        if shared.size is not None and shared.size > self._max_bytes:
            return TooLarge(shared.name, shared.size, self._max_bytes)
        if not shared.downloadable:
            return Unavailable(shared.name, "it is a link to a file stored outside Slack")
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
        """Record the file before handling it, in a unit of its own committed at once.

        Committed first so that a retry arriving while this one still
        downloads finds it. In a workspace Coachflow does not know, nobody may
        import and there is nowhere to record it: the refusal follows.
        """
        with self._uow_factory() as uow:
            if uow.workspaces.get(ws) is None:
                return True
            claimed = uow.shared_files.claim(ws, file_id, user_id)
            uow.commit()
            return claimed
