"""The weekly indicator table as CSV or JSON text: one format for `coachflow scorecards export` and
`/scorecard ... export` (the file uploaded to the caller's DM), so both give the same columns and cells."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from domain.services.scorecard_export import COLUMNS, ExportRow

# Columns people type or name: a spreadsheet must show them as text, never run them.
_TEXT_COLUMNS = frozenset({"team_id", "rep_id", "rep_name", "skill", "indicator", "target"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A cell starting like a formula (= + - @, tab, CR) gets a leading apostrophe: a spreadsheet shows it as text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(name: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in _TEXT_COLUMNS and isinstance(value, str):
        return spreadsheet_safe(value)
    return value


def to_csv(rows: Sequence[ExportRow]) -> str:
    """RFC 4180 (comma, double quotes, CRLF), a header line, empty cells for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(name, value) for name, value in row.as_dict().items()])
    return buffer.getvalue()


def to_json(rows: Sequence[ExportRow]) -> str:
    """A JSON array of objects keyed by the same columns, one per line; null for no value."""
    if not rows:
        return "[]\n"
    lines = ",\n".join(json.dumps(row.as_dict(), ensure_ascii=False) for row in rows)
    return f"[\n{lines}\n]\n"
