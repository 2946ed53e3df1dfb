"""Domain types of the giamsat module (Ban Giám sát đầu tư của cộng đồng, Luật DCCS
Art. 41–45, NĐ 59 Art. 16–19): the plugin name, permission keys, frozen attrs classes and
the legal lists as stable Vietnamese keys (docs/glossary.md "Keys")."""
from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "giamsat"

#: permissions (quyền)
P_VIEW = "giamsat.view"  # read the register, a project's supervision file, the recommendations
P_PROJECTS = "giamsat.projects"  # keep the project register (the economic department)
P_BOARDS = "giamsat.boards"  # set up, complete, dissolve boards; notify investors; announce (UB MTTQ)
P_SUPERVISE = "giamsat.supervise"  # the board's own work: plans, inspections, recommendations, reports
P_ANSWER = "giamsat.answer"  # the UBND answers a recommendation (R-GS-10)
P_REPORTERS = "giamsat.reporters"  # read the name and contact of a resident who reported (R-DL-09)

#: the role of citizens sitting on a board; it also serves the People's Inspection Board
#: (thanhtra), so it never reaches a board by itself: membership of THAT board does
BOARD_MEMBER_ROLE = "board_member"

#: owner kinds of scopes, documents and audit entries
BOARD_OWNER = "giamsat.board"
PROJECT_OWNER = "giamsat.project"

RECOMMENDATION = "giamsat_kien_nghi"  # case type of a board recommendation (R-GS-10)
#: the board's report to UB MTTQ (R-GS-12), an official document
REPORT_DOC_TYPE = "giamsat_bao_cao"
#: R-CK item 3: investment projects and their progress (the announcement's notice category)
NOTICE_CATEGORY = "du_an_dat_dai_quy_hoach"

#: Funding sources (nguồn vốn). R-GS-02: the first five are in the board's scope.
FUNDING: dict[str, str] = {
    "dau_tu_cong": "Vốn đầu tư công",
    "ppp": "Đầu tư theo phương thức đối tác công tư (PPP)",
    "dong_gop_cong_dong": "Vốn, công sức đóng góp của cộng đồng",
    "tai_tro": "Tài trợ trực tiếp cho phường",
    "ngan_sach_xa": "Ngân sách phường",
    "von_ngoai_nha_nuoc": "Vốn của doanh nghiệp, tổ chức, cá nhân tự đầu tư",
}
#: R-GS-02: public investment, PPP, community-funded, directly sponsored projects.
IN_SCOPE_FUNDING = ("dau_tu_cong", "ppp", "dong_gop_cong_dong", "tai_tro", "ngan_sach_xa")
#: R-GS-07, R-GS-08: community-funded, commune-budget or sponsored projects get the extended lists.
EXTENDED_FUNDING = ("dong_gop_cong_dong", "ngan_sach_xa", "tai_tro")

#: R-GS-07: supervision content (nội dung giám sát), every project in scope.
BASE_CONTENT: dict[str, str] = {
    "phu_hop_quy_hoach": "Sự phù hợp của dự án với quy hoạch, kế hoạch sử dụng đất",
    "moc_gioi": "Việc thực hiện mốc giới, chỉ giới xây dựng và sử dụng đất",
    "mat_bang_kien_truc": "Sự phù hợp với quy hoạch chi tiết, mặt bằng, phương án kiến trúc",
    "chat_thai_moi_truong": "Việc xử lý chất thải, bảo vệ môi trường",
    "boi_thuong_tai_dinh_cu": "Việc bồi thường, hỗ trợ, giải phóng mặt bằng và tái định cư",
    "tien_do": "Tiến độ thực hiện dự án",
    "cong_khai_chu_dau_tu": "Việc công khai thông tin của chủ đầu tư",
    "phat_hien_thiet_hai": "Phát hiện việc làm tổn hại lợi ích cộng đồng, gây lãng phí, thất thoát",
}
#: R-GS-07: added for community-funded, commune-budget or sponsored projects.
EXTENDED_CONTENT: dict[str, str] = {
    "tieu_chuan_ky_thuat": "Việc tuân thủ quy chuẩn, tiêu chuẩn kỹ thuật",
    "dinh_muc_vat_tu": "Định mức, chủng loại và chất lượng vật tư",
    "nghiem_thu": "Việc nghiệm thu công trình",
    "quyet_toan": "Việc quyết toán công trình",
}
CHECK_STATUSES: dict[str, str] = {
    "chua_giam_sat": "Chưa giám sát",
    "dat": "Đạt yêu cầu",
    "co_van_de": "Có vấn đề, cần kiến nghị",
}

