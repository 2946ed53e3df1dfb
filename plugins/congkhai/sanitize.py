"""Safe rich text and safe uploads for notices (nội dung an toàn, tệp đính kèm).

Notice bodies are sanitised by core (:mod:`thanthien.core.richtext`, ``nh3``) whoever
publishes them; this module adds the public-output safety net and the upload checks.

Uploads are checked by their content, not by the name or the browser's claim: the first
bytes must be those of a PDF or of a PNG, JPEG, GIF or WebP image, and the file name's
extension and the declared content type (if any) must agree with what the bytes are.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

from thanthien.core.errors import ValidationError
from thanthien.core.privacy import mask
from thanthien.core.richtext import clean_html, html_to_text  # noqa: F401 - used by the module

# R-DL-07 / R-DL-14: a safety net for public output — personal ID and phone numbers
# typed into a body are masked before a public page or feed shows it.
_CITIZEN_ID = re.compile(r"(?<![\d])(\d{12}|\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\d+])((?:\+84|0)(?:[ .]?\d){9,10})(?![\d])")


def redact_public(text: str) -> str:
    text = _PHONE.sub(lambda m: mask("phone", re.sub(r"\D", "", m.group(1))), text)
    return _CITIZEN_ID.sub(lambda m: mask("citizen_id", m.group(1)), text)


# ---------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------

#: type key -> (label, MIME type, accepted file extensions)
FILE_TYPES = {
    "pdf": ("PDF", "application/pdf", (".pdf",)),
    "png": ("ảnh PNG", "image/png", (".png",)),
    "jpeg": ("ảnh JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "gif": ("ảnh GIF", "image/gif", (".gif",)),
    "webp": ("ảnh WebP", "image/webp", (".webp",)),
}


def sniff(data: bytes) -> str | None:
    """The real type of ``data`` from its first bytes, or None if not an accepted type."""
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
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = re.sub(r"[\x00-\x1f<>:\"/\\|?*]", "_", base).strip(" .")
    return base[:200]


def check_upload(filename: str, data: bytes, declared_type: str, max_bytes: int) -> tuple[str, str]:
    """Check an upload; return ``(safe file name, MIME type)`` or raise ValidationError."""
    name = safe_filename(filename)
    accepted = ", ".join(sorted({ext for _, _, exts in FILE_TYPES.values() for ext in exts}))
    if not name:
        raise ValidationError([("file", "Vui lòng chọn tệp đính kèm có tên.")])
    if not data:
        raise ValidationError([("file", f"Tệp '{name}' rỗng.")])
    if len(data) > max_bytes:
        raise ValidationError([("file", f"Tệp '{name}' có dung lượng {_mb(len(data))}, vượt quá mức tối đa "
                                        f"{_mb(max_bytes)} cho mỗi tệp đính kèm.")])
    ext = PurePosixPath(name.lower()).suffix
    claimed = next((k for k, (_, _, exts) in FILE_TYPES.items() if ext in exts), None)
    if claimed is None:
        raise ValidationError([("file", f"Tệp '{name}' không đúng loại cho phép. Chỉ nhận tệp PDF hoặc ảnh "
                                        f"({accepted}).")])
    real = sniff(data)
    if real != claimed:
        what = f"là {FILE_TYPES[real][0]}" if real else "không phải PDF hay ảnh"
        raise ValidationError([("file", f"Tệp '{name}' mang đuôi {ext} nhưng nội dung {what}: tệp bị giả "
                                        f"dạng, không được nhận.")])
    mime = FILE_TYPES[real][1]
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared and declared not in ("application/octet-stream", mime):
        raise ValidationError([("file", f"Tệp '{name}' khai báo kiểu {declared} nhưng nội dung là "
                                        f"{FILE_TYPES[real][0]}: không được nhận.")])
    return name, mime


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"
