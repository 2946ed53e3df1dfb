"""Printable, copy-paste and spreadsheet outputs: loudspeaker script, social-group text,
A4 poster, the quarterly disclosure register (R-CK-08: print, CSV, XLSX), the
information-request register (R-TT-07, CSV) and forms (R-TT-06).

Spreadsheet cells go through :func:`thanthien.core.exports.safe_cell` (a title typed as
``=HYPERLINK(…)`` stays text). Links use ``[web] base_url`` (relative without it).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from thanthien.core.exports import csv_bytes, xlsx_bytes
from thanthien.core.richtext import clean_html, html_to_text
from thanthien.core.text import format_date, letter_date
from thanthien.core.types import Actor, Notice

from . import services
from .services import redact_public
from .types import DELIVERY_FORMS, REFUSAL_GROUNDS, REQUEST_FORMS, DisclosureRegister, RequestLine

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["date"] = format_date
    return env


def broadcast_schedule(core: CoreServices, notice: Notice, start: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """R-CK-09: the consecutive days (and ward broadcast times) the notice goes on air."""
    reqs = [r for r in services.requirements(notice.id) if r.kind == "loudspeaker"]
    if not reqs:
        return []
    days = reqs[0].broadcast_days or 0
    first = start or max(notice.published_at.date(), dt.date.today())
    times = services.config(core).broadcast_times
    return [(first + dt.timedelta(days=i), t) for i in range(days) for t in times]


def loudspeaker_script(core: CoreServices, notice: Notice, start: dt.date | None = None) -> str:
    """Plain text for the announcer (bản tin phát thanh), with the broadcast schedule."""
    ward = core.settings.ward
    schedule = broadcast_schedule(core, notice, start)
    lines = [
        f"ỦY BAN NHÂN DÂN {ward.name.upper()}",
        "BẢN TIN PHÁT THANH – THÔNG TIN CÔNG KHAI",
        "",
        f"Tiêu đề: {notice.title}",
    ]
    if notice.decision_ref:
        lines.append(f"Căn cứ: {notice.decision_ref}" + (f" ngày {format_date(notice.decision_date)}"
                                                         if notice.decision_date else ""))
    lines += ["", "NỘI DUNG ĐỌC:", "",
              f"Thưa toàn thể Nhân dân {ward.name}! Ủy ban nhân dân phường xin thông báo: {notice.title}.",
              "", redact_public(html_to_text(notice.body_html)), "",
              "Nội dung chi tiết được niêm yết tại trụ sở UBND phường, nhà văn hóa các tổ dân phố và đăng "
              "trên Trang thông tin điện tử phường. Xin trân trọng thông báo!", ""]
    if schedule:
        days = sorted({d for d, _ in schedule})
        lines.append(f"LỊCH PHÁT: {len(days)} ngày liên tục (R-CK-09), mỗi ngày vào lúc "
                     + ", ".join(sorted({t for _, t in schedule})) + ":")
        lines += [f"  - Ngày {format_date(d)}" for d in days]
    else:
        lines.append("LỊCH PHÁT: nội dung này không bắt buộc phát trên loa truyền thanh.")
    return "\n".join(lines) + "\n"


def social_text(core: CoreServices, notice: Notice, base_url: str = "") -> str:
    """A text ready to paste into a residential group's Zalo or Facebook group; the link is
    absolute with ``[web] base_url`` (``services.public_base``)."""
    cat = core.notice_categories.get(notice.category)
    body = redact_public(html_to_text(notice.body_html))
    if len(body) > 600:
        body = body[:600].rsplit(" ", 1)[0] + " …"
    lines = [f"📢 UBND {core.settings.ward.name.upper()} THÔNG BÁO", "", notice.title.upper(), ""]
    if cat:
        lines.append(f"Loại thông tin: {cat.name}")
    if notice.decision_ref:
        lines.append(f"Căn cứ: {notice.decision_ref}")
    lines += ["", body, ""]
    mins = [r.min_days for r in services.requirements(notice.id) if r.min_days]
    if mins:
        lines.append(f"Niêm yết tại nhà văn hóa tổ dân phố ít nhất {max(mins)} ngày từ "
                     f"{format_date(notice.published_at)}.")
    lines.append(f"Xem toàn văn: {base_url}/congkhai/notices/{notice.id}")
    return "\n".join(lines) + "\n"


def poster_html(core: CoreServices, notice: Notice, base_url: str = "") -> str:
    """A printable A4 poster (bản niêm yết) for the office board and cultural houses."""
    cat = core.notice_categories.get(notice.category)
    reqs = services.requirements(notice.id)
    return _env().get_template("congkhai/print/poster.html").render(
        ward=core.settings.ward, notice=notice, category=cat, body=redact_public(clean_html(notice.body_html)),
        attachments=services.attachments(notice.id), url=f"{base_url}/congkhai/notices/{notice.id}",
        min_days=max((r.min_days or 0 for r in reqs), default=0), permanent=any(r.permanent for r in reqs),
        place_date=letter_date(core.settings.ward.place_name, notice.published_at.date() if notice.published_at
                               else dt.date.today()))


def register_html(core: CoreServices, register: DisclosureRegister) -> str:
    """R-CK-08: the quarterly register, printable and publishable."""
    return _env().get_template("congkhai/print/register.html").render(
        ward=core.settings.ward, reg=register,
        place_date=letter_date(core.settings.ward.place_name, dt.date.today()))


REGISTER_HEADER = ["STT", "Mục (Điều 11)", "Loại thông tin", "Nội dung công khai", "Phiên bản", "Văn bản",
                   "Ngày văn bản", "Hình thức công khai", "Ngày công khai", "Thời hạn niêm yết",
                   "Người/đơn vị phụ trách", "Tình trạng"]


def _register_rows(register: DisclosureRegister) -> list[list]:
    return [[i, r.item_no or "", r.category_name, r.title, r.version, r.decision_ref, r.decision_date,
             "; ".join(r.forms), r.published_on, r.duration, r.responsible,
             r.status + ("; đã thu hồi" if r.state == "withdrawn" else "")]
            for i, r in enumerate(register.rows, 1)]


def register_csv(register: DisclosureRegister) -> bytes:
    """R-CK-08 as a CSV (UTF-8), every cell neutralised against formulas."""
    return csv_bytes(REGISTER_HEADER, _register_rows(register))


def register_xlsx(register: DisclosureRegister) -> bytes:
    """R-CK-08 as an XLSX workbook, every text cell neutralised against formulas."""
    return xlsx_bytes(f"DANH MỤC THÔNG TIN CÔNG KHAI QUÝ {register.quarter}/{register.year} – {register.ward}",
                      REGISTER_HEADER, _register_rows(register), sheet=f"Quy {register.quarter}-{register.year}")


REQUESTS_HEADER = ["Số", "Ngày nhận", "Hình thức", "Phức tạp", "Người yêu cầu", "Số định danh",
                   "Thông tin yêu cầu", "Hạn giải quyết", "Hạn thông báo", "Ngày thông báo", "Tình trạng",
                   "Ngày kết thúc", "Căn cứ từ chối", "Đúng hạn", "Số lần gia hạn"]


def requests_csv(lines: list[RequestLine]) -> bytes:
    """R-TT-07: the register of information requests as a CSV (personal fields as the
    service gave them: masked unless the actor may read them)."""
    rows = [[r.number, r.received_on, r.channel, "có" if r.complex else "", r.requester_name, r.requester_id_no,
             r.info_requested, r.due_date, r.notice_due, r.notified_on, r.state, r.closed_on, r.refusal_ground,
             r.timeliness, r.extensions] for r in lines]
    return csv_bytes(REQUESTS_HEADER, rows)


def request_form_html(core: CoreServices, case_id: int, form: str, *, actor: Actor | None,
                      today: dt.date | None = None) -> str:
    """R-TT-06: one of the NĐ 13/2018 forms, filled from the request. The forms carry the
    requester's personal fields: printing one is checked and audit-logged like unmasking
    the request (``services.printable_request``)."""
    f = services.printable_request(core, case_id, form, actor=actor)
    d = f.detail
    return _env().get_template("congkhai/print/request_form.html").render(
        ward=core.settings.ward, form=form, form_name=REQUEST_FORMS[form], case=f.case, d=d,
        delivery=DELIVERY_FORMS.get(d.delivery_form, ""), ground=REFUSAL_GROUNDS.get(d.refusal_ground, ""),
        events=list(f.events), place_date=letter_date(core.settings.ward.place_name, today or dt.date.today()))