#: R-GS-08: information the board may request (from authorities and from the investor).
BASE_REQUEST_ITEMS: dict[str, str] = {
    "quy_hoach_dat_dai": "Thông tin về quy hoạch, kế hoạch sử dụng đất",
    "tra_loi_co_quan": "Trả lời của cơ quan có thẩm quyền về vấn đề Ban giám sát nêu",
    "quyet_dinh_dau_tu": "Quyết định đầu tư",
    "lien_he": "Thông tin liên hệ của chủ đầu tư, ban quản lý dự án",
    "tien_do": "Tiến độ thực hiện",
    "dien_tich_dat": "Diện tích đất sử dụng",
    "mat_bang": "Quy hoạch chi tiết, mặt bằng",
    "boi_thuong": "Phương án bồi thường, giải phóng mặt bằng, tái định cư",
    "chat_thai_moi_truong": "Phương án xử lý chất thải, bảo vệ môi trường",
}
EXTENDED_REQUEST_ITEMS: dict[str, str] = {
    "thiet_ke_du_toan": "Thiết kế, dự toán, tiêu chuẩn kỹ thuật",
    "nghiem_thu": "Kết quả nghiệm thu",
    "quyet_toan": "Số liệu quyết toán",
}

BOARD_ROLES: dict[str, str] = {"truong_ban": "Trưởng ban", "pho_truong_ban": "Phó Trưởng ban", "uy_vien": "Ủy viên"}
#: R-GS-03: whom each member represents.
REPRESENTING: dict[str, str] = {
    "mttq": "Đại diện Ủy ban MTTQ phường",
    "bttnd": "Đại diện Ban Thanh tra nhân dân",
    "nhan_dan": "Đại diện Nhân dân",
}
#: R-GS-06: a member may have no relative among these parties of the project.
CONFLICT_PARTIES: dict[str, str] = {
    "nguoi_quyet_dinh_dau_tu": "người quyết định đầu tư",
    "chu_dau_tu": "chủ đầu tư hoặc người đại diện của chủ đầu tư",
    "tu_van_chu_dau_tu": "đơn vị tư vấn của chủ đầu tư",
    "nha_thau": "nhà thầu thi công",
    "tu_van_nha_thau": "tư vấn, giám sát của nhà thầu",
    "quan_ly_truc_tiep": "người trực tiếp quản lý dự án",
}
#: Relations a member may declare (kê khai): the conflicting ones, or another party.
RELATION_PARTIES: dict[str, str] = {**CONFLICT_PARTIES, "khac": "bên khác liên quan đến dự án"}

#: R-PA-09: the board receives reports directly or via the suggestion box.
REPORT_CHANNELS: dict[str, str] = {"truc_tiep": "Trực tiếp", "hom_thu": "Hòm thư góp ý"}
REPORT_STATES: dict[str, str] = {"moi": "Mới tiếp nhận", "da_xu_ly": "Đã xem xét, xử lý"}

RECOMMENDATION_KINDS: dict[str, str] = {
    "kien_nghi": "Kiến nghị xử lý",
    "tam_dung": "Kiến nghị tạm dừng đầu tư, thi công, vận hành (vi phạm nghiêm trọng)",  # R-GS-08
}
BOARD_STATES: dict[str, str] = {"active": "Đang giám sát", "dissolved": "Đã giải thể (kết thúc giám sát)"}
REPORT_KINDS: dict[str, str] = {"dinh_ky": "Báo cáo định kỳ", "dot_xuat": "Báo cáo theo yêu cầu"}


def content_items(funding: str) -> dict[str, str]:
    """R-GS-07: the checklist of a project, extended for community or commune money."""
    return {**BASE_CONTENT, **(EXTENDED_CONTENT if funding in EXTENDED_FUNDING else {})}


