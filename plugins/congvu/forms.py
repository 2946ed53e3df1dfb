"""Typed forms of the congvu pages: one class per write route (``page(..., body=…)``).

Labels and messages are the attrs metadata. The five clarities of a task are required
here and checked again, all together, by :func:`~.services.tasks.assign_task`, which every
other way of creating a task (the CLI, the demo, a facility review) goes through.
"""
from __future__ import annotations

import datetime as dt

import attrs
from starlette.datastructures import UploadFile

_DATE = {"error": "Ngày không hợp lệ (dd/mm/yyyy)."}
_INT = {"error": "Giá trị phải là một số nguyên."}


def _required(label: str, message: str, **extra) -> dict:
    return {"label": label, "required": message, **extra}


# -- the plan ----------------------------------------------------------------------------


@attrs.frozen
class PlanLoadForm:
    """Nạp kế hoạch từ tệp dữ liệu (TOML)."""

    file: UploadFile = attrs.field(metadata=_required("Tệp kế hoạch (.toml)", "Vui lòng chọn tệp kế hoạch."))
    issued_on: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày ban hành (nếu khác trong tệp)",
                                                                     **_DATE})
    code: str = attrs.field(default="", metadata={"label": "Mã kế hoạch (nếu khác trong tệp)"})


@attrs.frozen
class ItemStateForm:
    """Đưa mục ra khỏi kế hoạch hoặc đưa trở lại."""

    state: str = attrs.field(metadata=_required("Trạng thái", "Vui lòng chọn trạng thái."))
    reason: str = attrs.field(metadata=_required("Lý do", "Vui lòng ghi lý do."))


@attrs.frozen
class ProblemForm:
    """Báo cáo vướng mắc khi thực hiện mục kế hoạch."""

    text: str = attrs.field(metadata=_required("Vướng mắc, khó khăn và đề xuất", "Vui lòng nêu vướng mắc."))


@attrs.frozen
class AnswerForm:
    """Trả lời, hướng dẫn vướng mắc."""

    answer: str = attrs.field(metadata=_required("Trả lời, hướng dẫn", "Vui lòng ghi nội dung trả lời."))


@attrs.frozen
class EscalateForm:
    """Báo cáo lãnh đạo UBND phường xin ý kiến chỉ đạo."""

    note: str = attrs.field(metadata=_required("Nội dung báo cáo, đề xuất", "Vui lòng ghi nội dung báo cáo."))


# -- tasks -------------------------------------------------------------------------------


@attrs.frozen
class TaskForm:
    """Giao nhiệm vụ “5 rõ”: rõ người, rõ việc, rõ trách nhiệm, rõ tiến độ, rõ kết quả."""

    assignee_id: int = attrs.field(metadata=_required(
        "Rõ người — người thực hiện", "Rõ người: vui lòng chọn người thực hiện.",
        error="Rõ người: vui lòng chọn người thực hiện."))
    title: str = attrs.field(metadata=_required("Rõ việc — nội dung công việc",
                                                "Rõ việc: vui lòng ghi nội dung công việc."))
    leader_id: int = attrs.field(metadata=_required(
        "Rõ trách nhiệm — lãnh đạo chịu trách nhiệm", "Rõ trách nhiệm: vui lòng chọn lãnh đạo chịu trách nhiệm.",
        error="Rõ trách nhiệm: vui lòng chọn lãnh đạo chịu trách nhiệm."))
    unit_id: int = attrs.field(metadata=_required(
        "Rõ trách nhiệm — đơn vị chịu trách nhiệm", "Rõ trách nhiệm: vui lòng chọn đơn vị chịu trách nhiệm.",
        error="Rõ trách nhiệm: vui lòng chọn đơn vị chịu trách nhiệm."))
    expected_result: str = attrs.field(metadata=_required(
        "Rõ kết quả — kết quả cụ thể cần đạt", "Rõ kết quả: vui lòng nêu kết quả cụ thể cần đạt."))
    deadline: dt.date | None = attrs.field(default=None, metadata={"label": "Rõ tiến độ — thời hạn (dd/mm/yyyy)",
                                                                    **_DATE})
    working_days: int | None = attrs.field(default=None, metadata={
        "label": "hoặc số ngày làm việc kể từ ngày giao", "error": "Số ngày làm việc phải là số nguyên."})
    start_on: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày giao", **_DATE})
    indicator: str = attrs.field(default="", metadata={"label": "Chỉ tiêu đo kết quả"})
    description: str = attrs.field(default="", metadata={"label": "Mô tả, yêu cầu cụ thể"})
    co_worker_ids: list[int] = attrs.field(factory=list, metadata={"label": "Người phối hợp", **_INT})
    source_kind: str = attrs.field(default="plan_item", metadata={"label": "Nguồn giao việc"})
    source_ref: str = attrs.field(default="", metadata={"label": "Căn cứ (kết luận, kiến nghị …)"})
    source_id: int | None = attrs.field(default=None, metadata={"label": "Mã hồ sơ hoặc văn bản", **_INT})
    item_id: int | None = attrs.field(default=None, metadata={"label": "Mục kế hoạch", **_INT})


