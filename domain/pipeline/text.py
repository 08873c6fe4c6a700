"""Turning the bytes of an uploaded CSV into text and finding its delimiter.

CRM exports arrive in whatever the exporting machine used: UTF-8 with or
without a byte order mark (Excel adds one), UTF-16 (Excel's "Unicode text"),
and Windows-1252 from older Excel on Windows. Latin-1 decodes any byte, so
"could not read the file as text" is only said of files that are not text
at all (a workbook, a PDF, an image).

Hostile or broken headers get a sentence, never a traceback: the header
row is measured before csv reads it (`check_header_size`), and csv's own
errors are put in words (`csv_problem`).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable

from domain.errors import InvalidInput

# Most-likely first; each must decode the whole file strictly.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("utf-8", "cp1252", "latin-1")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel workbook or other zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"%PDF", "a PDF"),
)
DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)
SNIFF_BYTES = 64 * 1024
# HubSpot's "all properties" exports have a few hundred columns.
MAX_COLUMNS = 1000
# Below csv's field size limit (131,072 by default), so that no delimiter
# tried on a header row under this cap can make a field too long for csv.
MAX_HEADER_CHARS = 100_000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NEEDS = "Export only the columns Coachflow needs (an opportunity id, owner, stage, amount, dates) and import that."


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); InvalidInput when the bytes are not text."""
    if not raw.strip():
        raise InvalidInput("The file is empty.")
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise InvalidInput(
                f"Could not read the file as text: it looks like {what}. "
                "Export the report as CSV and import that."
            )
    candidates = [name for bom, name in _BOMS if raw.startswith(bom)][:1]
    candidates += _utf16_without_bom(raw) + list(_FALLBACKS)
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.lstrip("\ufeff"), encoding
    if b"\x00" in raw:
        raise InvalidInput(
            "Could not read the file as text: it holds NUL bytes, which a CSV file never does. "
            "Export the report as CSV and import that."
        )
    raise InvalidInput(
        "Could not read the file as text (tried UTF-8, UTF-16 and Windows-1252). "
        "Export the report as CSV and import that."
    )


def _utf16_without_bom(raw: bytes) -> list[str]:
    # ASCII text in UTF-16 has a zero in every other byte.
    sample = raw[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return []
    odd_zeros = sample[1::2].count(0)
    even_zeros = sample[0::2].count(0)
    return ["utf-16-le"] if odd_zeros > even_zeros else ["utf-16-be"]


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    sample = text[:SNIFF_BYTES]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    return control <= len(sample) // 100


def split_separator_line(text: str) -> tuple[str | None, str, int]:
    """Excel's optional first line `sep=;`: (its delimiter, the rest, lines skipped)."""
    first, newline, rest = text.partition("\n")
    found = _SEP_LINE.match(first.rstrip("\r"))
    if found is None:
        return None, text, 0
    return found.group(1), rest if newline else "", 1


def check_header_size(text: str) -> None:
    """InvalidInput when the header row is longer than Coachflow reads, saying by how much."""
    header = header_line(text)
    if len(header) <= MAX_HEADER_CHARS:
        return
    # Counted without quotes: a header this long is refused whichever way it is quoted.
    columns = max(header.count(d) for d in DELIMITERS) + 1
    if columns > MAX_COLUMNS:
        raise InvalidInput(too_many_columns(columns))
    raise InvalidInput(
        f"The header row is {len(header):,} characters long; Coachflow reads header rows of at most "
        f"{MAX_HEADER_CHARS:,}. A header this long usually holds a quote (\") that is never closed, "
        f"or the file is not a CRM export. {_NEEDS}"
    )


def too_many_columns(columns: int) -> str:
    return f"The header row has {columns:,} columns; at most {MAX_COLUMNS:,} are read. {_NEEDS}"


def csv_problem(error: csv.Error) -> str:
    """csv's complaint in words a person can act on."""
    if "field larger than field limit" in str(error):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters, which usually means "
            "a quote (\") that is never closed"
        )
    return f"not valid CSV ({error})"


def choose_delimiter(text: str, recognised: Callable[[list[str]], int]) -> str:
    """The delimiter whose header row has the most recognised columns.

    csv.Sniffer proposes; the header decides, because the Sniffer is easily
    fooled by amounts like "12.500,00" in a semicolon file. `recognised`
    counts the known headers in a split header row. Call `check_header_size`
    first: the header row is read whole with each delimiter.
    """
    header = header_line(text)
    proposed: str | None
    try:
        proposed = csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        proposed = None
    order = ([proposed] if proposed in DELIMITERS else []) + [d for d in DELIMITERS if d != proposed]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            return -1, 0  # this delimiter cannot be the one
        return recognised(cells), len(cells)

    # max() keeps the first of equals, so the Sniffer breaks ties.
    return max(order, key=score)


def header_line(text: str) -> str:
    """The first line that is not blank: the header row.

    Found without splitting the whole file. A header cell quoted across lines
    is not worth the complexity here: the first line still shows the delimiter.
    """
    start = 0
    while start < len(text):
        found = _LINE_BREAK.search(text, start)
        end = found.start() if found else len(text)
        if text[start:end].strip():
            return text[start:end]
        start = found.end() if found else len(text)
    return ""
