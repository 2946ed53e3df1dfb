"""Uploaded files (tệp tải lên): type checked by content, size capped, name made safe.

A file is accepted only when its extension, its declared content type (if any) and its
first bytes all say the same accepted type — a disguised file (an executable renamed
``.pdf``, a PNG sent as ``image/jpeg``) is refused with a Vietnamese message naming the
file. Plugins choose which types they accept (``kinds``) and the size limit (a ward
setting, not a legal number).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

from .errors import ValidationError

#: type key -> (label, MIME type, accepted file extensions)
FILE_TYPES = {
    "pdf": ("PDF", "application/pdf", (".pdf",)),
    "png": ("ảnh PNG", "image/png", (".png",)),
    "jpeg": ("ảnh JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "gif": ("ảnh GIF", "image/gif", (".gif",)),
    "webp": ("ảnh WebP", "image/webp", (".webp",)),
}
IMAGES = ("png", "jpeg", "gif", "webp")
DOCUMENTS_AND_IMAGES = ("pdf", *IMAGES)


def sniff(data: bytes) -> str | None:
    """The real type of ``data`` from its first bytes, or None if not a known type."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def safe_filename(name: str) -> str:
    """The last path part, without control or reserved characters, at most 200 chars."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = re.sub(r"[\x00-\x1f<>:\"/\\|?*]", "_", base).strip(" .")
    return base[:200]


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def check_upload(
    filename: str,
    data: bytes,
    declared_type: str,
    max_bytes: int,
    *,
    kinds: tuple[str, ...] = DOCUMENTS_AND_IMAGES,
    field: str = "file",
) -> tuple[str, str]:
    """Check an upload; return ``(safe file name, MIME type)`` or raise ValidationError."""
    name = safe_filename(filename)
    accepted = ", ".join(ext for k in kinds for ext in FILE_TYPES[k][2])
    what_ok = "PDF hoặc ảnh" if "pdf" in kinds else "ảnh"
    what_not = "PDF hay ảnh" if "pdf" in kinds else "ảnh"
    if not name:
        raise ValidationError([(field, "Vui lòng chọn tệp có tên.")])
    if not data:
        raise ValidationError([(field, f"Tệp '{name}' rỗng.")])
    if len(data) > max_bytes:
        raise ValidationError(
            [
                (
                    field,
                    f"Tệp '{name}' có dung lượng {megabytes(len(data))}, vượt quá mức tối đa "
                    f"{megabytes(max_bytes)} cho mỗi tệp.",
                )
            ]
        )
    ext = PurePosixPath(name.lower()).suffix
    claimed = next((k for k in kinds if ext in FILE_TYPES[k][2]), None)
    if claimed is None:
        refused = "không đúng loại cho phép" if "pdf" in kinds else "không phải ảnh được chấp nhận"
        raise ValidationError([(field, f"Tệp '{name}' {refused}. Chỉ nhận {what_ok} ({accepted}).")])
    real = sniff(data)
    if real != claimed:
        what = f"là {FILE_TYPES[real][0]}" if real else f"không phải {what_not}"
        raise ValidationError(
            [(field, f"Tệp '{name}' mang đuôi {ext} nhưng nội dung {what}: tệp bị giả dạng, không được nhận.")]
        )
    mime = FILE_TYPES[real][1]
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared and declared not in ("application/octet-stream", mime):
        raise ValidationError(
            [
                (
                    field,
                    f"Tệp '{name}' khai báo kiểu {declared} nhưng nội dung là {FILE_TYPES[real][0]}: không được nhận.",
                )
            ]
        )
    return name, mime


#: photos a resident may send: the three formats whose metadata :func:`strip_metadata` removes
PHOTOS = ("jpeg", "png", "webp")

# JPEG segments kept: APP0 (JFIF), APP2 ICC profile, APP14 Adobe (colour transform);
# APP1 (Exif with GPS, XMP), APP13 (IPTC), comments and the other APPn are dropped.
_JPEG_KEEP_APP = {0xE0: b"JFIF", 0xE2: b"ICC_PROFILE", 0xEE: b"Adobe"}
# PNG chunks dropped: text, Exif and the modification time
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
# WebP chunks dropped, and the VP8X flags announcing them
_WEBP_DROP = {b"EXIF": 0x08, b"XMP ": 0x04}


def _broken(field: str) -> ValidationError:
    return ValidationError([(field, "Ảnh bị hỏng hoặc không đọc được; vui lòng chọn ảnh khác.")])


def _strip_jpeg(data: bytes, field: str) -> bytes:
    out = bytearray(data[:2])
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise _broken(field)
        marker = data[i + 1] if i + 1 < len(data) else -1
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            out += data[i : i + 2]
            i += 2
            continue
        if marker == 0xD9:  # end of image
            out += data[i : i + 2]
            return bytes(out)
        if i + 4 > len(data):
            raise _broken(field)
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            raise _broken(field)
        segment = data[i : i + 2 + length]
        if marker == 0xDA:  # start of scan: the compressed image and the rest follow
            out += data[i:]
            return bytes(out)
        keep = True
        if 0xE0 <= marker <= 0xEF:
            keep = marker in _JPEG_KEEP_APP and segment[4:].startswith(_JPEG_KEEP_APP[marker])
        elif marker == 0xFE:  # comment
            keep = False
        if keep:
            out += segment
        i += 2 + length
    raise _broken(field)


def _strip_png(data: bytes, field: str) -> bytes:
    out = bytearray(data[:8])
    i = 8
    while i < len(data):
        if i + 12 > len(data):
            raise _broken(field)
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            raise _broken(field)
        if kind not in _PNG_DROP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise _broken(field)


def _strip_webp(data: bytes, field: str) -> bytes:
    chunks = bytearray()
    i = 12
    vp8x_at = None
    cleared = 0
    while i < len(data):
        if i + 8 > len(data):
            raise _broken(field)
        kind = data[i : i + 4]
        size = int.from_bytes(data[i + 4 : i + 8], "little")
        end = i + 8 + size + (size & 1)
        if i + 8 + size > len(data):
            raise _broken(field)
        if kind in _WEBP_DROP:
            cleared |= _WEBP_DROP[kind]
        else:
            if kind == b"VP8X":
                vp8x_at = len(chunks) + 8
            chunks += data[i:end]
        i = end
    if vp8x_at is not None:
        chunks[vp8x_at] &= ~(cleared | 0x0C) & 0xFF
    return b"RIFF" + (len(chunks) + 4).to_bytes(4, "little") + b"WEBP" + bytes(chunks)


def strip_metadata(data: bytes, kind: str, *, field: str = "file") -> bytes:
    """``data`` (a JPEG, PNG or WebP already checked by :func:`check_upload`) without the
    metadata that may reveal a person or a place: Exif (camera, time, GPS position), XMP,
    IPTC, text chunks and comments. The pixels are untouched. A file whose structure cannot
    be read is refused with a message for ``field``."""
    if kind == "jpeg":
        return _strip_jpeg(data, field)
    if kind == "png":
        return _strip_png(data, field)
    if kind == "webp":
        return _strip_webp(data, field)
    raise ValidationError([(field, "Chỉ nhận ảnh JPEG, PNG hoặc WebP.")])