@attrs.frozen
class ProgressForm:
    """Báo cáo tiến độ."""

    text: str = attrs.field(metadata=_required("Nội dung tiến độ", "Vui lòng ghi nội dung tiến độ."))
    percent: int | None = attrs.field(default=None, metadata={"label": "Tỷ lệ hoàn thành (%)",
                                                               "error": "Tỷ lệ là số từ 0 đến 100."})


@attrs.frozen
class SubmitForm:
    """Báo cáo hoàn thành kèm minh chứng kết quả (chờ lãnh đạo nghiệm thu)."""

    result: str = attrs.field(default="", metadata={"label": "Kết quả đã đạt được"})
    evidence_note: str = attrs.field(default="", metadata={"label": "Mô tả minh chứng"})
    files: list[UploadFile] = attrs.field(factory=list, metadata={"label": "Tệp minh chứng (PDF, ảnh)"})
    link_kind: str = attrs.field(default="", metadata={"label": "Liên kết đến"})
    link_id: int | None = attrs.field(default=None, metadata={"label": "Mã hồ sơ, văn bản, thông tin công khai",
                                                               **_INT})


@attrs.frozen
class SignOffForm:
    """Nghiệm thu: đồng ý kết quả."""

    note: str = attrs.field(default="", metadata={"label": "Ý kiến của lãnh đạo"})


@attrs.frozen
class ReasonForm:
    """Lý do (trả lại, hủy, rút)."""

    reason: str = attrs.field(metadata=_required("Lý do", "Vui lòng ghi lý do."))


@attrs.frozen
class ExtendForm:
    """Gia hạn nhiệm vụ, có lý do."""

    reason: str = attrs.field(metadata=_required("Lý do gia hạn", "Vui lòng ghi lý do gia hạn."))
    deadline: dt.date | None = attrs.field(default=None, metadata={"label": "Thời hạn mới (dd/mm/yyyy)", **_DATE})
    working_days: int | None = attrs.field(default=None, metadata={"label": "hoặc số ngày làm việc gia hạn",
                                                                    **_INT})


# -- conduct ---------------------------------------------------------------------------------


@attrs.frozen
class RuleForm:
    """Thêm một quy tắc ứng xử."""

    group: str = attrs.field(metadata=_required("Nhóm", "Vui lòng chọn nhóm quy tắc."))
    text: str = attrs.field(metadata=_required("Nội dung", "Vui lòng ghi nội dung quy tắc."))
    sort: int | None = attrs.field(default=None, metadata={"label": "Thứ tự", **_INT})


@attrs.frozen
class RuleEditForm:
    """Sửa, ẩn hoặc hiện một quy tắc ứng xử."""

    text: str = attrs.field(metadata=_required("Nội dung", "Vui lòng ghi nội dung quy tắc."))
    sort: int | None = attrs.field(default=None, metadata={"label": "Thứ tự", **_INT})
    active: bool = attrs.field(default=True, metadata={"label": "Hiển thị"})


