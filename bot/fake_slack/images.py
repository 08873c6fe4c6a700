"""Reading a PNG far enough to know it is a whole, real image, and its size.

The fake Slack describes an uploaded image the way Slack's file objects do
(`original_w`, `original_h`), and tests check that what arrived is a picture,
not just some bytes: the signature, every chunk's CRC, and image data that
inflates to exactly the rows the header promises.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Samples per pixel for each PNG colour type (greyscale, RGB, palette, grey+alpha, RGBA).
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


@dataclass(frozen=True)
class PngInfo:
    width: int
    height: int
    bit_depth: int
    colour_type: int


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, at = [], len(SIGNATURE)
    while at < len(data):
        if at + 8 > len(data):
            raise ValueError("truncated chunk header")
        (length,), kind = struct.unpack(">I", data[at : at + 4]), data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        crc_at = at + 8 + length
        if len(body) != length or crc_at + 4 > len(data):
            raise ValueError(f"truncated {kind!r} chunk")
        if struct.unpack(">I", data[crc_at : crc_at + 4])[0] != zlib.crc32(kind + body):
            raise ValueError(f"bad CRC in {kind!r} chunk")
        chunks.append((kind, body))
        at = crc_at + 4
    return chunks


def read_png(data: bytes) -> PngInfo:
    """The header of a complete PNG; ValueError saying what is wrong otherwise."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG (no PNG signature)")
    chunks = _chunks(data)
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise ValueError("a PNG starts with IHDR and ends with IEND")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if colour not in _CHANNELS or width == 0 or height == 0:
        raise ValueError(f"impossible header: {width}x{height}, colour type {colour}")
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    if interlace == 0:
        row = 1 + (width * _CHANNELS[colour] * depth + 7) // 8  # a filter byte, then the samples
        if len(pixels) != row * height:
            raise ValueError(f"image data holds {len(pixels)} bytes, {row * height} expected")
    return PngInfo(width, height, depth, colour)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a complete PNG, or None for anything else."""
    try:
        info = read_png(data)
    except (ValueError, struct.error, zlib.error):
        return None
    return info.width, info.height
