"""Information requests (yêu cầu cung cấp thông tin — Luật Tiếp cận thông tin, R-TT-05 …
R-TT-11): intake, the timeline notice of a complex request, extension, provision,
refusal on a ground of Art. 28, the register (R-TT-07) and the printable forms (R-TT-06).

A request belongs to the unit of the officer who received it (its case's ``unit_id``).
Its handlers read it masked; reading the requester's personal fields in full — on the
page, in the register or on a printed form — needs ``congkhai.requests.view_personal``
over the request and is audit-logged (R-DL-11).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs
from thanthien.core import audit
from thanthien.core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from thanthien.core.models import CaseRow, to_type
from thanthien.core.privacy import mask
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor, Case

from ..casetypes import CASE_TYPE_BY_CHANNEL, CASE_TYPE_KEYS, CHANNEL_RULES
from ..models import InfoRequestRow
from ..types import (
    DELIVERY_FORMS,
    P_REQUESTS,
    P_REQUESTS_PERSONAL,
    REFUSAL_GROUNDS,
    REQUEST_CHANNELS,
    REQUEST_FORMS,
    InfoRequest,
    RequestFile,
    RequestLine,
)
from .common import home_unit, scoped, today_or

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

_ID_NO = re.compile(r"^(\d{9}|\d{12}|[A-Z]\d{7,8})$")
#: the audit action of a full read of a requester's personal fields
PERSONAL_READ = "congkhai.requests.view_personal"


def open_request(core: CoreServices, *, channel: str, requester_name: str, requester_id_no: str,
                 requester_address: str, info_requested: str, purpose: str, delivery_form: str,
                 complex: bool = False, requester_contact: str = "", organisation: str = "",
                 unit_id: int | None = None, actor: Actor, received_at: dt.datetime | None = None) -> Case:
    """Receive a request (Phiếu yêu cầu, R-TT-05) and enter it in the register (R-TT-07).
    It belongs to ``unit_id`` (default: the receiving officer's unit)."""
    unit_id = unit_id if unit_id is not None else home_unit(core, actor, P_REQUESTS)
    core.access.require(actor, P_REQUESTS, unit_id)
    errors: list[tuple[str, str]] = []
    if channel not in REQUEST_CHANNELS:
        errors.append(("channel", "Hình thức yêu cầu không hợp lệ (trực tiếp, qua mạng, qua bưu chính/fax)."))
    if not requester_name.strip():
        errors.append(("requester_name", "Vui lòng nhập họ và tên người yêu cầu."))
    if not requester_address.strip():
        errors.append(("requester_address", "Vui lòng nhập nơi cư trú của người yêu cầu."))
    id_no = requester_id_no.strip().upper()
    if not _ID_NO.match(id_no):
        errors.append(("requester_id_no", "Số định danh cá nhân/CCCD (12 chữ số), CMND (9 chữ số) hoặc số hộ "
                                          "chiếu không hợp lệ."))
    if not info_requested.strip():
        errors.append(("info_requested", "Vui lòng ghi rõ thông tin cần cung cấp (tên văn bản, hồ sơ, tài liệu)."))
    if not purpose.strip():
        errors.append(("purpose", "Vui lòng ghi rõ lý do, mục đích yêu cầu cung cấp thông tin."))
    if delivery_form not in DELIVERY_FORMS:
        errors.append(("delivery_form", "Vui lòng chọn hình thức nhận thông tin."))
    if errors:
        raise ValidationError(errors)
    received = received_at or now()
    rule_id = CHANNEL_RULES[channel]
    notice_due = None
    if complex and channel != "in_person":  # R-TT-09/10: notify the timeline first
        n = int(core.rules.value(f"{rule_id}.complex_notice_max_working_days", received))
        notice_due = core.calendar.add_working_days(received, n, None)

    def detail(case: Case) -> None:
        InfoRequestRow.create(case=case.id, channel=channel, complex=complex, requester_name=requester_name.strip(),
                              requester_id_no=id_no, requester_address=requester_address.strip(),
                              requester_contact=requester_contact.strip(), organisation=organisation.strip(),
                              info_requested=info_requested.strip(), purpose=purpose.strip(),
                              delivery_form=delivery_form, notice_due=notice_due)

    ct = CASE_TYPE_BY_CHANNEL[channel]
    return core.cases.open(ct.key, info_requested.strip()[:200], actor=actor, received_at=received, unit_id=unit_id,
                           data={"complex": bool(complex), "channel": channel}, on_opened=detail)


def request_detail(case_id: int) -> InfoRequest:
    """The detail of a request, unchecked and unmasked: for the module's own steps."""
    r = InfoRequestRow.get_or_none(InfoRequestRow.case == case_id)
    if r is None:
        raise NotFound(f"Không tìm thấy yêu cầu cung cấp thông tin số {case_id}.")
    return InfoRequest(r.case_id, r.channel, r.complex, r.requester_name, r.requester_id_no, r.requester_address,
                       r.requester_contact, r.organisation, r.info_requested, r.purpose, r.delivery_form,
                       r.notice_due, r.notified_on, r.provided_on, r.refusal_ground, tuple(r.previous_cases))


def _request(core: CoreServices, case_id: int, actor: Actor | None) -> tuple[Case, InfoRequest]:
    """The case and detail of a request the actor handles (404 when it is not one)."""
    d = request_detail(case_id)
    case = core.cases.get(case_id)
    core.access.require(actor, P_REQUESTS, core.cases.scope_of(case))
    return case, d


def masked(d: InfoRequest) -> InfoRequest:
    """The detail with the requester's personal fields masked."""
    return attrs.evolve(d, requester_name=mask("full_name", d.requester_name),
                        requester_id_no=mask("citizen_id", d.requester_id_no),
                        requester_address=mask("address", d.requester_address),
                        requester_contact=mask("contact", d.requester_contact))


def _read_personal(core: CoreServices, case: Case, actor: Actor | None, how: str) -> None:
    """Refuse a full read of the requester's fields without the permission over the
    request; record the one allowed (R-DL-11)."""
    core.access.require(actor, P_REQUESTS_PERSONAL, core.cases.scope_of(case),
                        message="Bạn không có quyền xem thông tin cá nhân của người yêu cầu.")
    audit.record(PERSONAL_READ, "congkhai_info_request", case.id, actor=actor,
                 after={"case": case.number, "read": how})


def view_request(core: CoreServices, case_id: int, *, actor: Actor | None, personal: bool = False,
                 today: dt.date | None = None) -> RequestFile:
    """A request as its handler sees it: the answer deadline with its rule (R-TT-08/09/10),
    the steps, the actions still open. The requester's personal data is masked unless
    ``personal`` — which needs the permission over the request and is audit-logged."""
    case, d = _request(core, case_id, actor)
    if personal:
        _read_personal(core, case, actor, "page")
    ct = core.cases.case_type(case.case_type)
    limit = ct.extension.max_count
    if not isinstance(limit, int):
        limit = int(core.rules.value(limit, case.received_at.date()))
    is_open = case.closed_at is None
    actions: list[str] = []
    if is_open and d.complex and case.state == "received":
        actions.append("notify")
    if is_open and d.complex and case.extensions < limit:
        actions.append("extend")
    if is_open:
        actions += ["provide", "refuse"]
    return RequestFile(case, d if personal else masked(d), ct.state(case.state).label, limit, tuple(actions),
                       tuple(core.cases.events(case_id)), personal)


def printable_request(core: CoreServices, case_id: int, form: str, *, actor: Actor | None) -> RequestFile:
    """A request for one of the NĐ 13/2018 forms (R-TT-06): the forms carry the
    requester's name, ID number and address, so printing one is a full read — the same
    permission as unmasking the request's page, and audit-logged."""
    if form not in REQUEST_FORMS:
        raise ValidationError([("form", "Mẫu không hợp lệ: " + ", ".join(REQUEST_FORMS) + ".")])
    case, d = _request(core, case_id, actor)
    _read_personal(core, case, actor, f"form {form}")
    ct = core.cases.case_type(case.case_type)
    return RequestFile(case, d, ct.state(case.state).label, 0, (), tuple(core.cases.events(case_id)), True)


def notify_timeline(core: CoreServices, case_id: int, *, actor: Actor, note: str = "",
                    at: dt.datetime | None = None) -> Case:
    """R-TT-09/10: tell the requester of a complex request when it will be answered."""
    _, d = _request(core, case_id, actor)
    if not d.complex:
        raise IllegalTransition("Chỉ thông báo thời hạn cho yêu cầu phức tạp.")
    when = at or now()
    with write_transaction():
        case = core.cases.transition(case_id, "notify", actor=actor, note=note, at=when)
        InfoRequestRow.update(notified_on=when.date()).where(InfoRequestRow.case == case_id).execute()
    return case


def provide_information(core: CoreServices, case_id: int, *, actor: Actor, note: str = "",
                        at: dt.datetime | None = None) -> Case:
    """The information was provided (read at the office, copy, email, post, fax)."""
    _request(core, case_id, actor)
    when = at or now()
    with write_transaction():
        case = core.cases.transition(case_id, "provide", actor=actor, note=note, at=when, outcome="provided")
        InfoRequestRow.update(provided_on=when.date()).where(InfoRequestRow.case == case_id).execute()
    return case


def refuse_request(core: CoreServices, case_id: int, *, ground: str, reason: str, previous_cases: tuple[str, ...] = (),
                   actor: Actor, at: dt.datetime | None = None) -> Case:
    """R-TT-11: refuse only on a ground of Art. 28, in writing with reasons (Mẫu 05)."""
    case, d = _request(core, case_id, actor)
    errors: list[tuple[str, str]] = []
    if ground not in REFUSAL_GROUNDS:
        errors.append(("ground", "Chỉ được từ chối theo một trong các trường hợp của Điều 28 Luật Tiếp cận "
                                 "thông tin."))
    if not reason.strip():
        errors.append(("reason", "Vui lòng nêu rõ lý do từ chối."))
    prev = tuple(dict.fromkeys(p.strip() for p in previous_cases if p.strip()))
    if ground == "da_cung_cap_hai_lan":
        # R-TT-11: "already provided twice" needs that many requests of the same person provided
        times = int(core.rules.value("R-TT-11.max_times_provided", case.received_at))
        ok = []
        for number in prev:
            other = core.cases.by_number(number)
            if other is None or other.state != "provided" or other.id == case_id:
                continue
            od = InfoRequestRow.get_or_none(InfoRequestRow.case == other.id)
            if od is not None and od.requester_id_no == d.requester_id_no:
                ok.append(number)
        if len(ok) < times:
            errors.append(("previous_cases", f"Chỉ được từ chối vì đã cung cấp khi có ít nhất {times} yêu cầu "
                                             f"đã cung cấp cho chính người này; mới xác định được {len(ok)}."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        case = core.cases.transition(case_id, "refuse", actor=actor, at=at,
                                     note=f"{REFUSAL_GROUNDS[ground]}. {reason.strip()}", outcome="refused")
        InfoRequestRow.update(refusal_ground=ground, previous_cases=list(prev)).where(
            InfoRequestRow.case == case_id).execute()
    return case


def extend_request(core: CoreServices, case_id: int, *, reason: str, actor: Actor,
                   at: dt.datetime | None = None) -> Case:
    """R-TT-08/09/10: only a complex request may be extended, once, with written notice (Mẫu 04)."""
    _, d = _request(core, case_id, actor)
    if not d.complex:
        raise IllegalTransition("Yêu cầu đơn giản không được gia hạn.")
    return core.cases.extend(case_id, actor=actor, note=reason, at=at)


def request_register(core: CoreServices, year: int, *, actor: Actor | None, personal: bool = False,
                     today: dt.date | None = None) -> list[RequestLine]:
    """R-TT-07: Sổ theo dõi cung cấp thông tin theo yêu cầu for ``year``: the requests of
    the actor's units (``congkhai.requests.handle``).

    Requester names and ID numbers are masked; with ``personal`` they are shown for the
    requests whose unit the actor reaches with ``congkhai.requests.view_personal`` (refused
    when none), and the read is audit-logged (R-DL-11).
    """
    today = today_or(today)
    full = core.access.units_for(actor, P_REQUESTS_PERSONAL) if personal else set()
    if personal and full is not None and not full:
        raise PermissionDenied("Bạn không có quyền xem thông tin cá nhân của người yêu cầu.")
    q = (CaseRow.select(CaseRow, InfoRequestRow).join(InfoRequestRow, on=(InfoRequestRow.case == CaseRow.id))
         .where(CaseRow.year == year, CaseRow.case_type.in_(CASE_TYPE_KEYS)))
    q = scoped(q, CaseRow.unit, core.access.units_for(actor, P_REQUESTS)).order_by(CaseRow.seq)
    out = []
    shown = 0
    for row in q:
        case = to_type(Case, row)
        d = row.inforequestrow
        show = full is None or (case.unit_id is not None and case.unit_id in full)
        shown += show
        state = core.cases.case_type(case.case_type).state(case.state).label
        out.append(RequestLine(
            case_id=case.id, number=case.number, received_on=format_date(case.received_at),
            channel=REQUEST_CHANNELS[d.channel], complex=d.complex,
            requester_name=d.requester_name if show else mask("full_name", d.requester_name),
            requester_id_no=d.requester_id_no if show else mask("citizen_id", d.requester_id_no),
            info_requested=d.info_requested, due_date=format_date(case.due_date),
            notice_due=format_date(d.notice_due), notified_on=format_date(d.notified_on),
            state=state, closed_on=format_date(case.closed_at),
            refusal_ground=REFUSAL_GROUNDS.get(d.refusal_ground, ""),
            timeliness=case.timeliness(today), extensions=case.extensions, unit_id=case.unit_id))
    if shown:
        audit.record(PERSONAL_READ, "congkhai_info_request", str(year), actor=actor,
                     after={"rows": shown, "read": "register"})
    return out
