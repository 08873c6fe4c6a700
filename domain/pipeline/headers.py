"""Which column of an export holds which field: the header row, mapped.

The mapping itself (which headers mean what) is data in
`domain.pipeline.columns`; this applies it to one file's header row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.errors import InvalidInput
from domain.pipeline.columns import (
    AMBIGUOUS_CLOSED,
    FIELD_HEADERS,
    REQUIRED_FIELDS,
    looks_like_stage_date,
    normalise_header,
    stage_of_header,
)
from domain.pipeline.model import Stage

_ALIASES: dict[str, tuple[str, int]] = {
    alias: (name, rank) for name, aliases in FIELD_HEADERS.items() for rank, alias in enumerate(aliases)
}
HEADERS_SHOWN = 40
_UNCLOSED = " A header runs across lines, which usually means a quote (\") in the first line that is never closed."
HEADER_SHOWN = 60  # characters of each: a header can be a whole file's worth (a quote never closed)
# How the required columns are described when missing.
_REQUIRED_HINTS = {
    "id": 'an opportunity id ("Opportunity ID", "Record ID" or "id")',
    "owner": 'an owner ("Owner Email", "Deal owner" or "owner": a Slack user id or email)',
    "stage": 'a stage ("Stage", "Deal Stage" or "stage")',
}


@dataclass
class ColumnMap:
    """Which column of the file holds what (0-based positions)."""

    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    owners: list[int] = field(default_factory=list)  # best first
    stage_dates: dict[Stage, list[int]] = field(default_factory=dict)
    unknown_stage_columns: list[str] = field(default_factory=list)


def map_columns(headers: Sequence[str]) -> ColumnMap:
    """The column mapping of a header row; InvalidInput naming what is missing."""
    names = [normalise_header(h) for h in headers]
    columns = ColumnMap(headers=[h.strip() for h in headers])
    has_close_date = any(_ALIASES.get(n, ("", 0))[0] == "close_date" for n in names)
    ranked: dict[str, tuple[int, int]] = {}
    owners: list[tuple[int, int]] = []
    for position, name in enumerate(names):
        found = _ALIASES.get(name)
        if name == AMBIGUOUS_CLOSED:
            found = ("is_closed", 0) if has_close_date else ("close_date", 99)
        if found is not None:
            field_name, rank = found
            if field_name == "owner":
                owners.append((rank, position))
            elif field_name not in ranked or rank < ranked[field_name][0]:
                ranked[field_name] = (rank, position)
            continue
        stage = stage_of_header(name)
        if isinstance(stage, Stage):
            columns.stage_dates.setdefault(stage, []).append(position)
        elif stage is None and looks_like_stage_date(name):
            columns.unknown_stage_columns.append(headers[position].strip())
    columns.fields = {name: position for name, (_, position) in ranked.items()}
    columns.owners = [position for _, position in sorted(owners)]
    if columns.owners:
        columns.fields["owner"] = columns.owners[0]
    missing = [name for name in REQUIRED_FIELDS if name not in columns.fields]
    if missing:
        named = [repr(_clip(h.strip())) for h in headers if h.strip()]
        # HubSpot exports can have hundreds of columns; the first ones show which export it is.
        shown = named[:HEADERS_SHOWN]
        if len(named) > HEADERS_SHOWN:
            shown.append(f"and {len(named) - HEADERS_SHOWN} more")
        found_headers = ", ".join(shown) or "none"
        raise InvalidInput(
            "The file is missing required columns: "
            + "; ".join(_REQUIRED_HINTS[name] for name in missing)
            + f". Headers found: {found_headers}."
            + (_UNCLOSED if any("\n" in h or "\r" in h for h in headers) else "")
        )
    return columns


def _clip(header: str) -> str:
    return header if len(header) <= HEADER_SHOWN else header[: HEADER_SHOWN - 1] + "…"


def recognised_headers(cells: Sequence[str]) -> int:
    """How many cells of a header row Coachflow knows (used to pick the delimiter)."""
    names = [normalise_header(c) for c in cells]
    return sum(
        1 for n in names if n in _ALIASES or n == AMBIGUOUS_CLOSED or isinstance(stage_of_header(n), Stage)
    )
