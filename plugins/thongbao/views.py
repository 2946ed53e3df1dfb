"""Staff pages of the thongbao module, mounted under ``/thongbao`` (each with its ``.json`` twin).

The outbox (hộp thư đi) with filters and delivery status, one message with its attempts and
the resend button, the channels with "send a test message", a person's consent per category
and the print list. Addresses are shown masked; one-time codes never.
"""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core import outbox
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import PersonRow
from thanthien.web.forms import NoFields, Redirected, structure
from thanthien.web.render import paginate, redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, query_date, query_text
from thanthien.web.routing import page

from . import services
from .forms import ConsentForm, TestMessageForm
from .schemas import ChannelsPage, ConsentPage, MessagePage, OutboxPage, PrintListPage
from .services import outboxes
from .types import CATEGORIES, CHANNEL_LABELS, CONSENT_SOURCES, P_CONSENT, P_MANAGE, P_VIEW

BASE = "/thongbao"
HOME = ("Tin nhắn", f"{BASE}/")
PER_PAGE = 50


def _choice(request: Request, name: str, allowed) -> str:
    value = query_text(request, name)
    if value and value not in allowed:
        raise ValidationError([(name, "Giá trị không hợp lệ.")])
    return value


def _row(row: outbox.OutboxRow) -> dict:
    data = outbox.as_dict(row)
    data["channel_label"] = CHANNEL_LABELS.get(row.channel, row.channel)
    return data


