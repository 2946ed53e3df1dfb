"""Typed forms of the thongbao pages: one class per write route (``page(..., body=…)``)."""
from __future__ import annotations

import attrs
from thanthien.core.errors import UserMessage

from .types import CATEGORIES, CHANNEL_LABELS, CONSENT_SOURCES


def _in(choices: dict[str, str], message: str):
    def check(instance, attribute, value: str) -> None:
        if value not in choices:
            raise UserMessage(message)

    return check


@attrs.frozen
class TestMessageForm:
    """Gửi tin thử qua một kênh."""

    channel: str = attrs.field(validator=_in(CHANNEL_LABELS, "Vui lòng chọn kênh gửi."),
                               metadata={"label": "Kênh", "required": "Vui lòng chọn kênh gửi."})
    to: str = attrs.field(metadata={"label": "Gửi tới", "required": "Vui lòng nhập địa chỉ nhận tin thử."})


@attrs.frozen
class ConsentForm:
    """Ghi nhận người dân đồng ý hoặc rút lại đồng ý nhận một loại tin (R-DL-04)."""

    category: str = attrs.field(validator=_in(CATEGORIES, "Vui lòng chọn loại tin."),
                                metadata={"label": "Loại tin", "required": "Vui lòng chọn loại tin."})
    decision: str = attrs.field(validator=_in({"dong-y": "", "rut-lai": ""}, "Vui lòng chọn đồng ý hoặc rút lại."),
                                metadata={"label": "Quyết định", "required": "Vui lòng chọn đồng ý hoặc rút lại."})
    source: str = attrs.field(default="", validator=_in({"": "", **CONSENT_SOURCES}, "Cách đồng ý không hợp lệ."),
                              metadata={"label": "Cách thể hiện sự đồng ý"})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})
