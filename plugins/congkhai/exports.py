"""Printable and copy-paste outputs: loudspeaker script, social-group text, A4 poster,
the quarterly disclosure register (R-CK-08) and the information-request forms (R-TT-06)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from thanthien.core.text import format_date, letter_date

from . import services
from .policy import ward_options
from .sanitize import clean_html, html_to_text, redact_public
from thanthien.core.types import Notice

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["date"] = format_date
    return env


def broadcast_schedule(svc, notice: Notice, start: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """R-CK-09: the consecutive days (and ward broadcast times) the notice goes on air."""
    reqs = [r for r in services.requirements(notice.id) if r.kind == "loudspeaker"]
    if not reqs:
        return []
    days = reqs[0].broadcast_days or 0
    first = start or max(notice.published_at.date(), dt.date.today())
    times = ward_options(svc.settings)["broadcast_times"]
    return [(first + dt.timedelta(days=i), t) for i in range(days) for t in times]


def loudspeaker_script(svc, notice: Notice, start: dt.date | None = None) -> str:
    """Plain text for the announcer (bản tin phát thanh), with the broadcast schedule."""
    ward = svc.settings.ward
    schedule = broadcast_schedule(svc, notice, start)
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


def social_text(svc, notice: Notice, base_url: str = "") -> str:
    """A text ready to paste into a residential group's Zalo or Facebook group."""
    cat = svc.notice_categories.get(notice.category)
    body = redact_public(html_to_text(notice.body_html))
    if len(body) > 600:
        body = body[:600].rsplit(" ", 1)[0] + " …"
    lines = [f"📢 UBND {svc.settings.ward.name.upper()} THÔNG BÁO", "", notice.title.upper(), ""]
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


def poster_html(svc, notice: Notice, base_url: str = "") -> str:
    """A printable A4 poster (bản niêm yết) for the office board and cultural houses."""
    cat = svc.notice_categories.get(notice.category)
    reqs = services.requirements(notice.id)
    return _env().get_template("congkhai/print/poster.html").render(
        ward=svc.settings.ward, notice=notice, category=cat, body=redact_public(clean_html(notice.body_html)),
        attachments=services.attachments(notice.id), url=f"{base_url}/congkhai/notices/{notice.id}",
        min_days=max((r.min_days or 0 for r in reqs), default=0), permanent=any(r.permanent for r in reqs),
        place_date=letter_date(svc.settings.ward.place_name, notice.published_at.date() if notice.published_at
                               else dt.date.today()))


def register_html(svc, register: dict) -> str:
    """R-CK-08: the quarterly register, printable and publishable."""
    return _env().get_template("congkhai/print/register.html").render(
        ward=svc.settings.ward, reg=register,
        place_date=letter_date(svc.settings.ward.place_name, dt.date.today()))


def request_form_html(svc, case_id: int, form: str, *, today: dt.date | None = None) -> str:
    """R-TT-06: one of the NĐ 13/2018 forms, filled from the request."""
    from .types import DELIVERY_FORMS, REFUSAL_GROUNDS, REQUEST_FORMS
    from thanthien.core.errors import ValidationError

    if form not in REQUEST_FORMS:
        raise ValidationError([("form", "Mẫu không hợp lệ: " + ", ".join(REQUEST_FORMS) + ".")])
    case = svc.cases.get(case_id)
    d = services.request_detail(case_id)
    return _env().get_template("congkhai/print/request_form.html").render(
        ward=svc.settings.ward, form=form, form_name=REQUEST_FORMS[form], case=case, d=d,
        delivery=DELIVERY_FORMS.get(d.delivery_form, ""), ground=REFUSAL_GROUNDS.get(d.refusal_ground, ""),
        events=svc.cases.events(case_id),
        place_date=letter_date(svc.settings.ward.place_name, today or dt.date.today()))


