"""The JSON shape of every bieuquyet page (``page(..., schema=…)``): typed view models.

Public models carry only aggregates: no household, representative or code (R-BQ-25's
"not linkable"). Keys are added, never renamed or removed.
"""
from __future__ import annotations

import datetime as dt

import attrs

from .services.ballots import BallotRound
from .services.initiatives import ConsentStatus, Initiative
from .services.matters import Matter
from .services.meetings import DeliveryStatus, Meeting, RosterLine
from .services.online import OnlineRound


@attrs.frozen
class PublicMatter:
    """A matter as the public sees it."""

    id: int
    kind: int
    kind_name: str
    title: str
    content: str
    scope: str
    unit_name: str
    form: str
    form_name: str
    state: str
    state_name: str
    result_url: str

    @classmethod
    def of(cls, m: Matter) -> PublicMatter:
        return cls(m.id, m.kind, m.kind_name, m.title, m.content, m.scope, m.unit_name, m.form, m.form_name,
                   m.state, m.state_name, f"/bieuquyet/ket-qua/{m.id}")


@attrs.frozen
class PublicMattersPage:
    """Nhân dân bàn và quyết định: các nội dung đã và đang biểu quyết."""

    matters: list[PublicMatter]
    page: int
    has_next: bool


@attrs.frozen
class DeskPage:
    """Bàn và quyết định: nội dung biểu quyết của các tổ dân phố mình phụ trách."""

    matters: list[Matter]
    state: str
    page: int
    has_next: bool


@attrs.frozen
class PublicCount:
    """One counted round (meeting, ballot or online vote): aggregates only."""

    form: str
    form_name: str
    state: str
    threshold: str
    rule_id: str
    households_total: int
    participated: int
    counts: dict[str, int]
    option_labels: dict[str, str]
    passed: bool | None
    groups_total: int
    groups_approved: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None


@attrs.frozen
class PublicShares:
    total: int
    informed: int
    represented: int
    voted: int
    informed_pct: float | None
    represented_pct: float | None
    voted_pct: float | None

    @classmethod
    def of(cls, s) -> PublicShares:
        return cls(s.total, s.informed, s.represented, s.voted, s.informed_pct, s.represented_pct, s.voted_pct)


@attrs.frozen
class ResultPage:
    """Kết quả Nhân dân bàn và quyết định một nội dung."""

    matter: PublicMatter
    decided_on: dt.date | None
    effective_on: dt.date | None
    recognised_on: dt.date | None
    refusal_reason: str
    annul_reason: str
    rounds: list[PublicCount]
    participation: PublicShares
    online_vote_url: str | None


@attrs.frozen
class GroupParticipation:
    group_name: str
    matters: int
    shares: PublicShares


@attrs.frozen
class MatterParticipation:
    """One matter's participation shares (counts only, no household named)."""

    matter_id: int
    title: str
    unit_name: str
    state_name: str
    result_url: str
    shares: PublicShares


@attrs.frozen
class ParticipationPage:
    """Mức độ tham gia của Nhân dân: được thông tin, có đại diện, đã biểu quyết.

    A page of matters, newest first (keyset pagination: ``?sau=`` the older page after
    ``next_after``, ``?truoc=`` the newer page before ``previous_before``); ``groups`` and
    ``overall`` add up the matters of the page."""

    start: dt.date | None
    end: dt.date | None
    targets: dict[str, int]
    overall: PublicShares
    groups: list[GroupParticipation]
    matters: list[MatterParticipation] = attrs.Factory(list)
    page: int = 1
    has_next: bool = False
    #: where the next (older) page starts (``?sau=``), empty on the last page
    next_after: str = ""
    #: where the previous (newer) page ends (``?truoc=``), empty on the first page
    previous_before: str = ""


@attrs.frozen
class CastPage:
    """Biểu quyết trực tuyến: nhập mã của hộ gia đình và chọn ý kiến."""

    matter: PublicMatter
    open: bool
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    options: dict[str, str]


@attrs.frozen
class MatterPage:
    """Một nội dung: hình thức, cuộc họp, phiếu, biểu quyết trực tuyến, thời hạn."""

    matter: Matter
    meetings: list[Meeting]
    ballots: list[BallotRound]
    online: OnlineRound | None
    participation: PublicShares
    result: PublicCount | None


@attrs.frozen
class MatterFormPage:
    """Tạo nội dung đưa ra Nhân dân bàn và quyết định."""

    kinds: dict[int, str]
    forms: dict[str, str]
    allowed: dict[int, list[str]]


@attrs.frozen
class MeetingPage:
    """Cuộc họp cộng đồng dân cư: điểm danh, biểu quyết từng hộ, biên bản."""

    meeting: Meeting
    matter: Matter | None
    roster: list[RosterLine]
    delivery: DeliveryStatus
    notice_deadline: dt.date
    options: dict[str, str]


@attrs.frozen
class SheetSlip:
    """One household's slip of the printed code sheet (shown once, never stored in clear)."""

    household_code: str
    head_name: str
    address: str
    group_name: str
    code: str
    expires_at: dt.datetime


@attrs.frozen
class CodeSheetPage:
    """Phiếu mã của các hộ gia đình (in, cắt, phát cho từng hộ; chỉ hiện một lần)."""

    matter: Matter
    purpose_name: str
    link: str
    slips: list[SheetSlip]
    sent: int


@attrs.frozen
class InitiativesPage:
    """Sáng kiến của công dân: số hộ đồng ý còn hiệu lực."""

    initiatives: list[Initiative]


@attrs.frozen
class InitiativePage:
    """Một sáng kiến: hộ đồng ý (còn hiệu lực 03 tháng), đưa ra cộng đồng."""

    initiative: Initiative
    status: ConsentStatus
    households: list[RosterLine]
    kinds: dict[int, str]
    forms: dict[str, str]
