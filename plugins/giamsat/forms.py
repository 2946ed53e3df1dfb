"""Typed forms of the giamsat pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata; a validator raises ``UserMessage`` with the
text shown next to the field. Forms check shape (types, choices, lengths); the services
check the rules (R-GS-…) and the board's scope.

The board forms accept a JSON list of members (``members``: :class:`~.types.MemberInput`)
or the HTML form's rows ``m1_full_name`` … ``m10_rel_relation``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, NewType

import attrs
from starlette.datastructures import UploadFile
from thanthien.core.errors import UserMessage

from .types import (
    CHECK_STATUSES,
    FUNDING,
    RECOMMENDATION_KINDS,
    REPORT_CHANNELS,
    REPORT_KINDS,
    MemberInput,
    Relation,
)

#: rows of member fields on the HTML board form (the R-GS limits are checked by the services)
MEMBER_ROWS = 10

#: an amount of money in đồng: ``2500000000``, ``"2.500.000.000"`` or ``"2 500 000 000"``
#: (the structure hook is :func:`money`, installed by the plugin's ``configure_converter``)
Money = NewType("Money", int)

_MONEY = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$|^\d{1,18}$")


def money(value: Any, _type: Any = None) -> int:
    """Đồng from a form or JSON value; thousands may be grouped by dots or spaces."""
    if isinstance(value, bool):
        raise UserMessage("Tổng mức đầu tư ghi bằng số đồng, ví dụ 2.500.000.000.")
    if isinstance(value, int):
        amount = value
    else:
        text = str(value).strip()
        if not _MONEY.match(text):
            raise UserMessage("Tổng mức đầu tư ghi bằng số đồng, ví dụ 2.500.000.000.")
        amount = int(text.replace(".", "").replace(" ", ""))
    if amount < 0:
        raise UserMessage("Tổng mức đầu tư không được âm.")
    return amount


def _at_most(n: int):
    def check(instance, attribute, value: str) -> None:
        if len(value) > n:
            label = attribute.metadata.get("label", attribute.name)
            raise UserMessage(f"{label} dài quá {n} ký tự.")
    return check


def _one_of(choices: dict[str, str], message: str):
    def check(instance, attribute, value: str) -> None:
        if value not in choices:
            raise UserMessage(message)
    return check


def _date(label: str) -> dict[str, str]:
    return {"label": label, "required": f"Vui lòng nhập {label.lower()} (dd/mm/yyyy).",
            "error": f"Vui lòng nhập {label.lower()} đúng dạng dd/mm/yyyy."}


# ---------------------------------------------------------------------------
# the register and the board
# ---------------------------------------------------------------------------

@attrs.frozen
class ProjectForm:
    """Vào sổ chương trình, dự án đầu tư."""

    name: str = attrs.field(validator=_at_most(500), metadata={
        "label": "Tên chương trình, dự án", "required": "Vui lòng nhập tên chương trình, dự án."})
    investor: str = attrs.field(validator=_at_most(255), metadata={
        "label": "Chủ đầu tư / chủ chương trình", "required": "Vui lòng nhập chủ đầu tư / chủ chương trình."})
    funding: str = attrs.field(validator=_one_of(FUNDING, "Vui lòng chọn nguồn vốn."), metadata={
        "label": "Nguồn vốn", "required": "Vui lòng chọn nguồn vốn."})
    location: str = attrs.field(validator=_at_most(500), metadata={
        "label": "Địa điểm thực hiện", "required": "Vui lòng nhập địa điểm thực hiện."})
    group_ids: list[int] = attrs.field(factory=list, metadata={
        "label": "Tổ dân phố nơi thực hiện, chịu tác động", "error": "Tổ dân phố chịu tác động không hợp lệ."})
    value_vnd: Money = attrs.field(default=Money(0), metadata={"label": "Tổng mức đầu tư (đồng)"})
    start_on: dt.date | None = attrs.field(default=None, metadata={
        "label": "Ngày khởi công", "error": "Ngày khởi công không hợp lệ (dd/mm/yyyy)."})
    end_on: dt.date | None = attrs.field(default=None, metadata={
        "label": "Ngày hoàn thành dự kiến", "error": "Ngày hoàn thành dự kiến không hợp lệ (dd/mm/yyyy)."})
    management_unit: str = attrs.field(default="", validator=_at_most(255), metadata={"label": "Ban quản lý dự án"})
    decision_maker: str = attrs.field(default="", validator=_at_most(255),
                                      metadata={"label": "Người quyết định đầu tư"})
    consultant: str = attrs.field(default="", validator=_at_most(255),
                                  metadata={"label": "Đơn vị tư vấn của chủ đầu tư"})
    contractor: str = attrs.field(default="", validator=_at_most(255), metadata={"label": "Nhà thầu thi công"})
    contractor_supervisor: str = attrs.field(default="", validator=_at_most(255),
                                             metadata={"label": "Tư vấn giám sát"})
    project_manager: str = attrs.field(default="", validator=_at_most(255),
                                       metadata={"label": "Người trực tiếp quản lý dự án"})
    description: str = attrs.field(default="", validator=_at_most(5000), metadata={"label": "Mô tả"})

    def fields(self) -> dict[str, Any]:
        """The keyword arguments of ``services.create_project``."""
        return attrs.asdict(self, recurse=False)


#: one row of the HTML board form: field suffix → (type, label)
_ROW_FIELDS: dict[str, tuple[Any, str]] = {
    "full_name": (str, "Họ và tên"),
    "board_role": (str, "Chức danh trong Ban"),
    "representing": (str, "Là đại diện của"),
    "group_id": (int | None, "Tổ dân phố nơi cư trú"),
    "person_id": (int | None, "Người dân trong sổ"),
    "is_official": (bool, "Là cán bộ, công chức cấp xã"),
    "rel_party": (str, "Người thân là"),
    "rel_name": (str, "Họ tên người thân"),
    "rel_relation": (str, "Quan hệ"),
}
_ROW_DEFAULTS = {str: "", bool: False}


def _row_fields(rows: int) -> dict[str, Any]:
    """``m<i>_<field>`` for each of ``rows`` rows of the HTML form."""
    out = {}
    for i in range(1, rows + 1):
        for suffix, (tp, label) in _ROW_FIELDS.items():
            out[f"m{i}_{suffix}"] = attrs.field(default=_ROW_DEFAULTS.get(tp), type=tp,
                                                metadata={"label": f"{label} (thành viên {i})",
                                                          "error": f"{label} của thành viên thứ {i} không hợp lệ."})
    return out


def row_member(form: Any, i: int) -> MemberInput | None:
    """Row ``i`` of the HTML form as a member, None when its name is empty."""
    get = lambda suffix: getattr(form, f"m{i}_{suffix}")  # noqa: E731
    if not get("full_name").strip():
        return None
    relations = []
    if get("rel_party") or get("rel_name") or get("rel_relation"):
        relations.append(Relation(get("rel_name"), get("rel_relation"), get("rel_party")))
    return MemberInput(full_name=get("full_name"), board_role=get("board_role") or "uy_vien",
                       representing=get("representing"), group_id=get("group_id"), person_id=get("person_id"),
                       is_official=get("is_official"), relations=relations)


_MEMBERS_ERROR = ("Danh sách thành viên không hợp lệ: mỗi thành viên gồm full_name, board_role, representing, "
                  "group_id, person_id, is_official, relations [{name, relation, party}], joined_on.")

BoardForm = attrs.make_class("BoardForm", {
    "decision_ref": attrs.field(type=str, validator=_at_most(128), metadata={
        "label": "Số quyết định thành lập của Ủy ban MTTQ",
        "required": "Vui lòng nhập số quyết định thành lập của Ủy ban MTTQ."}),
    "established_on": attrs.field(type=dt.date, metadata=_date("Ngày thành lập")),
    "members": attrs.field(type=list[MemberInput], factory=list, metadata={
        "label": "Thành viên (JSON)", "error": _MEMBERS_ERROR}),
    **_row_fields(MEMBER_ROWS),
}, frozen=True)
BoardForm.__doc__ = """Thành lập Ban giám sát: quyết định của Ủy ban MTTQ và các thành viên (R-GS-01, R-GS-03 … R-GS-06)."""


def board_members(form: Any) -> list[MemberInput]:
    """The members of a board form: the JSON list, else the HTML rows that are filled."""
    if form.members:
        return list(form.members)
    return [m for i in range(1, MEMBER_ROWS + 1) if (m := row_member(form, i)) is not None]


AddMemberForm = attrs.make_class("AddMemberForm", {
    **{f.name: attrs.field(type=f.type, default=f.default, metadata=f.metadata) for f in attrs.fields(MemberInput)},
    **_row_fields(1),
}, frozen=True)
AddMemberForm.__doc__ = """Bổ sung thành viên Ban giám sát: các trường của một thành viên (JSON) hoặc hàng m1_… (HTML)."""


def added_member(form: Any) -> MemberInput:
    """The member of an add-member form: the JSON fields, else the HTML row."""
    if form.full_name.strip():
        return MemberInput(**{f.name: getattr(form, f.name) for f in attrs.fields(MemberInput)})
    return row_member(form, 1) or MemberInput()


@attrs.frozen
class LeaveForm:
    """Thành viên thôi tham gia Ban giám sát."""

    left_on: dt.date = attrs.field(metadata=_date("Ngày thôi làm thành viên"))
    note: str = attrs.field(validator=_at_most(2000), metadata={"label": "Lý do",
                                                                "required": "Vui lòng ghi lý do."})


@attrs.frozen
class DissolveForm:
    """Giải thể Ban giám sát khi kết thúc giám sát (R-GS-01)."""

    dissolved_on: dt.date = attrs.field(metadata=_date("Ngày giải thể"))
    note: str = attrs.field(validator=_at_most(2000), metadata={
        "label": "Lý do", "required": "Vui lòng nhập lý do (kết thúc giám sát)."})


# ---------------------------------------------------------------------------
# the board's work
# ---------------------------------------------------------------------------

@attrs.frozen
class PlanForm:
    """Kế hoạch giám sát."""

    title: str = attrs.field(validator=_at_most(500), metadata={
        "label": "Tên kế hoạch", "required": "Vui lòng nhập tên kế hoạch."})
    start_on: dt.date = attrs.field(metadata=_date("Ngày bắt đầu giám sát"))
    end_on: dt.date = attrs.field(metadata=_date("Ngày kết thúc giám sát"))
    content: list[str] = attrs.field(factory=list, metadata={"label": "Nội dung giám sát (để trống: tất cả)"})
    activities: str = attrs.field(default="", validator=_at_most(5000), metadata={"label": "Hoạt động dự kiến"})


@attrs.frozen
class NoticeForm:
    """Thông báo kế hoạch và thành phần Ban cho chủ đầu tư (R-GS-09)."""

    notified_on: dt.date = attrs.field(metadata=_date("Ngày thông báo cho chủ đầu tư"))
    notice_ref: str = attrs.field(validator=_at_most(128), metadata={
        "label": "Số văn bản thông báo", "required": "Vui lòng nhập số văn bản thông báo."})


@attrs.frozen
class CheckForm:
    """Kết quả một nội dung giám sát (R-GS-07)."""

    item: str = attrs.field(metadata={"label": "Nội dung giám sát", "required": "Vui lòng chọn nội dung giám sát."})
    status: str = attrs.field(validator=_one_of(CHECK_STATUSES, "Vui lòng chọn kết quả giám sát."), metadata={
        "label": "Kết quả", "required": "Vui lòng chọn kết quả giám sát."})
    finding: str = attrs.field(default="", validator=_at_most(5000), metadata={"label": "Nhận xét"})


@attrs.frozen
class InspectionForm:
    """Kiểm tra, giám sát tại hiện trường, kèm ảnh."""

    held_on: dt.date = attrs.field(metadata=_date("Ngày kiểm tra"))
    place: str = attrs.field(validator=_at_most(500), metadata={
        "label": "Địa điểm", "required": "Vui lòng nhập địa điểm kiểm tra."})
    findings: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Kết quả kiểm tra", "required": "Vui lòng nhập kết quả kiểm tra."})
    participants: str = attrs.field(default="", validator=_at_most(2000), metadata={"label": "Thành phần tham gia"})
    experts: str = attrs.field(default="", validator=_at_most(5000), metadata={
        "label": "Người có chuyên môn được mời (mỗi người một dòng)"})
    serious_violation: bool = attrs.field(default=False, metadata={"label": "Phát hiện vi phạm nghiêm trọng"})
    photos: list[UploadFile] = attrs.field(factory=list, metadata={"label": "Ảnh hiện trường (JPEG, PNG, WebP)"})

    @property
    def expert_list(self) -> list[str]:
        return [line.strip() for line in self.experts.splitlines() if line.strip()]


@attrs.frozen
class InfoRequestForm:
    """Yêu cầu cung cấp thông tin (R-GS-08)."""

    sent_on: dt.date = attrs.field(metadata=_date("Ngày gửi yêu cầu"))
    addressee: str = attrs.field(validator=_at_most(255), metadata={
        "label": "Nơi nhận yêu cầu", "required": "Vui lòng nhập nơi nhận yêu cầu."})
    items: list[str] = attrs.field(factory=list, metadata={"label": "Thông tin cần cung cấp"})
    note: str = attrs.field(default="", validator=_at_most(2000), metadata={"label": "Ghi chú"})


@attrs.frozen
class RequestAnswerForm:
    """Trả lời yêu cầu cung cấp thông tin."""

    answered_on: dt.date = attrs.field(metadata=_date("Ngày nhận trả lời"))
    answer: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Nội dung trả lời", "required": "Vui lòng nhập nội dung trả lời."})


@attrs.frozen
class CitizenReportForm:
    """Phản ánh của Nhân dân về dự án (R-PA-09)."""

    channel: str = attrs.field(validator=_one_of(REPORT_CHANNELS, "Ban giám sát nhận phản ánh trực tiếp hoặc qua "
                                                                  "hòm thư góp ý."),
                               metadata={"label": "Kênh tiếp nhận", "required": "Vui lòng chọn kênh tiếp nhận."})
    content: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Nội dung", "required": "Vui lòng nhập nội dung phản ánh."})
    received_on: dt.date = attrs.field(metadata=_date("Ngày tiếp nhận"))
    sender_name: str = attrs.field(default="", validator=_at_most(255), metadata={"label": "Họ tên người phản ánh"})
    sender_contact: str = attrs.field(default="", validator=_at_most(255), metadata={
        "label": "Địa chỉ, điện thoại liên hệ"})


@attrs.frozen
class HandleReportForm:
    """Kết quả xem xét, xử lý phản ánh."""

    result: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Kết quả xem xét, xử lý", "required": "Vui lòng nhập kết quả xem xét, xử lý."})
    handled_on: dt.date = attrs.field(metadata=_date("Ngày xử lý"))


@attrs.frozen
class RecommendationForm:
    """Kiến nghị gửi UBND phường (R-GS-08, R-GS-10)."""

    kind: str = attrs.field(validator=_one_of(RECOMMENDATION_KINDS, "Vui lòng chọn loại kiến nghị."), metadata={
        "label": "Loại kiến nghị", "required": "Vui lòng chọn loại kiến nghị."})
    content: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Nội dung kiến nghị", "required": "Vui lòng nhập nội dung kiến nghị."})
    sent_on: dt.date = attrs.field(metadata=_date("Ngày UBND nhận kiến nghị"))
    basis_inspection_id: int | None = attrs.field(default=None, metadata={
        "label": "Căn cứ kết quả kiểm tra", "error": "Lần kiểm tra làm căn cứ không hợp lệ."})


@attrs.frozen
class BoardReportForm:
    """Báo cáo kết quả giám sát gửi Ủy ban MTTQ (R-GS-12)."""

    kind: str = attrs.field(validator=_one_of(REPORT_KINDS, "Vui lòng chọn báo cáo định kỳ hay theo yêu cầu."),
                            metadata={"label": "Loại báo cáo", "required": "Vui lòng chọn loại báo cáo."})
    period_start: dt.date = attrs.field(metadata=_date("Ngày đầu kỳ báo cáo"))
    period_end: dt.date = attrs.field(metadata=_date("Ngày cuối kỳ báo cáo"))


@attrs.frozen
class AnswerForm:
    """UBND trả lời kiến nghị của Ban giám sát (R-GS-10)."""

    answer: str = attrs.field(validator=_at_most(10000), metadata={
        "label": "Nội dung trả lời", "required": "Vui lòng nhập nội dung trả lời."})

