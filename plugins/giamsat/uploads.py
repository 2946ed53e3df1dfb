"""Site photos of on-site inspections (ảnh hiện trường): type checked by content, size capped.

A photo is accepted only when its extension, its declared type and its first bytes all
say the same image type; the size limit is the ward's ``[plugin.giamsat]
max_photo_bytes`` (operational setting, not a legal number).
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

from thanthien.core.errors import ValidationError

#: type key -> (label, MIME type, accepted extensions)
PHOTO_TYPES = {
    "jpeg": ("ảnh JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "png": ("ảnh PNG", "image/png", (".png",)),
    "webp": ("ảnh WebP", "image/webp", (".webp",)),
}


def sniff(data: bytes) -> str | None:
    """The real image type from the first bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def safe_filename(name: str) -> str:
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = re.sub(r"[\x00-\x1f<>:\"/\\|?*]", "_", base).strip(" .")
    return base[:200]


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def check_photo(filename: str, data: bytes, declared_type: str, max_bytes: int, field: str = "photos") -> tuple[str, str]:
    """Return ``(safe file name, MIME type)`` or raise :class:`ValidationError` in Vietnamese."""
    name = safe_filename(filename)
    accepted = ", ".join(ext for _, _, exts in PHOTO_TYPES.values() for ext in exts)
    if not name:
        raise ValidationError([(field, "Tệp ảnh phải có tên.")])
    if not data:
        raise ValidationError([(field, f"Tệp '{name}' rỗng.")])
    if len(data) > max_bytes:
        raise ValidationError([(field, f"Ảnh '{name}' có dung lượng {_mb(len(data))}, vượt quá mức tối đa "
                                       f"{_mb(max_bytes)} cho mỗi ảnh.")])
    ext = PurePosixPath(name.lower()).suffix
    claimed = next((k for k, (_, _, exts) in PHOTO_TYPES.items() if ext in exts), None)
    if claimed is None:
        raise ValidationError([(field, f"Tệp '{name}' không phải ảnh được chấp nhận. Chỉ nhận ảnh ({accepted}).")])
    real = sniff(data)
    if real != claimed:
        what = f"là {PHOTO_TYPES[real][0]}" if real else "không phải ảnh"
        raise ValidationError([(field, f"Tệp '{name}' mang đuôi {ext} nhưng nội dung {what}: tệp bị giả dạng, "
                                       f"không được nhận.")])
    mime = PHOTO_TYPES[real][1]
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared and declared not in ("application/octet-stream", mime):
        raise ValidationError([(field, f"Tệp '{name}' khai báo kiểu {declared} nhưng nội dung là "
                                       f"{PHOTO_TYPES[real][0]}: không được nhận.")])
    return name, mime