def request_items(funding: str) -> dict[str, str]:
    """R-GS-08: what the board may ask for, extended for community or commune money."""
    return {**BASE_REQUEST_ITEMS, **(EXTENDED_REQUEST_ITEMS if funding in EXTENDED_FUNDING else {})}


@attrs.frozen
class Project:
    """An investment programme or project (chương trình, dự án đầu tư) in the ward."""

    id: int
    code: str
    name: str
    investor: str
    management_unit: str
    funding: str
    location: str
    group_ids: tuple[int, ...]
    value_vnd: int
    start_on: dt.date | None
    end_on: dt.date | None
    decision_maker: str = ""
    consultant: str = ""
    contractor: str = ""
    contractor_supervisor: str = ""
    project_manager: str = ""
    description: str = ""
    created_at: dt.datetime | None = None

    @property
    def funding_label(self) -> str:
        return FUNDING.get(self.funding, self.funding)

    @property
    def in_scope(self) -> bool:
        """R-GS-02."""
        return self.funding in IN_SCOPE_FUNDING


@attrs.frozen
class Member:
    """A board member (thành viên Ban giám sát) and the relations he or she declared."""

    id: int
    board_id: int
    full_name: str
    board_role: str
    representing: str
    group_id: int | None = None
    person_id: int | None = None
    relations: tuple[dict[str, Any], ...] = ()
    joined_on: dt.date | None = None
    #: the day the membership ended (``None``: a current member)
    left_on: dt.date | None = None
    leave_note: str = ""

    @property
    def current(self) -> bool:
        return self.left_on is None

    @property
    def role_label(self) -> str:
        return BOARD_ROLES.get(self.board_role, self.board_role)

    @property
    def representing_label(self) -> str:
        return REPRESENTING.get(self.representing, self.representing)


@attrs.frozen
class Board:
    """A Ban Giám sát đầu tư của cộng đồng for one project (R-GS-01)."""

    id: int
    project_id: int
    decision_ref: str
    established_on: dt.date
    state: str
    #: the current members (R-GS-03 … R-GS-05 hold for them)
    members: tuple[Member, ...] = ()
    dissolved_on: dt.date | None = None
    dissolution_note: str = ""
    #: members whose membership ended, with ``left_on``
    former_members: tuple[Member, ...] = ()

    @property
    def state_label(self) -> str:
        return BOARD_STATES.get(self.state, self.state)

    @property
    def active(self) -> bool:
        return self.state == "active"


@attrs.frozen
class Plan:
    """A supervision plan (kế hoạch giám sát) and its notification to the investor (R-GS-09)."""

    id: int
    board_id: int
    title: str
    start_on: dt.date
    end_on: dt.date
    content: tuple[str, ...]
    activities: str = ""
    notified_on: dt.date | None = None
    notice_ref: str = ""
    notify_by: dt.date | None = None  # the last day of a timely notice
    notified_late: bool | None = None  # None while not notified


@attrs.frozen
class Check:
    """The result of one R-GS-07 content item of a board."""

    item: str
    label: str
    status: str
    finding: str = ""
    updated_at: dt.datetime | None = None

    @property
    def status_label(self) -> str:
        return CHECK_STATUSES.get(self.status, self.status)


@attrs.frozen
class Photo:
    id: int
    inspection_id: int
    filename: str
    content_type: str
    size: int
    caption: str = ""


@attrs.frozen
class Inspection:
    """An on-site inspection (kiểm tra, giám sát trực tiếp tại hiện trường)."""

    id: int
    board_id: int
    held_on: dt.date
    place: str
    findings: str
    participants: str = ""
    experts: tuple[str, ...] = ()
    serious_violation: bool = False
    photos: tuple[Photo, ...] = ()


@attrs.frozen
class InfoRequest:
    """An information request to the investor or an authority (R-GS-08)."""

    id: int
    board_id: int
    sent_on: dt.date
    addressee: str
    items: tuple[str, ...]
    note: str = ""
    answered_on: dt.date | None = None
    answer: str = ""


