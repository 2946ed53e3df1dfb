"""Matters residents decide (Luật DCCS Art. 15–17): kinds, allowed forms, proposers.

:func:`allowed_forms` is the one place that says which form a matter may use:

* online only for the kinds of ``R-BQ-08.online_allowed_kinds`` (k.6);
* a community meeting for ``R-BQ-07.meeting_required_kinds`` (k.3–k.5) — a household
  ballot only as the fallback after a failed meeting (R-BQ-17(b), R-BQ-37);
* a household ballot from the start when the Chủ tịch UBND chooses it for a ward-wide
  matter (R-BQ-17(a)) or for a group's k.6 matter with the Front's agreement (R-BQ-17(c)).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import COMMUNITY_UNIT_KINDS, SYSTEM_ACTOR, Actor

from ..models import MatterRow
from ..types import FORMS, MATTER_KIND_KEYS, MATTER_KINDS, PLUGIN, SCOPES

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

ENTITY = f"{PLUGIN}.matter"

#: matter states (trạng thái) and their Vietnamese names
STATES = {
    "draft": "Đang chuẩn bị",
    "notified": "Đã thông báo",
    "voting": "Đang biểu quyết",
    "passed": "Được thông qua",
    "failed": "Không được thông qua",
    "forwarded": "Đã gửi UBND, UB MTTQ phường",
    "recognised": "Đã được công nhận",
    "refused": "Không được công nhận",
    "annulled": "Đã bị hủy bỏ",
    "withdrawn": "Đã rút",
}
#: kinds that may be decided ward-wide (k.1–k.2 by R-BQ-30; k.6 by a ward ballot, R-BQ-17(a))
WARD_KINDS = (1, 2, 6)


@attrs.frozen
class Matter:
    id: int
    kind: int
    kind_key: str
    kind_name: str
    title: str
    content: str
    scope: str
    unit_id: int | None
    unit_name: str
    form: str
    form_name: str
    state: str
    state_name: str
    proposer_name: str
    agreed_with: str
    agreed_on: dt.date | None
    vote_id: int | None
    fallback_vote_id: int | None
    decided_on: dt.date | None
    forward_due: dt.date | None
    forwarded_on: dt.date | None
    recognition_due: dt.date | None
    recognised_on: dt.date | None
    refused_on: dt.date | None
    refusal_reason: str
    annulled_on: dt.date | None
    annul_reason: str
    effective_on: dt.date | None
    created_at: dt.datetime


def to_matter(row: MatterRow, unit_names: dict[int, str] | None = None) -> Matter:
    """The matter of ``row``; ``unit_names`` (id → name), when given, spares a query per row."""
    if unit_names is not None:
        unit_name = unit_names.get(row.unit_id, "") if row.unit_id else ""
    else:
        unit = UnitRow.get_or_none(UnitRow.id == row.unit_id) if row.unit_id else None
        unit_name = unit.name if unit else ""
    return Matter(row.id, row.kind, MATTER_KIND_KEYS[row.kind], MATTER_KINDS[row.kind], row.title, row.content,
                  row.scope, row.unit_id, unit_name or "Toàn phường", row.form, FORMS[row.form],
                  row.state, STATES[row.state], row.proposer_name, row.agreed_with, row.agreed_on, row.vote_id,
                  row.fallback_vote_id, row.decided_on, row.forward_due, row.forwarded_on, row.recognition_due,
                  row.recognised_on, row.refused_on, row.refusal_reason, row.annulled_on, row.annul_reason,
                  row.effective_on, row.created_at)


def allowed_forms(core: CoreServices, kind: int, scope: str, on: dt.date, *, fallback: bool = False) -> list[str]:
    """The forms a matter of ``kind`` and ``scope`` may use on ``on`` (R-BQ-06…08, R-BQ-17).
    ``fallback``: the household ballot after a failed meeting (R-BQ-17(b))."""
    rules = core.rules
    if kind not in MATTER_KINDS:
        return []
    meeting_only = kind in rules.value("R-BQ-07.meeting_required_kinds", on=on)  # R-BQ-07
    online_ok = kind in rules.value("R-BQ-08.online_allowed_kinds", on=on)  # R-BQ-08
    forms = ["meeting"]
    if fallback or (not meeting_only and (scope == "ward" or kind == 6)):  # R-BQ-17(a)–(c)
        forms.append("ballot")
    if online_ok and scope == "group" and not fallback:
        forms.append("online")
    return forms


def form_error(core: CoreServices, kind: int, scope: str, form: str, on: dt.date) -> str | None:
    """Why ``form`` is not allowed for the matter (a Vietnamese sentence), or None."""
    if form in allowed_forms(core, kind, scope, on):
        return None
    if form == "online":
        return ("Biểu quyết trực tuyến chỉ áp dụng cho các công việc tự quản khác trong cộng đồng dân cư "
                "của một tổ dân phố.")
    if form == "ballot":
        if kind in core.rules.value("R-BQ-07.meeting_required_kinds", on=on):
            return ("Nội dung này phải quyết định tại cuộc họp cộng đồng dân cư; chỉ phát phiếu lấy ý kiến "
                    "khi cuộc họp không đủ số đại diện hộ gia đình.")
        return ("Phát phiếu lấy ý kiến hộ gia đình từ đầu chỉ áp dụng cho nội dung toàn phường do Chủ tịch UBND "
                "quyết định hoặc công việc tự quản khác của tổ dân phố.")
    return "Hình thức không hợp lệ."


def create(core: CoreServices, *, kind: int, title: str, content: str = "", scope: str = "group",
           unit_id: int | None = None, form: str = "meeting", proposer_name: str = "", agreed_with: str = "",
           agreed_on: dt.date | None = None, initiative_id: int | None = None, actor: Actor = SYSTEM_ACTOR,
           at: dt.datetime | None = None) -> Matter:
    """Record a matter with its form, after the agreement R-BQ-02 (ward) / R-BQ-03 (group)
    requires — or from a citizen initiative with enough consents (R-BQ-04)."""
    at = at or now()
    errors = []
    if kind not in MATTER_KINDS:
        errors.append(("kind", "Vui lòng chọn loại nội dung."))
    if not title.strip():
        errors.append(("title", "Vui lòng nhập tên nội dung."))
    if scope not in SCOPES:
        errors.append(("scope", "Phạm vi không hợp lệ."))
    elif scope == "ward" and kind in MATTER_KINDS and kind not in WARD_KINDS:
        errors.append(("scope", "Nội dung này chỉ quyết định trong từng tổ dân phố."))
    if scope == "group":
        unit = UnitRow.get_or_none(UnitRow.id == unit_id) if unit_id else None
        if unit is None or unit.kind not in COMMUNITY_UNIT_KINDS:
            errors.append(("unit_id", "Vui lòng chọn tổ dân phố."))
    elif unit_id is not None:
        errors.append(("unit_id", "Nội dung toàn phường không thuộc riêng một tổ dân phố."))
    if form not in FORMS:
        errors.append(("form", "Vui lòng chọn hình thức."))
    elif kind in MATTER_KINDS and scope in SCOPES:
        why = form_error(core, kind, scope, form, at.date())
        if why:
            errors.append(("form", why))
    # R-BQ-02 (ward: the Chủ tịch UBND agrees with the Chủ tịch UB MTTQ), R-BQ-03 (group: the
    # group head agrees with the Trưởng ban công tác Mặt trận); an initiative carries its own basis
    if initiative_id is None and not agreed_with.strip():
        errors.append(("agreed_with", "Vui lòng ghi người đã thống nhất (Chủ tịch Ủy ban MTTQ phường hoặc "
                                      "Trưởng ban công tác Mặt trận)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = MatterRow.create(kind=kind, title=title.strip(), content=content.strip(), scope=scope,
                               unit_id=unit_id if scope == "group" else None, form=form,
                               proposer_name=proposer_name.strip() or actor.name, agreed_with=agreed_with.strip(),
                               agreed_on=agreed_on, initiative_id=initiative_id, created_at=at,
                               created_by_id=actor.person_id)
        audit.record("matter_created", ENTITY, row.id, actor=actor,
                     after={"kind": kind, "title": row.title, "scope": scope, "unit_id": row.unit_id, "form": form})
    return to_matter(row)


def get_row(matter_id: int) -> MatterRow:
    row = MatterRow.get_or_none(MatterRow.id == matter_id)
    if row is None:
        raise NotFound("Không tìm thấy nội dung biểu quyết.")
    return row


def get(core: CoreServices, matter_id: int) -> Matter:
    return to_matter(get_row(matter_id))


def set_state(row: MatterRow, state: str, *, actor: Actor, action: str, reason: str = "", **changes) -> None:
    """Move a matter to ``state`` (recorded)."""
    before = {"state": row.state, **{k: getattr(row, k) for k in changes}}
    row.state = state
    for key, value in changes.items():
        setattr(row, key, value)
    row.save()
    audit.record(action, ENTITY, row.id, actor=actor, before=before,
                 after={"state": state, **changes}, reason=reason)


def listing(core: CoreServices, *, unit_ids: set[int] | None = None, state: str | None = None,
            public: bool = False, limit: int = 50, offset: int = 0) -> list[Matter]:
    """Matters, newest first; ``unit_ids`` limits to groups (ward-wide matters always show);
    ``public`` hides drafts."""
    q = MatterRow.select().order_by(MatterRow.created_at.desc(), MatterRow.id.desc())
    if unit_ids is not None:
        q = q.where(MatterRow.unit_id.in_(list(unit_ids)) | MatterRow.unit_id.is_null())
    if state:
        q = q.where(MatterRow.state == state)
    if public:
        q = q.where(MatterRow.state.not_in(["draft", "withdrawn"]))
    rows = list(q.limit(limit).offset(offset))
    ids = sorted({r.unit_id for r in rows if r.unit_id})
    names = {u.id: u.name for u in UnitRow.select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(ids))} if ids else {}
    return [to_matter(r, names) for r in rows]  # one query for the groups' names (issue 16: no N+1)
