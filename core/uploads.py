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
