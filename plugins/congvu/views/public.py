"""Public pages (no account): the conduct rules, who serves residents today at the Public
Administrative Service Centre (names, positions, badge numbers, desks — nothing else), and
the compliment-or-complaint form, on the web and on the centre's kiosk.

Nothing a resident sends is shown on a public page: the thank-you page names the petition
number only, to the resident who filed it (R-DL).
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import core_of, query_text

from .. import services
from ..forms import ReportForm
from ..schemas import OnDutyPage, PublicStaff, ReportFormPage, RuleGroup, RulesPage, ThanksPage
from ..types import REPORT_KINDS, RULE_GROUPS
from .common import BASE, today


def _public_staff() -> list[PublicStaff]:
    return [PublicStaff(d.full_name, d.position, d.badge_number, d.desk) for d in services.on_duty(today())]


def rules_page(request: Request, form) -> Response:
    """Quy tắc ứng xử của cán bộ, công chức: “4 xin”, “4 luôn”, “5 không”."""
    rules = services.conduct_rules()
    groups = [RuleGroup(key, label, rules.get(key, [])) for key, label in RULE_GROUPS.items()]
    return respond(request, "congvu/rules.html", RulesPage(groups), breadcrumbs=[("Quy tắc ứng xử", None)])


def on_duty_page(request: Request, form) -> Response:
    """Cán bộ, công chức phục vụ người dân hôm nay tại Trung tâm Phục vụ hành chính công."""
    return respond(request, "congvu/on_duty.html", OnDutyPage(today(), _public_staff()),
                   breadcrumbs=[("Cán bộ phục vụ hôm nay", None)])


def _report(request: Request, form, channel: str) -> Response:
    kiosk = channel == "kiosk"
    if form is None:
        values = {"kind": query_text(request, "loai") if query_text(request, "loai") in REPORT_KINDS else "",
                  "staff": query_text(request, "the", max_length=32)}
        return respond(request, "congvu/report_form.html", ReportFormPage(_public_staff(), kiosk, values),
                       breadcrumbs=[("Khen ngợi, phản ánh cán bộ", None)])
    data = structure(form, ReportForm)
    report = services.file_report(core_of(request), kind=data.kind, content=data.content, staff=data.staff,
                                  staff_id=data.staff_id, resident_name=data.resident_name,
                                  resident_phone=data.resident_phone, channel=channel)
    target = f"{BASE}/{'kiosk' if kiosk else 'gop-y'}/da-gui?loai={report.kind}"
    if report.case_number:
        target += f"&so={report.case_number}"
    message = ("Cảm ơn ông (bà) đã khen ngợi cán bộ." if report.kind == "compliment" else
               f"Đã tiếp nhận phản ánh số {report.case_number}; cơ quan sẽ trả lời theo thời hạn quy định.")
    return redirect(request, target, message, data={"kind": report.kind, "number": report.case_number})


def report_page(request: Request, form) -> Response:
    """Khen ngợi, phản ánh về cán bộ, công chức (ghi họ tên hoặc số thẻ)."""
    return _report(request, form, "web")


def kiosk_page(request: Request, form) -> Response:
    """Máy góp ý tại Trung tâm: chọn cán bộ đang trực, khen ngợi hoặc phản ánh."""
    return _report(request, form, "kiosk")


def _thanks(request: Request, kiosk: bool) -> Response:
    kind = query_text(request, "loai")
    number = query_text(request, "so", max_length=40)
    return respond(request, "congvu/thanks.html",
                   ThanksPage(kind if kind in REPORT_KINDS else "", number if kind == "complaint" else "", kiosk),
                   breadcrumbs=[("Khen ngợi, phản ánh cán bộ", f"{BASE}/gop-y"), ("Đã gửi", None)])


def thanks_page(request: Request, form) -> Response:
    """Cảm ơn ông (bà) đã góp ý."""
    return _thanks(request, False)


def kiosk_thanks(request: Request, form) -> Response:
    """Cảm ơn (máy góp ý tại Trung tâm)."""
    return _thanks(request, True)