@attrs.frozen
class ReportForm:
    """Khen ngợi hoặc phản ánh về một cán bộ, công chức."""

    kind: str = attrs.field(metadata=_required("Ông (bà) muốn", "Vui lòng chọn khen ngợi hoặc phản ánh."))
    content: str = attrs.field(metadata=_required("Nội dung", "Vui lòng ghi nội dung khen ngợi hoặc phản ánh."))
    staff: str = attrs.field(default="", metadata={"label": "Họ tên hoặc số thẻ của cán bộ, công chức"})
    staff_id: int | None = attrs.field(default=None, metadata={"label": "Cán bộ đang trực", **_INT})
    resident_name: str = attrs.field(default="", metadata={"label": "Họ tên của ông (bà)"})
    resident_phone: str = attrs.field(default="", metadata={"label": "Số điện thoại"})


@attrs.frozen
class HandleReportForm:
    """Trả lời hoặc lưu phản ánh về cán bộ."""

    action: str = attrs.field(metadata=_required("Thao tác", "Vui lòng chọn thao tác."))
    note: str = attrs.field(metadata=_required("Nội dung trả lời, lý do", "Vui lòng ghi nội dung."))


@attrs.frozen
class DutyForm:
    """Xếp lịch trực tại Trung tâm Phục vụ hành chính công."""

    day: dt.date = attrs.field(metadata=_required("Ngày trực", "Vui lòng nhập ngày trực (dd/mm/yyyy).", **_DATE))
    person_id: int = attrs.field(metadata=_required("Cán bộ, công chức", "Vui lòng chọn cán bộ, công chức.",
                                                    error="Vui lòng chọn cán bộ, công chức."))
    desk: str = attrs.field(default="", metadata={"label": "Quầy số"})


@attrs.frozen
class PhotoForm:
    """Ảnh của cán bộ, công chức."""

    photo: UploadFile = attrs.field(metadata=_required("Ảnh (JPEG, PNG)", "Vui lòng chọn ảnh."))


@attrs.frozen
class BreachForm:
    """Ghi nhận vi phạm nội quy, quy chế làm việc."""

    person_id: int = attrs.field(metadata=_required("Cán bộ, công chức vi phạm", "Vui lòng chọn cán bộ, công chức.",
                                                    error="Vui lòng chọn cán bộ, công chức."))
    kind: str = attrs.field(metadata=_required("Loại vi phạm", "Vui lòng chọn loại vi phạm."))
    occurred_on: dt.date = attrs.field(metadata=_required("Ngày vi phạm", "Vui lòng nhập ngày vi phạm (dd/mm/yyyy).",
                                                          **_DATE))
    description: str = attrs.field(metadata=_required("Hành vi vi phạm", "Vui lòng mô tả hành vi vi phạm."))
    evidence: str = attrs.field(default="", metadata={"label": "Chứng cứ (biên bản, người chứng kiến …)"})
    files: list[UploadFile] = attrs.field(factory=list, metadata={"label": "Tệp chứng cứ (PDF, ảnh)"})


@attrs.frozen
class HandleBreachForm:
    """Kết quả xử lý vi phạm."""

    handling: str = attrs.field(metadata=_required("Hình thức, kết quả xử lý", "Vui lòng ghi kết quả xử lý."))


@attrs.frozen
class DisciplineForm:
    """Quyết định kỷ luật, kèm văn bản."""

    person_id: int = attrs.field(metadata=_required("Cán bộ, công chức", "Vui lòng chọn cán bộ, công chức.",
                                                    error="Vui lòng chọn cán bộ, công chức."))
    form: str = attrs.field(metadata=_required("Hình thức kỷ luật", "Vui lòng chọn hình thức kỷ luật."))
    decided_on: dt.date = attrs.field(metadata=_required("Ngày quyết định", "Vui lòng nhập ngày quyết định.", **_DATE))
    document_ref: str = attrs.field(metadata=_required("Số, ký hiệu quyết định",
                                                       "Vui lòng ghi số, ký hiệu quyết định."))
    reason: str = attrs.field(metadata=_required("Lý do kỷ luật", "Vui lòng ghi lý do kỷ luật."))
    document_id: int | None = attrs.field(default=None, metadata={"label": "Mã văn bản đã ban hành", **_INT})
    files: list[UploadFile] = attrs.field(factory=list, metadata={"label": "Bản quyết định (PDF, ảnh)"})
    breach_ids: list[int] = attrs.field(factory=list, metadata={"label": "Các vi phạm được xử lý", **_INT})


# -- the friendly office -----------------------------------------------------------------------


