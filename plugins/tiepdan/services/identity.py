"""Identity protection (R-TC-09, R-TC-10, R-DL-09, R-DL-11, R-DL-14): who sees a matter's
content, the masked people of a matter, the logged reveal of their identity.

A matter is read by the holders of ``tiepdan.view`` over its unit and by its assigned
handler. A denunciation's content — its subject, its accused, its documents, its people —
is seen only by its handler and the Chủ tịch (core's ``cases.content_visible``); everyone
else sees "Đơn tố cáo" and its number. Every person's fields are masked on every page;
seeing them in full is a reveal with a reason, written to the audit log with the fields
seen (never their values) — and refused, and logged, for anyone else.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.models import to_type
from thanthien.core.types import Actor, Case

from ..models import PartyRow
from ..types import P_HANDLE, P_VIEW, PARTY_FIELDS, SECRET, Party, PartyInput, Visit
from .common import case_scope, clean

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

CONFIDENTIAL_REFUSAL = ("Chỉ người được giao xử lý và Chủ tịch UBND được thao tác trên hồ sơ này "
                        "(bảo vệ người tố cáo, R-TC-10).")


def can_view(core: CoreServices, actor: Actor | None, case: Case) -> bool:
    """May ``actor`` open the matter (its number, at least)? ``tiepdan.view`` over its unit, or its handler."""
    return core.access.can(actor, P_VIEW, case_scope(case))


def can_see_content(core: CoreServices, actor: Actor | None, case: Case) -> bool:
    """May ``actor`` see the matter's content? R-TC-10: a denunciation's, only its handler
    and the Chủ tịch (``core.cases.view_confidential``)."""
    return can_view(core, actor, case) and core.cases.content_visible(actor, case)


def require_content(core: CoreServices, actor: Actor | None, case: Case, permission: str = P_VIEW) -> None:
    """Refuse unless ``actor`` holds ``permission`` over the matter and may see its content."""
    core.access.require(actor, permission, case_scope(case))
    if not core.cases.content_visible(actor, case):
        raise PermissionDenied(CONFIDENTIAL_REFUSAL)


#: the longest value of each identity field
PARTY_LIMITS = {"full_name": 120, "address": 255, "phone": 20, "email": 255, "citizen_id": 12, "handwriting": 2000}


def party_errors(prefix: str, party: PartyInput, *, require_contact: bool) -> list[tuple[str, str]]:
    """What is wrong with a person's typed identity (R-TC-02, R-PA-03; R-DL-09: only these
    fields), each error named ``<prefix>.<field>``."""
    data = party.values()
    errors = []
    if not data["full_name"]:
        errors.append((f"{prefix}.full_name", "Vui lòng nhập họ và tên."))
    if require_contact and not data["address"]:
        errors.append((f"{prefix}.address", "Vui lòng nhập địa chỉ."))
    for key, n in PARTY_LIMITS.items():
        if len(data[key]) > n:
            errors.append((f"{prefix}.{key}", f"Nội dung dài quá {n} ký tự."))
    phone = data["phone"].replace(" ", "").replace(".", "")
    if phone and (not phone.lstrip("+").isdigit() or not 9 <= len(phone.lstrip("+")) <= 12):
        errors.append((f"{prefix}.phone", "Số điện thoại không hợp lệ."))
    cid = data["citizen_id"]
    if cid and (not cid.isdigit() or len(cid) not in (9, 12)):
        errors.append((f"{prefix}.citizen_id", "Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)."))
    email = data["email"]
    if email and ("@" not in email or " " in email):
        errors.append((f"{prefix}.email", "Địa chỉ thư điện tử không hợp lệ."))
    return errors


def entity_of(confidential: bool) -> str:
    """The privacy registry's entity of a party: a denouncer's fields are confidential."""
    return "tiepdan_denouncer" if confidential else "tiepdan_party"


def parties(core: CoreServices, case_id: int, *, actor: Actor | None) -> list[Party]:
    """The people of a matter, masked for everyone (R-DL-09): a denouncer's fields show
    not even a hint (R-TC-10); seeing them in full is :func:`reveal_identity`."""
    case = core.cases.get(case_id)
    core.access.require(actor, P_VIEW, case_scope(case))
    out = []
    for row in PartyRow.select().where(PartyRow.case == case_id).order_by(PartyRow.id):
        data = {k: getattr(row, k) for k in PARTY_FIELDS}
        view = core.privacy.masked_view(entity_of(row.confidential), data, set())
        if row.confidential:  # R-TC-10
            view = {k: (SECRET if v else "") for k, v in view.items()}
        out.append(Party(row.id, row.role, row.confidential, **view))
    return out


def reveal_identity(core: CoreServices, case_id: int, *, actor: Actor, reason: str) -> list[Party]:
    """Unmask the people of a matter for whoever handles it — a denunciation: only its
    handler and the Chủ tịch (R-TC-10). Each look is logged with its reason and the fields
    seen, never their values (R-DL-11); a refused look is logged too."""
    reason = clean(reason)
    if not reason:
        raise ValidationError([("reason", "Vui lòng ghi lý do xem thông tin người gửi đơn.")])
    case = core.cases.get(case_id)
    allowed = (actor is not None and actor.kind == "staff"
               and core.access.can(actor, P_HANDLE, case_scope(case)) and core.cases.content_visible(actor, case))
    if not allowed:
        audit.record("tiepdan.view_personal.denied", "case", case_id, actor=actor, reason=reason)
        raise PermissionDenied("Chỉ người được giao xử lý và Chủ tịch UBND được xem thông tin người tố cáo "
                               "(R-TC-10)." if case.confidential else "Bạn không có quyền xem thông tin người gửi đơn.")
    rows = list(PartyRow.select().where(PartyRow.case == case_id).order_by(PartyRow.id))
    audit.record("tiepdan.view_personal", "case", case_id, actor=actor, reason=reason,
                 after={"number": case.number, "parties": len(rows), "fields": list(PARTY_FIELDS),
                        "denouncer": case.confidential})
    return [to_type(Party, r) for r in rows]


def masked_visitors(core: CoreServices, visits: list[Visit]) -> dict[int, str]:
    """The first visitor's name of each register entry as the register shows it: masked
    (R-DL-09); a denunciation's visitor not at all (R-TC-10)."""
    ids = [v.id for v in visits]
    first: dict[int, PartyRow] = {}
    if ids:
        for row in PartyRow.select().where(PartyRow.visit.in_(ids)).order_by(PartyRow.id):
            first.setdefault(row.visit_id, row)
    out = {}
    for v in visits:
        row = first.get(v.id)
        if row is None:
            out[v.id] = ""
        elif v.confidential or row.confidential:
            out[v.id] = SECRET
        else:
            out[v.id] = core.privacy.masked_view("tiepdan_party", {"full_name": row.full_name}, set())["full_name"]
    return out
