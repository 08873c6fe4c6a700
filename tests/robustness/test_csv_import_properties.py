"""Random rows and encodings to the CSV importer: a clear result or a clear error, never an exception.

Files are drawn as a person's CRM export might arrive: the real headers in
any order with some missing and unknown ones added, rows of any length,
cells of any Unicode text, formula-injection cells (`=HYPERLINK(...)`,
`+1`, `@SUM(...)`), huge fields, quotes never closed, in UTF-8, UTF-8 with a
byte order mark, UTF-16, Latin-1 and Windows-1252 with any delimiter; and
plain garbage bytes. `parse_opportunities` either returns what it read (each
skipped line with its reason) or raises `InvalidInput` naming the file; the
whole upload path (claim, import, record, the reply in the DM) answers
every one of them with a message.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.csv_import import parse_opportunities
from domain.pipeline.model import ImportParse
from domain.pipeline.upload import Imported, NotSaved, describe
from domain.services.pipeline import PipelineService
from domain.services.pipeline_upload import PipelineUploadService
from handlers.blocks.pipeline_upload import upload_reply
from tests.fakes import FakeStore
from tests.fakes_shared_files import FakeSharedFiles

SOURCE = "deals.csv"
HEADERS = ["id", "name", "owner", "amount", "stage", "created", "closed", "status", "loss_reason",
           "entered_prospecting", "entered_qualifying", "entered_presenting", "entered_closing",
           "Opportunity ID", "Opportunity Name", "Owner Email", "Close Date", "Won", "Closed"]
FORMULAS = ['=HYPERLINK("https://evil.example","click")', "=1+1", "+1", "-2+3", "@SUM(A1:A9)", "\t=cmd|' /C calc'!A0",
            "=cmd|' /C calc'!A0", "\r=1"]
TYPICAL = ["D1", "Acme", "UANN", "ann@example.com", "1000", "$12,500.00", "qualifying", "Closed Won", "open", "won",
           "2026-01-05", "1/5/2025", "31.12.2025", "true", "no", "Lost to Competitor", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252"]
LIMIT = 2_000  # a message longer than this is not "clear"

cells = st.one_of(
    st.sampled_from(TYPICAL),
    st.sampled_from(FORMULAS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8).map(lambda s: s * 5_000),  # huge field
    st.sampled_from(['"', '"unclosed', 'a"b', "\x00", "line\nbreak", "\ufeff", "é", "€", "😀"]),
)
headers = st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=12)), max_size=16)


@st.composite
def exports(draw: st.DrawFn) -> bytes:
    header = draw(headers)
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    if draw(st.booleans()):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
        text = buffer.getvalue()
    else:  # written by hand, quotes and all, as a broken export would be
        text = "\n".join(delimiter.join(row) for row in [header, *rows])
    if draw(st.booleans()):
        text = f"sep={delimiter}\n{text}"
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


files = st.one_of(exports(), st.binary(max_size=2_000))


def _clear(message: str) -> None:
    assert message.strip() and len(message) <= LIMIT, message[:300]
    assert "Traceback" not in message


def _parse(raw: bytes) -> ImportParse | str:
    """What the file held, or the refusal's message."""
    try:
        return parse_opportunities(raw, source_name=SOURCE)
    except InvalidInput as error:
        return str(error)


@given(raw=files)
def test_the_importer_reads_any_file_or_says_why_not(raw: bytes) -> None:
    parsed = _parse(raw)
    if isinstance(parsed, str):
        assert parsed.startswith(f"{SOURCE}: ")
        _clear(parsed)
        return
    for problem in parsed.problems:
        assert problem.line >= 2  # the header is line 1
        _clear(problem.reason)
    for row in parsed.rows:
        assert row.line >= 2 and row.external_id.strip() and len(row.external_id) <= 128


@given(raw=files)
def test_a_shared_file_of_any_content_gets_an_answer_in_the_dm(raw: bytes) -> None:
    ws = WorkspaceRef("T1")
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(ws))
        uow.members.add(Member(ws, "UADA", "Ada", "UTC", is_admin=True))
        uow.members.add(Member(ws, "UMAYA", "Maya", "UTC", role=Role.MANAGER))
        uow.members.add(Member(ws, "UANN", "Ann", "UTC", manager_id="UMAYA"))
        uow.commit()
    shared = FakeSharedFiles()
    shared.share("F1", "deals.csv", raw)
    service = PipelineUploadService(store.uow, PipelineService(store.uow), max_bytes=1_000_000,
                                    clock=lambda: datetime(2026, 12, 1, 9, tzinfo=UTC))

    outcome = service.handle(ws, "UADA", "F1", shared)

    assert outcome is not None and not isinstance(outcome, NotSaved)  # NotSaved: the import raised
    _clear(describe(outcome))
    reply = upload_reply(outcome)
    assert reply["text"].strip() and reply.get("blocks")
    if not isinstance(outcome, Imported):
        assert "Traceback" not in str(reply)
