"""Keys, labels and domain types of the consultations (lấy ý kiến Nhân dân, R-YK-01…10)."""
from __future__ import annotations

import datetime as dt

import attrs

#: permission keys of the consultations
P_CONSULT_VIEW = "bieuquyet.consultation_view"
P_CONSULT_MANAGE = "bieuquyet.consultation_manage"
P_CONSULT_MODERATE = "bieuquyet.consultation_moderate"

#: R-YK-01: the nine matters of Luật THDCCS Art. 25 on which residents are consulted
MATTERS = {
    "art25_1": "Dự thảo kế hoạch phát triển kinh tế - xã hội, chuyển dịch cơ cấu kinh tế, "
               "phương án tái định cư, phát triển ngành nghề",
    "art25_2": "Dự thảo kế hoạch sử dụng đất, phương án quản lý đất do phường được giao",
    "art25_3": "Chủ trương, chính sách đầu tư, xây dựng, đất đai, xử lý chất thải, bảo vệ môi trường, "
               "bồi thường, hỗ trợ, tái định cư của dự án tác động trực tiếp đến người dân",
    "art25_4": "Đề án thành lập, nhập, chia, đặt tên, đổi tên, điều chỉnh địa giới đơn vị hành chính, "
               "tổ dân phố",
    "art25_5": "Dự thảo quyết định hành chính của Ủy ban nhân dân có ảnh hưởng đến lợi ích cộng đồng "
               "(môi trường, y tế, trật tự)",
    "art25_6": "Nhiệm vụ, đồ án quy hoạch xây dựng, quy hoạch đô thị",
    "art25_7": "Dự thảo quy chế thực hiện dân chủ ở phường",
    "art25_8": "Dự thảo quyết định đặt ra nghĩa vụ hoặc hạn chế quyền, lợi ích của người dân cụ thể",
    "art25_9": "Nội dung khác theo quy định của pháp luật",
}

#: R-YK-03: the Art. 25 item whose decisions need a dialogue with the persons affected
DIALOGUE_MATTER = "art25_8"

#: R-YK-02 (Art. 26): the consultation forms, each a channel whose opinions are recorded
CHANNELS = {
    "hoi_nghi_doi_thoai": "Hội nghị đối thoại",
    "hop_cong_dong": "Hội nghị, cuộc họp cộng đồng dân cư",
    "phieu_lay_y_kien": "Phát phiếu lấy ý kiến hộ gia đình",
    "hom_thu": "Hòm thư góp ý",
    "duong_day_nong": "Đường dây nóng",
    "mat_tran": "Thông qua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    "cong_thong_tin": "Cổng thông tin điện tử của phường (góp ý trực tuyến)",
    "mang_xa_hoi": "Mạng viễn thông, mạng xã hội",
    "doi_thoai_tac_dong": "Đối thoại với người dân chịu tác động",
}
#: the channel the residents' online comments arrive through
ONLINE_CHANNEL = "cong_thong_tin"
#: the channel of R-YK-03…05 (dialogue with the persons affected)
DIALOGUE_CHANNEL = "doi_thoai_tac_dong"

#: R-YK-04: who takes part in a group dialogue
DIALOGUE_PARTICIPANTS = {
    "ubnd": "Đại diện Ủy ban nhân dân phường",
    "mttq": "Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam phường",
    "bttnd": "Đại diện Ban Thanh tra nhân dân",
}

STANCES = {"dong_y": "Đồng ý", "khong_dong_y": "Không đồng ý", "y_kien_khac": "Ý kiến khác"}

#: what the competent body decided after the consultation
DECISIONS = {
    "thong_qua": "Thông qua như dự thảo",
    "dieu_chinh": "Thông qua, có điều chỉnh theo ý kiến Nhân dân",
    "khong_thong_qua": "Không thông qua",
}
#: the majority each decision follows (R-YK-09: a decision against it must be explained)
DECISION_FOLLOWS = {"thong_qua": "dong_y", "dieu_chinh": "dong_y", "khong_thong_qua": "khong_dong_y"}

#: stored states; an open consultation whose last day has passed shows as ``closed``
STATES = {
    "draft": "Đang chuẩn bị kế hoạch",
    "planned": "Đã gửi kế hoạch",
    "open": "Đang lấy ý kiến",
    "closed": "Đã hết thời gian lấy ý kiến",
    "published": "Đã công khai kết quả",
    "reported": "Đã báo cáo Hội đồng nhân dân",
}

#: the purpose of the one-time codes of a consultation's online comments
def code_purpose(consultation_id: int) -> str:
    return f"consultation:{consultation_id}"


@attrs.frozen
class Consultation:
    """A consultation (đợt lấy ý kiến Nhân dân) and where it stands."""

    id: int
    title: str
    matter: str
    content: str
    channels: tuple[str, ...]
    method: str
    responsible: str
    unit_id: int | None
    area_unit_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date
    other_law_basis: str
    state: str  # draft | planned | open | closed | published | reported (closed: open, last day passed)
    plan_document_id: int | None
    plan_sent_at: dt.datetime | None
    notice_id: int | None
    published_on: dt.date | None
    decision: str
    acceptance: str
    contrary_reason: str
    majority: str
    result_notice_id: int | None
    results_published_at: dt.datetime | None
    report_document_id: int | None
    reported_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def matter_label(self) -> str:
        return MATTERS.get(self.matter, self.matter)

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def channel_labels(self) -> list[str]:
        return [CHANNELS.get(c, c) for c in self.channels]

    @property
    def decision_label(self) -> str:
        return DECISIONS.get(self.decision, "")

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def window_days(self) -> int | None:
        """Days from publication to the last day (R-YK-07 counts them from the day after)."""
        return (self.ends_on - self.published_on).days if self.published_on else None


@attrs.frozen
class Opinion:
    """Opinions received through one channel (entered by staff)."""

    id: int
    consultation_id: int
    channel: str
    source: str
    received_on: dt.date
    agree: int
    disagree: int
    other: int
    summary: str
    participants: dict[str, str]
    recorded_at: dt.datetime

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.other


@attrs.frozen
class PublicComment:
    """A resident's comment as shown on the public page: no identity, a neutral label."""

    id: int
    label: str  # "Hộ gia đình Tổ dân phố số 3"
    stance: str
    stance_label: str
    text: str
    created_at: dt.datetime
    hidden: bool = False
    hidden_note: str = ""  # "Ý kiến đã được ẩn: …" (the reason, without the text)


@attrs.frozen
class StaffComment:
    """A comment on the staff page: with the moderation record (still no identity shown)."""

    id: int
    label: str
    stance: str
    text: str
    created_at: dt.datetime
    hidden: bool
    hidden_reason: str
    hidden_by: int | None
    hidden_at: dt.datetime | None


@attrs.frozen
class TallyRow:
    channel: str
    label: str
    agree: int
    disagree: int
    other: int

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.other


@attrs.frozen
class Tally:
    """The aggregated results over every channel (R-YK-08)."""

    rows: list[TallyRow]
    agree: int
    disagree: int
    other: int
    majority: str  # "dong_y", "khong_dong_y" or "" (no stance holds more than half)

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.other

    @property
    def majority_label(self) -> str:
        return STANCES.get(self.majority, "Không có ý kiến chiếm đa số")
