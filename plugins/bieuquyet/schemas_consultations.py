"""The JSON shape of the consultation pages (``page(..., schema=…)``): typed view models.

Public models never carry a household, a person, a phone number or an address."""
from __future__ import annotations

import attrs

from .types_consultations import Consultation, Opinion, PublicComment, StaffComment, Tally


@attrs.frozen
class PublicListPage:
    """Lấy ý kiến Nhân dân: đang lấy ý kiến và đã kết thúc."""

    open: list[Consultation]
    closed: list[Consultation]


@attrs.frozen
class PublicPage:
    """Một đợt lấy ý kiến: nội dung, thời gian, góp ý, kết quả và giải trình."""

    consultation: Consultation
    comments: list[PublicComment]
    tally: Tally | None
    code_sent: bool = False


@attrs.frozen
class StaffListPage:
    """Quản lý các đợt lấy ý kiến Nhân dân."""

    consultations: list[Consultation]


@attrs.frozen
class StaffPage:
    """Một đợt lấy ý kiến: kế hoạch, ý kiến theo hình thức, góp ý trực tuyến, kết quả."""

    consultation: Consultation
    opinions: list[Opinion]
    comments: list[StaffComment]
    tally: Tally
    contrary_now: dict[str, bool]


@attrs.frozen
class FormPage:
    """Lập kế hoạch lấy ý kiến Nhân dân."""


@attrs.frozen
class SheetLineView:
    household_code: str
    head_name: str
    address: str
    group_name: str
    code: str


@attrs.frozen
class CodeSheetPage:
    """Phiếu mã góp ý trực tuyến của các hộ gia đình (in một lần, cắt và trao từng hộ)."""

    consultation: Consultation
    lines: list[SheetLineView]


@attrs.frozen
class ConsultationRedirect:
    """After a write on a consultation: where the page goes next, the message and its id
    (the shape of ``thanthien.web.forms.Redirected`` plus ``consultation_id``)."""

    redirect: str
    message: str = ""
    consultation_id: int = 0
