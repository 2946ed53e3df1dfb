"""Domain types of the bieuquyet module (Nhân dân bàn và quyết định — plan III.2.2).

Keys are the glossary's (``docs/glossary.md``). Matter kinds are the six of Luật DCCS
Art. 15 (R-BQ-01, DOMAIN table 3.2.1); forms are the three of R-BQ-06.
"""
from __future__ import annotations

import datetime as dt

import attrs

#: the plugin name (URL prefix, table prefix, settings section, CLI command)
PLUGIN = "bieuquyet"

#: permissions (quyền)
P_VIEW = "bieuquyet.view"  # see matters, meetings, ballots and the participation of a group
P_MANAGE = "bieuquyet.manage"  # organise meetings, ballots, online votes; record attendance and choices
P_DECIDE = "bieuquyet.decide"  # the Chủ tịch UBND: agree to ward-wide matters, recognise, refuse, annul
P_CODES = "bieuquyet.codes"  # issue and print one-time codes

#: the ward's leaders (R-BQ-02, R-BQ-36, R-BQ-38)
LEADERS = ("chairperson", "vice_chairperson")
#: roles that organise community decisions in their residential group
ORGANISERS = ("chairperson", "vice_chairperson", "department_officer", "group_head")

#: Matter kinds (nội dung Nhân dân bàn và quyết định), Luật DCCS Art. 15 (R-BQ-01).
MATTER_KINDS = {
    1: "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng",
    2: "Thu, chi, quản lý các khoản đóng góp, kinh phí, tài sản do cộng đồng dân cư quản lý",
    3: "Nội dung hương ước, quy ước",
    4: "Bầu, cho thôi làm Tổ trưởng tổ dân phố",
    5: "Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
    6: "Các công việc tự quản khác trong cộng đồng dân cư",
}
#: the DOMAIN key of each kind (JSON ``kind_key``)
MATTER_KIND_KEYS = {1: "dong_gop_ha_tang", 2: "thu_chi_cong_dong", 3: "huong_uoc", 4: "bau_truong_thon",
                    5: "bau_bttnd_bgs", 6: "tu_quan_khac"}

#: Forms (hình thức), R-BQ-06.
FORMS = {
    "meeting": "Họp cộng đồng dân cư",
    "ballot": "Phát phiếu lấy ý kiến hộ gia đình",
    "online": "Biểu quyết trực tuyến",
}

#: Scope of a matter: one residential group, or the whole ward (k.1–k.2 ward-wide, R-BQ-30).
SCOPES = {"group": "Trong tổ dân phố", "ward": "Toàn phường"}

#: Channels the notice of a meeting goes out by (R-BQ-12).
NOTICE_CHANNELS = {
    "invitation": "Giấy mời",
    "direct": "Thông báo trực tiếp",
    "loudspeaker": "Loa truyền thanh",
    "phone": "Điện thoại",
    "social": "Mạng xã hội",
}

#: One-time code purposes (mục đích mã dùng một lần): ``<purpose>:<id>``.
CODE_PURPOSES = {
    "vote": "Biểu quyết trực tuyến",
    "ballot": "Phiếu lấy ý kiến hộ gia đình",
    "consultation": "Góp ý trực tuyến",
}


@attrs.frozen
class IssuedCode:
    """A one-time code just issued: the clear code exists only in this object (for the
    printed sheet or the message); the database keeps a keyed hash."""

    id: int
    purpose: str
    code: str
    household_id: int | None
    person_id: int | None
    expires_at: dt.datetime


@attrs.frozen
class CodeHolder:
    """Whom a verified code belongs to (never shown on a public page)."""

    id: int
    purpose: str
    household_id: int | None
    person_id: int | None
    used_at: dt.datetime | None
