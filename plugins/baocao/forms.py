"""Typed forms of the baocao pages: one class per write route (``page(..., body=…)``)."""
from __future__ import annotations

import attrs

from thanthien.core.errors import UserMessage

from .services.reports import plan
from .types import EXTERNAL_INDICES, REPORT_KINDS


def _one_of(choices: dict, message: str):
    def check(instance, attribute, value: str) -> None:
        if value not in choices:
            raise UserMessage(message)

    return check


@attrs.frozen
class NewReportForm:
    """Lập báo cáo."""

    kind: str = attrs.field(validator=_one_of(REPORT_KINDS, "Vui lòng chọn loại báo cáo."),
                            metadata={"label": "Loại báo cáo", "required": "Vui lòng chọn loại báo cáo."})
    year: int = attrs.field(metadata={"label": "Năm", "required": "Vui lòng nhập năm.",
                                      "error": "Năm không hợp lệ."})
    part: int | None = attrs.field(default=None, metadata={"label": "Quý hoặc 6 tháng số",
                                                           "error": "Số quý hoặc 6 tháng không hợp lệ."})


def _filled(text: str, message: str) -> None:
    if not text.strip():
        raise UserMessage(message)


def number(text: str) -> float:
    """A number as written in Vietnamese ("85,6") or with a point ("85.6")."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise UserMessage("Giá trị phải là một số (ví dụ 85,6).") from None


def field_name(code: str) -> str:
    """The form field of a section's free text: "III.1.2" → "text_III_1_2"."""
    return "text_" + code.replace(".", "_")


#: Nội dung từng mục của báo cáo (one optional text field per plan section)
TextsForm = attrs.make_class(
    "TextsForm",
    {field_name(s["code"]): attrs.field(default="", metadata={"label": s["title"]}) for s in plan()["sections"]},
    frozen=True,
)
TextsForm.__doc__ = "Nội dung từng mục của báo cáo."
TextsForm.__module__ = __name__
TextsForm.__annotations__ = {field_name(s["code"]): str for s in plan()["sections"]}


@attrs.frozen
class IssueForm:
    """Ký, ban hành báo cáo."""

    signer_name: str = attrs.field(validator=lambda i, a, v: _filled(v, "Vui lòng ghi họ tên người ký."),
                                   metadata={"label": "Họ tên người ký", "required": "Vui lòng ghi họ tên người ký."})
    signer_title: str = attrs.field(default="CHỦ TỊCH", metadata={"label": "Chức vụ người ký"})


@attrs.frozen
class IndexForm:
    """Nhập chỉ số do tỉnh công bố."""

    index: str = attrs.field(validator=_one_of(EXTERNAL_INDICES, "Vui lòng chọn chỉ số."),
                             metadata={"label": "Chỉ số", "required": "Vui lòng chọn chỉ số."})
    year: int = attrs.field(metadata={"label": "Năm", "required": "Vui lòng nhập năm.", "error": "Năm không hợp lệ."})
    value: str = attrs.field(validator=lambda i, a, v: number(v),
                             metadata={"label": "Giá trị", "required": "Vui lòng nhập giá trị."})
    source: str = attrs.field(validator=lambda i, a, v: _filled(v, "Vui lòng ghi nguồn công bố."),
                              metadata={"label": "Nguồn công bố", "required": "Vui lòng ghi nguồn công bố."})
