"""Turning the bytes of an uploaded CSV into text and finding its delimiter.

CRM exports arrive in whatever the exporting machine used: UTF-8 with or
without a byte order mark (Excel adds one), UTF-16 (Excel's "Unicode text"),
and Windows-1252 from older Excel on Windows. Latin-1 decodes any byte, so
"could not read the file as text" is only said of files that are not text
at all (a workbook, a PDF, an image).
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


def choose_delimiter(text: str, recognised: Callable[[list[str]], int]) -> str:
    """The delimiter whose header row has the most recognised columns.

    csv.Sniffer proposes; the header decides, because the Sniffer is easily
    fooled by amounts like "12.500,00" in a semicolon file. `recognised`
    counts the known headers in a split header row.
    """
    header_line = _first_record(text)
    proposed: str | None
    try:
        proposed = csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        proposed = None
    order = ([proposed] if proposed in DELIMITERS else []) + [d for d in DELIMITERS if d != proposed]

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return recognised(cells), len(cells)

    # max() keeps the first of equals, so the Sniffer breaks ties.
    return max(order, key=score)


def _first_record(text: str) -> str:
    # The header row. A header cell quoted across lines is not worth the
    # complexity here: the first line still shows the delimiter.
    for line in text.splitlines():
        if line.strip():
            return line
    return ""
