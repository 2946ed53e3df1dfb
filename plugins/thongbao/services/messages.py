"""Who gets which message on which channel: templates, consent, quiet hours, the outbox.

Everything here runs inside the transaction of the change that causes the message (an
event hook or ``message_requested``), so the outbox row commits or rolls back with it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from thanthien.core import outbox
from thanthien.core.models import PersonRow
from thanthien.core.outbox import Channel
from thanthien.core.services import CoreServices
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import MessageRequest

from ..channels import strip_diacritics
from ..settings import ThongbaoSettings
from ..types import ADDRESS_CHANNELS, PLUGIN
from .consent import has_consent

log = logging.getLogger("thanthien.thongbao")

#: Vietnamese templates per message kind: (subject, text). Placeholders: ``{ward}``,
#: ``{number}`` (a case's code), ``{date}`` (when it was received), ``{due}`` (its due or
#: appointment date), ``{title}`` (a public notice's title), ``{due_soon}``, ``{overdue}``
#: (digest counts). No template names a person, an ID number, a phone number, an address or
#: what a complaint or denunciation says (a sweep test checks them all).
TEMPLATES: dict[str, tuple[str, str]] = {
    "case.received": ("Đã tiếp nhận hồ sơ",
                      "{ward}: đã tiếp nhận hồ sơ {number}, hẹn trả kết quả ngày {due}."),
    "case.supplement": ("Hồ sơ cần bổ sung",
                        "{ward}: hồ sơ {number} cần bổ sung giấy tờ. Mời ông/bà liên hệ bộ phận một cửa."),
    "case.new_date": ("Hẹn lại ngày trả kết quả",
                      "{ward} xin lỗi ông/bà: hồ sơ {number} được hẹn lại ngày trả kết quả {due}."),
    "case.result_ready": ("Hồ sơ đã có kết quả",
                          "{ward}: hồ sơ {number} đã có kết quả. Mời ông/bà đến nhận theo giấy hẹn."),
    "case.returned": ("Đã trả kết quả",
                      "{ward}: đã trả kết quả hồ sơ {number}. Mời ông/bà đánh giá mức độ hài lòng."),
    "petition.received": ("Đã tiếp nhận đơn", "{ward}: đã tiếp nhận đơn số {number} ngày {date}."),
    "petition.answered": ("Đơn đã được trả lời",
                          "{ward}: đơn số {number} đã có văn bản trả lời. Mời ông/bà nhận tại trụ sở."),
    # R-TC-10: of a denunciation a message says its code and date, nothing else
    "denunciation.received": ("Đã tiếp nhận đơn", "{ward}: đã tiếp nhận đơn số {number} ngày {date}."),
    "denunciation.closed": ("Đơn đã được giải quyết",
                            "{ward}: đơn số {number} ngày {date} đã được giải quyết."),
    "notice.published": ("Thông báo mới", "{ward}: có thông báo mới: {title}"),
    "staff.overdue": ("Hồ sơ quá hạn", "{ward}: hồ sơ {number} đã quá hạn từ ngày {due}. Đề nghị xử lý ngay."),
    "staff.digest": ("Việc trong ngày",
                     "{ward}: hôm nay đồng chí có {due_soon} hồ sơ sắp đến hạn, {overdue} hồ sơ quá hạn."),
}

#: the consent category (R-DL-04) of each kind; kinds of other modules: by their last word
KIND_CATEGORIES = {
    "case.received": "case_updates", "case.supplement": "case_updates", "case.new_date": "case_updates",
    "case.result_ready": "case_updates", "case.returned": "case_updates",
    "petition.received": "case_updates", "petition.answered": "case_updates",
    "denunciation.received": "case_updates", "denunciation.closed": "case_updates",
    "notice.published": "notices",
}

#: what a message body must never carry: a 9- or 12-digit ID number, a phone number
ID_NUMBER_RE = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")
PHONE_RE = re.compile(r"(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")


def safely(handler: Callable[..., Any], *args: Any) -> None:
    """Run an event handler in a savepoint of the caller's transaction: a failure here (a
    bug, a bad template of the ward) is logged and loses the message, never the change
    that caused it (a dossier still moves when its message cannot be written)."""
    try:
        with write_transaction():
            handler(*args)
    except Exception:  # the change that caused the message must not fail with it
        log.exception("thongbao: %s failed; no message written", getattr(handler, "__name__", handler))


def sensitive_findings(text: str) -> list[str]:
    """Why ``text`` may not be sent (empty: it may): an ID number or a phone number in it."""
    found = []
    if ID_NUMBER_RE.search(text):
        found.append("số định danh")
    if PHONE_RE.search(text):
        found.append("số điện thoại")
    return found


def config(core: CoreServices) -> ThongbaoSettings:
    return core.config(PLUGIN)


def category_of(kind: str, cfg: ThongbaoSettings) -> str:
    if kind in cfg.kind_categories:
        return cfg.kind_categories[kind]
    if kind in KIND_CATEGORIES:
        return KIND_CATEGORIES[kind]
    last = kind.rsplit(".", 1)[-1]
    if "code" in last or "otp" in last:
        return "codes"
    if "appointment" in last or "reminder" in last:
        return "appointments"
    if "meeting" in last or "notice" in last:
        return "notices"
    return "case_updates"


def template(kind: str, cfg: ThongbaoSettings) -> tuple[str, str]:
    subject, text = TEMPLATES[kind]
    return subject, cfg.templates.get(kind, text)


def render(kind: str, cfg: ThongbaoSettings, **values: Any) -> tuple[str, str]:
    subject, text = template(kind, cfg)
    return subject, text.format(**values).strip()


def fit(text: str, channel: Channel) -> str:
    """The text as ``channel`` sends it: without diacritics when it needs ASCII, cut to its
    length (templates fit; a long notice title is shortened)."""
    if channel.ascii_only:
        text = strip_diacritics(text)
    limit = channel.max_length
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def in_quiet_hours(moment: dt.datetime, cfg: ThongbaoSettings) -> dt.datetime | None:
    """The end of the quiet hours ``moment`` falls in, or ``None``."""
    start = dt.time.fromisoformat(cfg.quiet_start)
    end = dt.time.fromisoformat(cfg.quiet_end)
    t = moment.time()
    if start == end:
        return None
    if start < end:
        quiet = start <= t < end
        end_day = moment.date()
    else:  # across midnight
        quiet = t >= start or t < end
        end_day = moment.date() + dt.timedelta(days=1) if t >= start else moment.date()
    return dt.datetime.combine(end_day, end) if quiet else None


def channels(core: CoreServices) -> dict[str, Channel]:
    from thanthien.core.scheduler import channels as registered

    return registered(core)


def address_for(channel: Channel, person: PersonRow | None, contact: str | None) -> str:
    if contact:
        is_email = "@" in contact
        if channel.address == "email":
            return contact if is_email else ""
        if channel.address == "phone":
            return contact if not is_email else ""
        return ""
    if person is None:
        return ""
    if channel.address == "email":
        return person.email or ""
    if channel.address == "phone":
        return person.phone or ""
    return ""


def route(core: CoreServices, person: PersonRow | None, contact: str | None,
          available: dict[str, Channel] | None = None) -> tuple[Channel, str] | None:
    """The first configured channel the person (or the contact) can be reached on; the print
    list when none (staff hand it over); ``None`` when nothing can carry it."""
    available = available if available is not None else channels(core)
    for key in ADDRESS_CHANNELS:
        ch = available.get(key)
        if ch is None or not ch.configured():
            continue
        address = address_for(ch, person, contact)
        if address:
            return ch, address
    # a ward's own channels, then the print list
    for key, ch in available.items():
        if key in ADDRESS_CHANNELS or key == "print" or not ch.configured():
            continue
        address = address_for(ch, person, contact)
        if address or ch.address == "none":
            return ch, address
    printer = available.get("print")
    if printer is not None and printer.configured() and person is not None:
        return printer, ""
    return None


def queue(core: CoreServices, *, kind: str, text: str, subject: str = "", person_id: int | None = None,
          contact: str | None = None, secret: bool = False, link: str = "", ref: str = "",
          key: str | None = None, staff_work: bool = False) -> outbox.OutboxRow | None:
    """Put one message in the outbox if it may be sent; ``None`` (and why, in the log) if not.

    * R-DL-04: a resident receives only the categories they consented to (a bare contact
      typed in by the person for this very message — a one-time code — is their consent);
    * R-DL-05: a staff member's work messages (``staff_work``) need no consent;
    * nothing with an ID or phone number in its text is queued (a one-time code's text,
      ``secret``, is the asking module's and is not shown or kept in clear anyway);
    * quiet hours hold a resident's message back (one-time codes excepted).
    """
    cfg = config(core)
    # a one-time code's text is the asking module's code (letters and digits in groups, which
    # may look like a number); every other text is checked
    findings = [] if secret else sensitive_findings(text) + sensitive_findings(subject)
    if findings:
        log.warning("message %s refused: its text carries %s", kind, ", ".join(findings))
        return None
    person = PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None
    if person_id and person is None:
        return None
    category = category_of(kind, cfg)
    # R-DL-04: a resident's consent; R-DL-05: a staff member's work needs none
    if person is not None and not (staff_work and person.is_staff) and not has_consent(person.id, category):
        return None
    if person is None and not contact:
        return None
    found = route(core, person, contact)
    if found is None:
        return None
    channel, address = found
    body = fit(text, channel)
    not_before = None if secret or staff_work else in_quiet_hours(now(), cfg)
    if key is None:
        digest = hashlib.sha256(f"{kind}|{ref}|{person_id}|{contact}|{text}".encode()).hexdigest()[:40]
        key = f"{kind[:40]}:{digest}"
    return outbox.enqueue(channel.key, body, kind=kind, recipient=address, subject=subject,
                          person_id=person.id if person else None, link=link, ref=ref, secret=secret,
                          key=f"{key}:{channel.key}", not_before=not_before)


def absolute_link(core: CoreServices, link: str | None) -> str:
    if not link:
        return ""
    if link.startswith(("http://", "https://")):
        return link
    base = (getattr(core.settings.web, "base_url", "") or "").rstrip("/")
    return f"{base}{link}" if base else link


def on_message_requested(core: CoreServices, message: MessageRequest) -> outbox.OutboxRow | None:
    """The ``message_requested`` contract: another module's text, our consent and channels."""
    return queue(core, kind=message.kind, text=message.text, subject=message.subject,
                 person_id=message.person_id, contact=message.contact, secret=message.secret,
                 link=absolute_link(core, message.link), ref=message.ref,
                 staff_work=not message.personal)


def ward_name(core: CoreServices) -> str:
    """``UBND phường Bắc Kạn`` from the ward's name ``Phường Bắc Kạn``."""
    name = core.settings.ward.name
    return f"UBND {name[:1].lower()}{name[1:]}"


def fmt(day: dt.date | dt.datetime | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def for_people(people: Iterable[int]) -> list[PersonRow]:
    ids = list(people)
    return list(PersonRow.select().where(PersonRow.id.in_(ids))) if ids else []
