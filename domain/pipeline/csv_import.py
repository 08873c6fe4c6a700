"""Parsing a CRM export (CSV bytes) into opportunity records: no database here.

A file is unusable (InvalidInput) only when it is not text, is empty, or
lacks a required column; everything else is judged row by row, so one bad
date costs one row, reported by its line, and the good rows still import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from domain.errors import InvalidInput
from domain.pipeline.columns import STAGE_NAMES, STATUS_WORDS, normalise_stage_name
from domain.pipeline.headers import ColumnMap, map_columns, recognised_headers
from domain.pipeline.model import (
    MAX_EXTERNAL_ID,
    MAX_NAME,
    STAGES,
    DealStatus,
    ImportParse,
    OpportunityRecord,
    RowProblem,
    Stage,
)
from domain.pipeline.text import (
    MAX_COLUMNS,
    check_header_size,
    choose_delimiter,
    csv_problem,
    decode,
    split_separator_line,
    too_many_columns,
)
from domain.pipeline.values import (
    CellError,
    loss_category,
    parse_amount,
    parse_date,
    parse_flag,
    parse_owner,
)


def parse_opportunities(raw: bytes, *, source_name: str) -> ImportParse:
    """Good rows and bad rows (by line) of an export; InvalidInput if it is unusable.

    `source_name` is only used in messages about the file as a whole.
    """
    try:
        text, encoding = decode(raw)
    except InvalidInput as error:
        raise InvalidInput(f"{source_name}: {error}") from None
    declared, text, skipped = split_separator_line(text)
    try:
        check_header_size(text)
    except InvalidInput as error:
        raise InvalidInput(f"{source_name}: {error}") from None
    delimiter = declared or choose_delimiter(text, recognised_headers)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InvalidInput(f"{source_name}: in the header row, {csv_problem(error)}.") from None
    if header is None or not any(cell.strip() for cell in header):
        raise InvalidInput(f"{source_name}: the file has no header row.")
    if len(header) > MAX_COLUMNS:
        raise InvalidInput(f"{source_name}: {too_many_columns(len(header))}")
    try:
        columns = map_columns(header)
    except InvalidInput as error:
        raise InvalidInput(f"{source_name}: {error}") from None

    rows: list[OpportunityRecord] = []
    problems: list[RowProblem] = []
    first_line_of: dict[str, int] = {}
    consumed = reader.line_num
    while True:
        line = consumed + 1 + skipped  # where this record starts, counting the header as 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(RowProblem(line, f"{csv_problem(error)}; the rest of the file was not read"))
            break
        consumed = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of an export) are not rows
        try:
            record = parse_row(cells, columns, line)
        except RowError as error:
            problems.append(RowProblem(line, str(error)))
            continue
        if record.external_id in first_line_of:
            problems.append(RowProblem(line, f"duplicate of line {first_line_of[record.external_id]}"))
            continue
        first_line_of[record.external_id] = line
        rows.append(record)
    return ImportParse(
        rows=rows,
        problems=problems,
        encoding=encoding,
        delimiter=delimiter,
        unknown_stage_columns=columns.unknown_stage_columns,
    )


class RowError(ValueError):
    """Everything wrong with one row, joined so the person fixes it in one go."""


class _Row:
    """One row's cells, read by field name, collecting every problem found."""

    def __init__(self, cells: Sequence[str], columns: ColumnMap) -> None:
        self.cells = cells
        self.columns = columns
        self.errors: list[str] = []

    def cell(self, name: str) -> str:
        return self.at(self.columns.fields.get(name))

    def at(self, position: int | None) -> str:
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position].strip()

    def read_date(self, text: str, what: str) -> date | None:
        try:
            return parse_date(text, what)
        except CellError as error:
            self.errors.append(str(error))
            return None

    def amount(self) -> Decimal | None:
        try:
            return parse_amount(self.cell("amount"))
        except CellError as error:
            self.errors.append(str(error))
            return None

    def flag(self, name: str, what: str) -> bool:
        try:
            return parse_flag(self.cell(name), what)
        except CellError as error:
            self.errors.append(str(error))
            return False

    def owner(self) -> str:
        # Several owner columns (Salesforce's name and email): the first usable one.
        values = [v for v in (self.at(p) for p in self.columns.owners) if v]
        for value in values:
            owner = parse_owner(value)
            if owner is not None:
                return owner
        if values:
            self.errors.append(f"owner {values[0]!r} is neither a Slack user id nor an email")
        else:
            self.errors.append("no owner")
        return ""

    def stage_dates(self) -> dict[Stage, date]:
        # Several vendor stages can share a canonical one (Value Proposition
        # and Perception Analysis are both presenting): the deal entered it
        # when it entered the first of them.
        entered: dict[Stage, date] = {}
        for stage in STAGES:  # funnel order, so the dict reads in order too
            for position in self.columns.stage_dates.get(stage, ()):
                text = self.at(position)
                day = self.read_date(text, f"date entered {stage.value}") if text else None
                if day is not None and (stage not in entered or day < entered[stage]):
                    entered[stage] = day
        return entered

    def status(self, named: Stage | DealStatus | None) -> DealStatus:
        """Open, won or lost from, in order: the stage, a status column, yes/no flags."""
        if isinstance(named, DealStatus):
            return named
        status_text = self.cell("status")
        if status_text:
            status = STATUS_WORDS.get(" ".join(status_text.lower().split()))
            if status is None:
                self.errors.append(f"status {status_text!r} is not open, won or lost")
            return status or DealStatus.OPEN
        won = self.flag("is_won", "won")
        closed = self.flag("is_closed", "closed")
        if won:
            return DealStatus.WON
        return DealStatus.LOST if closed else DealStatus.OPEN


def parse_row(cells: Sequence[str], columns: ColumnMap, line: int) -> OpportunityRecord:
    """One data row as a record; RowError listing every problem in it."""
    row = _Row(cells, columns)
    external_id = row.cell("id")
    if not external_id:
        row.errors.append("no opportunity id")
    elif len(external_id) > MAX_EXTERNAL_ID:
        row.errors.append(f"opportunity id is longer than {MAX_EXTERNAL_ID} characters")
    owner = row.owner()
    amount = row.amount()
    created_on = row.read_date(row.cell("created"), "created date")
    closed_on = row.read_date(row.cell("close_date"), "close date")
    entered = row.stage_dates()
    stage_text = row.cell("stage")
    named = STAGE_NAMES.get(normalise_stage_name(stage_text)) if stage_text else None
    if not stage_text:
        row.errors.append("no stage")
    elif named is None:
        row.errors.append(f"unknown stage {stage_text!r}")
    status = row.status(named)
    if row.errors:
        raise RowError("; ".join(row.errors))
    stage: Stage | None
    if isinstance(named, Stage):
        stage = named
    elif status is DealStatus.WON:
        stage = Stage.CLOSING
    else:  # "Closed Lost": the deal was lost in the last stage it entered
        stage = max(entered, key=lambda s: s.position) if entered else None
    reason = row.cell("loss_reason") or None
    return OpportunityRecord(
        line=line,
        external_id=external_id,
        name=row.cell("name")[:MAX_NAME],
        owner=owner,
        amount=amount,
        stage=stage,
        status=status,
        created_on=created_on,
        closed_on=closed_on,
        loss_reason=reason,
        loss_category=loss_category(reason),
        stage_entered=entered,
    )