def index(request: Request, form) -> Response:
    """Hộp thư đi: tin nhắn và trạng thái gửi."""
    state = _choice(request, "trang_thai", outbox.STATES)
    channel = _choice(request, "kenh", CHANNEL_LABELS)
    kind = query_text(request, "loai", max_length=64)
    start, end = query_date(request, "tu"), query_date(request, "den")
    if start and end and start > end:
        raise ValidationError([("den", "Ngày kết thúc phải sau ngày bắt đầu.")])
    pager = paginate(request, PER_PAGE)
    rows = outboxes.search(state=state or None, channel=channel or None, kind=kind or None, start=start, end=end,
                           limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    counts: dict[str, int] = {}
    for (_, st), n in outbox.counts_by_state().items():  # the rollup kept on every write
        counts[st] = counts.get(st, 0) + n
    data = OutboxPage([_row(r) for r in rows], state, channel, kind, start.isoformat() if start else "",
                      end.isoformat() if end else "", counts, pager.number, pager.has_next)
    return respond(request, "thongbao/outbox.html", data, breadcrumbs=[(HOME[0], None)],
                   context={"pager": pager, "states": outbox.STATES, "channel_labels": CHANNEL_LABELS,
                            "can_manage": can(request, P_MANAGE, ANYWHERE)})


def message_detail(request: Request, form) -> Response:
    """Một tin nhắn và các lần gửi."""
    row = outboxes.get(path_id(request))
    can_resend = (can(request, P_MANAGE, ANYWHERE) and not row.secret
                  and row.state in ("failed", "unconfirmed", "sent", "cancelled"))
    data = MessagePage(_row(row), outboxes.attempts(row.id), can_resend)
    return respond(request, "thongbao/message.html", data, breadcrumbs=[HOME, (f"Tin số {row.id}", None)])


def message_resend(request: Request, form) -> Response:
    """Gửi lại một tin nhắn (một bản mới, ghi nhật ký)."""
    structure(form, NoFields)
    copy = outboxes.resend(path_id(request), actor=actor_of(request))
    return redirect(request, f"{BASE}/tin/{copy.id}", "Đã đưa tin nhắn vào hàng đợi để gửi lại.",
                    data={"message_id": copy.id})


def channels_page(request: Request, form) -> Response:
    """Các kênh gửi tin và gửi tin thử."""
    core = core_of(request)
    rows = [{"key": ch.key, "label": ch.label, "configured": ch.configured(),
             "address": {"email": "Thư điện tử", "phone": "Số điện thoại"}.get(ch.address, "Không cần địa chỉ")}
            for ch in services.channels(core).values()]
    return respond(request, "thongbao/channels.html", ChannelsPage(rows), breadcrumbs=[HOME, ("Kênh gửi", None)],
                   context={"can_manage": can(request, P_MANAGE, ANYWHERE)})


def send_test(request: Request, form) -> Response:
    """Gửi một tin thử qua một kênh ngay bây giờ."""
    data = structure(form, TestMessageForm)
    ok, detail = outboxes.send_test(core_of(request), data.channel, data.to, actor=actor_of(request))
    if not ok:
        raise ValidationError([("to", detail)])
    return redirect(request, f"{BASE}/kenh", detail)


def _person(person_id: int) -> PersonRow:
    person = PersonRow.get_or_none(PersonRow.id == person_id)
    if person is None:
        raise NotFound("Không tìm thấy người dân.")
    return person


def consent_page(request: Request, form) -> Response:
    """Sự đồng ý nhận tin của một người dân."""
    person = _person(path_id(request))
    info = {"id": person.id, "full_name": person.full_name, "email": outbox.mask_address(person.email or ""),
            "phone": outbox.mask_address(person.phone or ""), "is_staff": person.is_staff}
    consents = list(services.consents(person.id).values())
    messages = [_row(r) for r in outboxes.search(person_id=person.id, limit=20)]
    return respond(request, "thongbao/consent.html", ConsentPage(info, consents, messages),
                   breadcrumbs=[HOME, (f"Đồng ý nhận tin: {person.full_name}", None)],
                   context={"categories": CATEGORIES, "sources": CONSENT_SOURCES})


def consent_record(request: Request, form) -> Response:
    """Ghi nhận đồng ý hoặc rút lại đồng ý nhận một loại tin."""
    person = _person(path_id(request))
    data = structure(form, ConsentForm)
    granted = data.decision == "dong-y"
    services.set_consent(person.id, data.category, granted, actor=actor_of(request), source=data.source,
                         note=data.note)
    message = ("Đã ghi nhận sự đồng ý nhận tin." if granted
               else "Đã ghi nhận việc rút lại đồng ý; sẽ không gửi loại tin này.")
    return redirect(request, f"{BASE}/nguoi-dan/{person.id}/dong-y", message)


def print_list(request: Request, form) -> Response:
    """Danh sách tin để trao tay hoặc đọc trên loa, theo ngày."""
    day = query_date(request, "ngay") or dt.date.today()
    rows = outboxes.search(channel="print", start=day, end=day, limit=500)
    names = {p.id: p.full_name for p in services.for_people({r.person_id for r in rows if r.person_id})}
    messages = []
    for r in rows:
        item = _row(r)
        item["person_name"] = names.get(r.person_id, "")
        messages.append(item)
    return respond(request, "thongbao/print_list.html", PrintListPage(messages, day.isoformat()),
                   breadcrumbs=[HOME, ("Danh sách in", None)])


def routes() -> list:
    post = ("POST",)
    small = 16 * 1024
    return [
        *page("/", index, permission=P_VIEW, schema=OutboxPage),
        *page("/tin/{id:int}", message_detail, permission=P_VIEW, schema=MessagePage),
        *page("/tin/{id:int}/gui-lai", message_resend, permission=P_MANAGE, methods=post, body=NoFields,
              max_body=small, schema=Redirected, error_page=message_detail),
        *page("/kenh", channels_page, permission=P_VIEW, schema=ChannelsPage),
        *page("/kenh/gui-thu", send_test, permission=P_MANAGE, methods=post, body=TestMessageForm, max_body=small,
              schema=Redirected, error_page=channels_page),
        *page("/nguoi-dan/{id:int}/dong-y", consent_page, permission=P_CONSENT, schema=ConsentPage),
        *page("/nguoi-dan/{id:int}/dong-y/ghi-nhan", consent_record, permission=P_CONSENT, methods=post,
              body=ConsentForm, max_body=small, schema=Redirected, error_page=consent_page),
        *page("/danh-sach-in", print_list, permission=P_VIEW, schema=PrintListPage),
    ]
