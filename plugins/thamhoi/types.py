"""Domain types of the thamhoi module (thăm hỏi, chúc mừng, động viên — plan III.1.6).

Keys are the glossary's (``docs/glossary.md``): ``congratulation_letter``,
``condolence_letter``, ``thank_you_letter``, ``apology_letter``, ``holiday_greeting``;
``letter_ceremony``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "thamhoi"

#: permissions (quyền)
P_VIEW = "thamhoi.view"
P_MANAGE = "thamhoi.manage"
P_SIGN = "thamhoi.sign"

#: the document type of a signed letter: NĐ 30/2020 Art. 7 "thư công"
DOC_TYPE = "thamhoi_thu_cong"
#: Art. 11 item 14 "Nội dung khác": a published greeting is not an Art. 11 item
NOTICE_CATEGORY = "khac"
#: the owner kind of documents and audit entries of a letter
LETTER_OWNER = "thamhoi.letter"

#: Letter kinds (loại thư, docs/glossary.md); the key is also the letter-template key.
LETTER_KINDS = {
    "congratulation_letter": "Thư chúc mừng",
    "condolence_letter": "Thư chia buồn",
    "thank_you_letter": "Thư cảm ơn",
    "apology_letter": "Thư xin lỗi",
    "holiday_greeting": "Thư chúc mừng năm mới, ngày lễ",
}

#: Events (sự kiện) that draft a letter, and the letter kind each one drafts.
EVENTS = {
    "birth_registered": "congratulation_letter",  # đăng ký khai sinh
    "marriage_registered": "congratulation_letter",  # đăng ký kết hôn
    "death_registered": "condolence_letter",  # đăng ký khai tử
    "late_result": "apology_letter",  # trả kết quả TTHC quá hạn (plan III.1.6, R-MC-15)
    "government_mistake": "apology_letter",  # sai sót của chính quyền (R-MC-17)
    "contribution": "thank_you_letter",  # đóng góp xây dựng chính quyền, cộng đồng
    "holiday": "holiday_greeting",  # năm mới, ngày lễ lớn
}
EVENT_LABELS = {
    "birth_registered": "Đăng ký khai sinh",
    "marriage_registered": "Đăng ký kết hôn",
    "death_registered": "Đăng ký khai tử",
    "late_result": "Trả kết quả thủ tục hành chính quá hạn",
    "government_mistake": "Sai sót của chính quyền",
    "contribution": "Đóng góp xây dựng chính quyền, cộng đồng",
    "holiday": "Năm mới, ngày lễ lớn",
}
#: life_event_recorded kinds (motcua) → event.
LIFE_EVENTS = {"birth": "birth_registered", "marriage": "marriage_registered", "death": "death_registered"}

LETTER_STATES = {
    "draft": "Dự thảo, chờ ký",
    "signed": "Đã ký, chờ gửi",
    "sent": "Đã gửi, trao",
    "cancelled": "Đã hủy",
}
#: How a signed letter reached its addressee.
SEND_METHODS = {
    "ceremony": "Trao tại lễ trao thư",
    "visit": "Trao khi đến thăm hỏi",
    "hand": "Trao tận tay",
    "post": "Gửi qua bưu chính",
    "published": "Công bố trên loa, trang thông tin, mạng xã hội",
}
#: Recipients of a thank-you letter.
CONTRIBUTOR_KINDS = {"resident": "Người dân", "organisation": "Tổ chức", "business": "Doanh nghiệp"}

#: Holiday occasions greeted by the Chủ tịch (plan III.1.6), found in the working calendar.
OCCASIONS = {
    "new_year": "Tết Dương lịch",
    "lunar_new_year": "Tết Nguyên đán",
    "victory_labour": "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5",
    "national_day": "Quốc khánh 2/9",
}
#: Channels of the published greeting (core notice channels).
GREETING_CHANNELS = ("loudspeaker", "website", "social_group")

ACTIVITY_KINDS = {
    "letter_ceremony": "Lễ trao thư chúc mừng",
    "visit": "Thăm hỏi, phúng viếng",
    "respected_meeting": "Gặp mặt người có uy tín, tổ chức, cá nhân ủng hộ địa phương",
}
ACTIVITY_STATES = {"planned": "Đã lên kế hoạch", "done": "Đã thực hiện", "cancelled": "Đã hủy"}


@attrs.frozen
class Letter:
    """A letter (thư) from the UBND or its Chủ tịch: draft, then a numbered document."""

    id: int
    kind: str
    event: str
    state: str
    addressee: str
    subject: str
    template_key: str
    template_plugin: str
    template_path: str
    context: dict[str, Any]
    drafted_at: dt.datetime
    case_id: int | None = None
    occasion: str = ""
    occasion_date: dt.date | None = None
    document_id: int | None = None
    number_symbol: str = ""
    signed_at: dt.datetime | None = None
    signer_name: str = ""
    sent_at: dt.datetime | None = None
    sent_method: str = ""
    notice_id: int | None = None
    cancel_reason: str = ""
    #: the unit responsible for the letter (its scope: who may read it)
    unit_id: int | None = None

    @property
    def kind_label(self) -> str:
        return LETTER_KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return LETTER_STATES.get(self.state, self.state)

    @property
    def event_label(self) -> str:
        return EVENT_LABELS.get(self.event, self.event)


@attrs.frozen
class Activity:
    """A ceremony, visit or meeting (lễ trao thư, đoàn thăm hỏi, gặp mặt người có uy tín)."""

    id: int
    kind: str
    title: str
    scheduled_at: dt.datetime
    place: str
    state: str
    delegation: str = ""
    guests: tuple[str, ...] = ()
    letter_id: int | None = None
    result: str = ""
    attendance: int | None = None
    done_at: dt.datetime | None = None
    cancel_reason: str = ""
    unit_id: int | None = None

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return ACTIVITY_STATES.get(self.state, self.state)


@attrs.frozen
class Occasion:
    """A holiday the Chủ tịch greets residents for, with its date from the working calendar."""

    key: str
    name: str
    day: dt.date
    provisional: bool = False

    @property
    def year(self) -> int:
        return self.day.year
