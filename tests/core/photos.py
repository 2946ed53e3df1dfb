"""Small image files built byte by byte, with the metadata a phone camera writes (Exif
with a GPS position, XMP, text chunks, comments), for the upload tests."""
from __future__ import annotations

import struct
import zlib

#: what a phone writes into the Exif of a photo: the sentinels the tests look for
GPS = b"GPS 21.1468N 105.8342E"
CAMERA = b"Camera: PhoneModel X"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(*, metadata: bool = True, size: int = 2) -> bytes:
    """A real ``size``×``size`` red PNG (browsers show it); with metadata: tEXt, iTXt, eXIf, tIME."""
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * size for _ in range(size))
    chunks = [_png_chunk(b"IHDR", ihdr)]
    if metadata:
        chunks += [_png_chunk(b"tEXt", b"Comment\x00" + GPS), _png_chunk(b"eXIf", b"MM\x00*" + CAMERA),
                   _png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + GPS),
                   _png_chunk(b"tIME", b"\x07\xea\x0c\x06\x0c\x00\x00")]
    chunks += [_png_chunk(b"IDAT", zlib.compress(raw)), _png_chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(*, metadata: bool = True) -> bytes:
    """A JPEG's structure: JFIF, (Exif with GPS, XMP, comment), tables, the scan, EOI."""
    parts = [b"\xff\xd8", _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")]
    if metadata:
        parts += [_segment(0xE1, b"Exif\x00\x00MM\x00*" + GPS + CAMERA),
                  _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + GPS + b"</x:xmpmeta>"),
                  _segment(0xFE, b"Shot by " + CAMERA)]
    parts += [_segment(0xDB, b"\x00" + bytes(range(64))), _segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"),
              _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"), b"\x12\x34\xff\x00\x56", b"\xff\xd9"]
    return b"".join(parts)


def _riff_chunk(kind: bytes, data: bytes) -> bytes:
    return kind + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) & 1 else b"")


def webp(*, metadata: bool = True) -> bytes:
    """A WebP's structure: VP8X (flags announcing Exif and XMP), the image, EXIF, XMP."""
    flags = 0x08 | 0x04 if metadata else 0
    chunks = [_riff_chunk(b"VP8X", bytes([flags, 0, 0, 0]) + b"\x00\x00\x00\x00\x00\x00"),
              _riff_chunk(b"VP8 ", b"\x10\x02\x00\x9d\x01\x2a\x01\x00\x01\x00\x02\x00")]
    if metadata:
        chunks += [_riff_chunk(b"EXIF", b"MM\x00*" + GPS), _riff_chunk(b"XMP ", b"<x:xmpmeta>" + CAMERA + b"</x>")]
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
