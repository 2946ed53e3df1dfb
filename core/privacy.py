"""Personal-data classification and masking (bảo vệ dữ liệu cá nhân), in one place.

Every personal field is classified here or through ``register_personal_fields`` as
``basic`` (R-DL-02) or ``sensitive`` (R-DL-03, R-DL-10); fields that also identify a
denouncer are ``confidential`` (R-TC-09, R-TC-10). Masking, exports, public pages and
feeds ask this module; none of them decides on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from .hooks import collect

DataClass = Literal["public", "basic", "sensitive", "confidential"]


@attrs.frozen
class PersonalField:
    """``entity.field`` holds personal data of ``data_class``; ``public`` never leaves staff."""

    entity: str
    field: str
    data_class: DataClass
    label: str
    rule: str = "R-DL-02"


#: Core's own fields (R-DL-02 basic, R-DL-03/R-DL-10 sensitive).
CORE_FIELDS: list[PersonalField] = [
    PersonalField("person", "full_name", "basic", "Họ và tên"),
    PersonalField("person", "birth_date", "basic", "Ngày sinh"),
    PersonalField("person", "sex", "basic", "Giới tính"),
    PersonalField("person", "citizen_id", "basic", "Số định danh cá nhân / CCCD"),
    PersonalField("person", "phone", "basic", "Số điện thoại"),
    PersonalField("person", "email", "basic", "Thư điện tử"),
    PersonalField("person", "address", "basic", "Địa chỉ"),
    PersonalField("person", "relation_to_head", "basic", "Quan hệ với chủ hộ"),
    PersonalField("person", "ethnicity", "sensitive", "Dân tộc", "R-DL-03"),
    PersonalField("household", "address", "basic", "Địa chỉ hộ"),
]


class PrivacyRegistry:
    def __init__(self, pm=None, settings=None):
        fields = list(CORE_FIELDS)
        if pm is not None:
            fields += [f for f in collect(pm.hook.register_personal_fields, settings=settings) if f not in CORE_FIELDS]
        self.fields = {(f.entity, f.field): f for f in fields}

    def classify(self, entity: str, field: str) -> DataClass:
        f = self.fields.get((entity, field))
        return f.data_class if f else "public"

    def personal_fields(self, entity: str) -> list[PersonalField]:
        return [f for (e, _), f in self.fields.items() if e == entity]

    def public_view(self, entity: str, data: dict[str, Any]) -> dict[str, Any]:
        """Drop every classified field: what public pages and feeds may show (R-DL-07, R-DL-14)."""
        return {k: v for k, v in data.items() if self.classify(entity, k) == "public"}

    def masked_view(self, entity: str, data: dict[str, Any], allowed: set[DataClass]) -> dict[str, Any]:
        """Mask every classified field whose class is not in ``allowed``."""
        out: dict[str, Any] = {}
        for key, value in data.items():
            cls = self.classify(entity, key)
            out[key] = value if cls == "public" or cls in allowed else mask(key, value)
        return out


def mask(field: str, value: Any) -> str:
    """A masked rendering that keeps a hint but not the value."""
    if value in (None, ""):
        return ""
    text = str(value)
    if field in ("phone", "citizen_id"):
        return "•" * max(len(text) - 3, 3) + text[-3:]
    if field == "full_name":
        return " ".join(part[0] + "•" * (len(part) - 1) for part in text.split())
    if field == "email" and "@" in text:
        name, domain = text.split("@", 1)
        return name[:1] + "•••@" + domain
    return "•••"


#: what replaces a personal detail removed from a text shown to the public
HIDDEN = "[đã ẩn]"
_CITIZEN_ID = re.compile(r"(?<![\d])(\d{12}|\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\d+])((?:\+84|0)(?:[ .\-]?\d){8,10})(?![\d])")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def remove_personal(text: str, known: Iterable[str] = ()) -> str:
    """``text`` for the public (R-DL-07, R-DL-14): e-mail addresses, phone numbers, ID
    numbers (9 or 12 digits) and each of the ``known`` strings (the sender's own name,
    address, phone, e-mail), wherever they appear, replaced by ``[đã ẩn]``. A safety net
    under the moderator's reading, not a replacement for it."""
    for value in sorted({k.strip() for k in known if k and len(k.strip()) >= 3}, key=len, reverse=True):
        text = re.sub(re.escape(value), HIDDEN, text, flags=re.IGNORECASE)
    text = _EMAIL.sub(HIDDEN, text)
    text = _PHONE.sub(HIDDEN, text)
    return _CITIZEN_ID.sub(HIDDEN, text)
