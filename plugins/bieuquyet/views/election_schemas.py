"""The JSON shape of the group-head election, dismissal and annual-meeting pages (staff
only: they name candidates and households). Keys are added, never renamed or removed."""
from __future__ import annotations

from typing import Any

import attrs

from thanthien.web.forms import Redirected

from ..services.dialogue import PeriodicMeeting
from ..services.elections import Dismissal, HeadElection

Choices = list[tuple[str, str]]


@attrs.frozen
class Option:
    id: int
    name: str


@attrs.frozen
class HouseholdChoice:
    """A household of the group and its counted choice so far ("" when none)."""

    id: int
    code: str
    choice: str = ""
    channel: str = ""


@attrs.frozen
class ElectionsPage:
    """Bầu, miễn nhiệm, bãi nhiệm Tổ trưởng tổ dân phố."""

    elections: list[HeadElection]
    dismissals: list[Dismissal]
    groups: list[Option]
    terms: Choices
    kinds: Choices
    triggers: Choices
    can_decide: bool
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class ElectionPage:
    """Một cuộc bầu Tổ trưởng: các mốc thời gian, người ứng cử, bỏ phiếu, công nhận."""

    election: HeadElection
    residents: list[Option]
    households: list[HouseholdChoice]
    options: Choices
    sources: Choices
    steps: Choices
    participated: int | None
    can_decide: bool


@attrs.frozen
class DismissalPage:
    """Một hồ sơ miễn nhiệm, bãi nhiệm Tổ trưởng."""

    dismissal: Dismissal
    residents: list[Option]
    households: list[HouseholdChoice]
    signed: list[int]
    participated: int | None
    can_decide: bool


@attrs.frozen
class ElectionRedirect(Redirected):
    election_id: int = 0


@attrs.frozen
class DismissalRedirect(Redirected):
    dismissal_id: int = 0


@attrs.frozen
class MeetingsPage:
    """Hội nghị định kỳ của cộng đồng dân cư và hội nghị đối thoại."""

    year: int
    meetings: list[PeriodicMeeting]
    groups_without_meeting: list[Option]
    dialogue_held: bool
    groups: list[Option]
    kinds: Choices
    can_decide: bool
    values: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen
class MeetingPage:
    """Một hội nghị: kế hoạch, thông báo, trình tự hội nghị, báo cáo kết quả."""

    meeting: PeriodicMeeting
    agenda: Choices


@attrs.frozen
class MeetingRedirect(Redirected):
    meeting_id: int = 0