@attrs.frozen
class CitizenReport:
    """A resident's report about a project (phản ánh của Nhân dân, R-PA-09)."""

    id: int
    project_id: int
    board_id: int | None
    received_on: dt.date
    channel: str
    content: str
    state: str
    sender_name: str = ""
    sender_contact: str = ""
    result: str = ""
    handled_on: dt.date | None = None
    #: the sender's name and contact are withheld from this reader (outside the board's scope)
    identity_withheld: bool = False

    @property
    def channel_label(self) -> str:
        return REPORT_CHANNELS.get(self.channel, self.channel)


@attrs.frozen
class Recommendation:
    """A board recommendation to the UBND (kiến nghị) on the case engine (R-GS-10)."""

    id: int
    case_id: int
    number: str
    board_id: int
    kind: str
    content: str
    sent_on: dt.date
    state: str
    due_date: dt.date | None
    answer: str = ""
    answered_on: dt.date | None = None
    timeliness: str = ""  # on_time | early | late, once answered; "" while waiting
    document_id: int | None = None

    @property
    def kind_label(self) -> str:
        return RECOMMENDATION_KINDS.get(self.kind, self.kind)


@attrs.frozen
class BoardReport:
    """A report of the board to UB MTTQ (R-GS-12), issued as an official document."""

    id: int
    board_id: int
    kind: str
    period_start: dt.date
    period_end: dt.date
    document_id: int
    number_symbol: str = ""


@attrs.frozen
class Coverage:
    """In-scope projects under way in a period, with and without a board (plan III.2.3b:
    100 % of projects supervised)."""

    total: int
    with_board: int
    without_board: int
    share: float | None
    #: the first projects without a board
    missing: tuple[Project, ...] = ()


@attrs.frozen
class Alert:
    """Something to act on: a project without a board (R-GS-01), a late investor notice
    (R-GS-09), an answer past its date (R-GS-10)."""

    kind: str  # no_board | plan_notice | answer_overdue
    project_id: int | None
    message: str
    recommendation_id: int | None = None


# ---------------------------------------------------------------------------
# Inputs (checked by the services; the web forms structure into them)
# ---------------------------------------------------------------------------

@attrs.frozen
class Relation:
    """A relative a member declares (kê khai, R-GS-06)."""

    name: str = attrs.field(default="", metadata={"label": "Họ tên người thân"})
    relation: str = attrs.field(default="", metadata={"label": "Quan hệ"})
    party: str = attrs.field(default="", metadata={"label": "Là ai trong dự án"})


@attrs.frozen
class MemberInput:
    """A member proposed for a board (R-GS-03 … R-GS-06), as the services check it."""

    full_name: str = attrs.field(default="", metadata={"label": "Họ và tên"})
    board_role: str = attrs.field(default="uy_vien", metadata={"label": "Chức danh trong Ban"})
    representing: str = attrs.field(default="", metadata={"label": "Là đại diện của"})
    group_id: int | None = attrs.field(default=None, metadata={"label": "Tổ dân phố nơi cư trú"})
    person_id: int | None = attrs.field(default=None, metadata={"label": "Người dân trong sổ"})
    is_official: bool = attrs.field(default=False, metadata={"label": "Là cán bộ, công chức cấp xã"})
    relations: list[Relation] = attrs.field(factory=list, metadata={"label": "Người thân được kê khai"})
    joined_on: dt.date | None = attrs.field(default=None, metadata={"label": "Ngày tham gia"})


@attrs.frozen
class PhotoUpload:
    """A site photo as uploaded: checked by content and size before it is stored."""

    filename: str
    data: bytes
    content_type: str = ""
    caption: str = ""


@attrs.frozen
class SupervisedProject:
    """What the community is told about a project under supervision (plan III.2.3b): its
    board, plans, results, inspections, recommendations with the UBND's answers and how
    many residents' reports were received and handled. The public page and the
    announcement show only names and roles of members, never relations, phones, IDs,
    addresses or senders (R-DL-07)."""

    project: Project
    board: Board
    plans: tuple[Plan, ...]
    checks: tuple[Check, ...]
    inspections: tuple[Inspection, ...]
    recommendations: tuple[Recommendation, ...]
    reports_received: int
    reports_handled: int
