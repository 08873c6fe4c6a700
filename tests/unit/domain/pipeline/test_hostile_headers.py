"""Malformed headers of any size: each is one short sentence saying what is wrong, never a traceback.

Before these limits, a 100,000-column header raised `_csv.Error: field
larger than field limit` from the delimiter choice, and a quote never closed
in the header echoed the whole file back in the "Headers found" message.
"""

from __future__ import annotations

import codecs

import pytest

from domain.errors import InvalidInput
from domain.pipeline.csv_import import parse_opportunities
from domain.pipeline.text import MAX_COLUMNS, MAX_HEADER_CHARS

WIDE = [f"c{n}" for n in range(100_000)]
ROW = "D1,UANN,prospecting\n"


def refusal(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        parse_opportunities(raw, source_name="deals.csv")
    message = str(refused.value)
    assert message.startswith("deals.csv: ")
    assert len(message) < 1000, "the message must not echo the file back"
    return message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_a_100000_column_header_says_how_many_columns_are_read(delimiter: str) -> None:
    message = refusal((delimiter.join(WIDE) + "\n" + ROW).encode())

    assert "The header row has 100,000 columns; at most 1,000 are read." in message
    assert "Export only the columns Coachflow needs" in message


def test_a_100000_column_header_in_utf16_with_a_byte_order_mark_too() -> None:
    message = refusal((",".join(WIDE) + "\r\n").encode("utf-16"))

    assert "The header row has 100,000 columns" in message


def test_a_header_with_old_mac_line_ends_is_measured_by_its_first_line() -> None:
    message = refusal((",".join(WIDE) + "\r" + ROW.replace("\n", "\r")).encode())

    assert "The header row has 100,000 columns" in message


def test_a_short_header_over_the_column_cap_is_refused_with_its_count() -> None:
    header = ",".join(["id", "owner", "stage"] + [f"x{n}" for n in range(1497)])
    assert len(header) < MAX_HEADER_CHARS

    message = refusal((header + "\n" + ROW).encode())

    assert "The header row has 1,500 columns; at most 1,000 are read." in message


def test_a_header_of_exactly_the_column_cap_is_read() -> None:
    header = ",".join(["id", "owner", "stage"] + [f"x{n}" for n in range(MAX_COLUMNS - 3)])

    parsed = parse_opportunities((header + "\n" + ROW).encode(), source_name="deals.csv")

    assert [r.external_id for r in parsed.rows] == ["D1"]


def test_one_huge_header_cell_says_how_long_the_header_is() -> None:
    message = refusal(b"id,owner,stage," + b"s" * 300_000 + b"\n" + ROW.encode())

    assert "The header row is 300,015 characters long; Coachflow reads header rows of at most 100,000." in message


def test_a_nul_byte_in_the_header_is_named() -> None:
    message = refusal(b"id,owner\x00,stage\n" + ROW.encode())

    assert "Could not read the file as text: it holds NUL bytes" in message


def test_a_lone_quote_in_a_small_file_points_at_the_quote() -> None:
    message = refusal(b'"id,owner,stage\n' + ROW.encode() * 3)

    assert "The file is missing required columns" in message
    assert "a quote (\") in the first line that is never closed" in message


def test_a_lone_quote_in_a_large_file_points_at_the_quote() -> None:
    message = refusal(b'"id,owner,stage\n' + ROW.encode() * 20_000)

    assert "in the header row, a cell is longer than 131,072 characters" in message
    assert "a quote (\") that is never closed" in message


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF16_LE + b"i\x00d\x00,",  # a UTF-16 byte order mark, then an odd byte out
        codecs.BOM_UTF16_BE + b"\xd8\x00\x00a" * 10,  # a lone surrogate
        b"\xff\xfe\x00\x00\x00\x00garbage",  # UTF-32's mark, then not UTF-32
    ],
    ids=["utf16-odd", "utf16-surrogate", "utf32-mark"],
)
def test_a_broken_byte_order_mark_is_one_clear_error(raw: bytes) -> None:
    message = refusal(raw)

    assert "Could not read the file as text" in message or "missing required columns" in message


def test_non_utf8_bytes_in_the_header_still_read_as_windows_1252() -> None:
    parsed = parse_opportunities(b"id,owner,stage,Notiz \xe4\x81\n" + ROW.encode(), source_name="deals.csv")

    assert [r.external_id for r in parsed.rows] == ["D1"]


def test_a_huge_cell_in_a_row_costs_that_row_and_says_why() -> None:
    raw = ("id,owner,stage\n" + ROW + "D2,UANN," + "x" * 200_000 + "\n" + "D3,UANN,prospecting\n").encode()

    parsed = parse_opportunities(raw, source_name="deals.csv")

    assert [r.external_id for r in parsed.rows] == ["D1"]
    [problem] = parsed.problems
    assert problem.line == 3
    assert problem.reason.startswith("a cell is longer than 131,072 characters")
    assert problem.reason.endswith("the rest of the file was not read")