@attrs.frozen
class CriterionForm:
    """Thêm tiêu chí vào bảng kiểm."""

    text: str = attrs.field(metadata=_required("Tiêu chí", "Vui lòng ghi nội dung tiêu chí."))
    group: str = attrs.field(default="", metadata={"label": "Nhóm"})


@attrs.frozen
class CriterionEditForm:
    """Sửa hoặc thôi áp dụng một tiêu chí."""

    text: str = attrs.field(metadata=_required("Tiêu chí", "Vui lòng ghi nội dung tiêu chí."))
    group: str = attrs.field(default="", metadata={"label": "Nhóm"})
    active: bool = attrs.field(default=True, metadata={"label": "Đang áp dụng"})


@attrs.frozen
class ReviewForm:
    """Rà soát cơ sở vật chất theo bảng kiểm: kết quả từng tiêu chí, ảnh, người khắc phục."""

    reviewed_on: dt.date = attrs.field(metadata=_required("Ngày rà soát", "Vui lòng nhập ngày rà soát.", **_DATE))
    criterion_id: list[int] = attrs.field(factory=list, metadata={"label": "Tiêu chí", **_INT})
    status: list[str] = attrs.field(factory=list, metadata={"label": "Kết quả"})
    line_note: list[str] = attrs.field(factory=list, metadata={"label": "Ghi chú"})
    note: str = attrs.field(default="", metadata={"label": "Nhận xét chung"})
    photos: list[UploadFile] = attrs.field(factory=list, metadata={"label": "Ảnh chụp"})
    assignee_id: int | None = attrs.field(default=None, metadata={"label": "Người khắc phục tiêu chí chưa đạt", **_INT})
    leader_id: int | None = attrs.field(default=None, metadata={"label": "Lãnh đạo chịu trách nhiệm", **_INT})
    fix_working_days: int | None = attrs.field(default=None, metadata={"label": "Thời hạn khắc phục (ngày làm việc)",
                                                                        **_INT})


@attrs.frozen
class BatchForm:
    """Nhập một đợt phiếu đánh giá giấy."""

    period_start: dt.date = attrs.field(metadata=_required("Từ ngày", "Vui lòng nhập ngày đầu của đợt.", **_DATE))
    period_end: dt.date = attrs.field(metadata=_required("Đến ngày", "Vui lòng nhập ngày cuối của đợt.", **_DATE))
    rat_hai_long: int | None = attrs.field(default=None, metadata={"label": "Rất hài lòng", **_INT})
    hai_long: int | None = attrs.field(default=None, metadata={"label": "Hài lòng", **_INT})
    khong_hai_long: int | None = attrs.field(default=None, metadata={"label": "Không hài lòng", **_INT})
    note: str = attrs.field(default="", metadata={"label": "Ghi chú"})


@attrs.frozen
class EventForm:
    """Hội nghị tập huấn, tuyên truyền; tin, bài, phóng sự."""

    kind: str = attrs.field(metadata=_required("Loại", "Vui lòng chọn loại hoạt động."))
    title: str = attrs.field(metadata=_required("Tên hội nghị, tin bài", "Vui lòng ghi tên."))
    held_on: dt.date = attrs.field(metadata=_required("Ngày", "Vui lòng nhập ngày (dd/mm/yyyy).", **_DATE))
    place: str = attrs.field(default="", metadata={"label": "Địa điểm"})
    unit_id: int | None = attrs.field(default=None, metadata={"label": "Đơn vị tổ chức", **_INT})
    item_id: int | None = attrs.field(default=None, metadata={"label": "Mục kế hoạch", **_INT})
    audience: str = attrs.field(default="", metadata={"label": "Thành phần"})
    url: str = attrs.field(default="", metadata={"label": "Đường dẫn tin, bài"})


@attrs.frozen
class EventRecordForm:
    """Kết quả và số người dự."""

    result: str = attrs.field(metadata=_required("Kết quả", "Vui lòng ghi kết quả."))
    staff_count: int | None = attrs.field(default=None, metadata={"label": "Số cán bộ dự", **_INT})
    resident_count: int | None = attrs.field(default=None, metadata={"label": "Số người dân dự", **_INT})
    url: str = attrs.field(default="", metadata={"label": "Đường dẫn tin, bài"})
