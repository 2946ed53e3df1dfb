"""Staff pages of public-service conduct: compliments and complaints, breaches and
disciplinary decisions, the yearly staff summaries, the editable conduct rules.

Leaders see what concerns the staff of their units; everyone else sees what concerns
himself or herself (the services filter); the resident's name and phone appear only on
a report's page, for a leader (the read is audited)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from thanthien.core.access import ANYWHERE, WARD
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id

from .. import services
from ..casetypes import FALLBACK_PETITION
from ..forms import BreachForm, DisciplineForm, HandleBreachForm, HandleReportForm, RuleEditForm, RuleForm
from ..schemas import (
    BreachesPage,
    BreachPage,
    ConductPage,
    ReportPage,
    RuleGroup,
    RulesPage,
    SummariesPage,
    SummaryPage,
)
from ..types import BREACH_KINDS, DISCIPLINE_FORMS, P_CONDUCT_MANAGE, RULE_GROUPS
from .common import BASE, HOME, today, uploads, year_param

CONDUCT = ("Văn hóa công vụ", f"{BASE}/van-hoa-cong-vu")


def conduct_page(request: Request, form) -> Response:
    """Văn hóa công vụ: khen ngợi, phản ánh của người dân, vi phạm, kỷ luật trong năm."""
    core, actor = core_of(request), actor_of(request)
    year = year_param(request, today().year) or today().year
    reports = services.reports(core, actor=actor, year=year, limit=200)
    data = ConductPage(year, reports, services.breaches(core, actor=actor, year=year),
                       services.disciplines(core, actor=actor, year=year),
                       {"compliment": sum(r.kind == "compliment" for r in reports),
                        "complaint": sum(r.kind == "complaint" for r in reports)})
    return respond(request, "congvu/conduct.html", data, breadcrumbs=[HOME, (CONDUCT[0], None)],
                   context={"can_manage": can(request, P_CONDUCT_MANAGE, ANYWHERE)})


def report_detail(request: Request, form) -> Response:
    """Một lời khen hoặc phản ánh về cán bộ, công chức."""
    core, actor = core_of(request), actor_of(request)
    report = services.view_report(core, path_id(request), actor=actor)
    fallback = report.case_id is not None and not report.case_closed and \
        core.cases.get(report.case_id).case_type == FALLBACK_PETITION
    context = {"can_handle": fallback and can(request, P_CONDUCT_MANAGE, ANYWHERE)}
    return respond(request, "congvu/report.html", ReportPage(report), context=context,
                   breadcrumbs=[HOME, CONDUCT, (f"{report.kind_label} số {report.id}", None)])


def report_handle(request: Request, form) -> Response:
    """Trả lời hoặc lưu phản ánh về cán bộ (loại hồ sơ dự phòng của phân hệ)."""
    data = structure(form, HandleReportForm)
    report = services.handle_report(core_of(request), path_id(request), action=data.action, note=data.note,
                                    actor=actor_of(request))
    return redirect(request, f"{BASE}/phan-anh/{report.id}", "Đã cập nhật phản ánh.", data={"id": report.id})


BREACHES = ("Vi phạm, kỷ luật", f"{BASE}/vi-pham")


def breaches_page(request: Request, form) -> Response:
    """Sổ theo dõi vi phạm nội quy, quy chế làm việc và quyết định kỷ luật."""
    core, actor = core_of(request), actor_of(request)
    year = year_param(request)
    data = BreachesPage(year, services.breaches(core, actor=actor, year=year),
                        services.disciplines(core, actor=actor, year=year))
    manage = can(request, P_CONDUCT_MANAGE, ANYWHERE)
    return respond(request, "congvu/breaches.html", data, breadcrumbs=[HOME, CONDUCT, (BREACHES[0], None)],
                   context={"can_manage": manage, "staff": services.staff_options() if manage else [],
                            "kinds": BREACH_KINDS, "forms": DISCIPLINE_FORMS})


def breach_new(request: Request, form) -> Response:
    """Ghi nhận vi phạm nội quy, quy chế làm việc (kèm chứng cứ)."""
    data = structure(form, BreachForm)
    breach = services.record_breach(core_of(request), person_id=data.person_id, kind=data.kind,
                                    occurred_on=data.occurred_on, description=data.description,
                                    evidence=data.evidence, files=uploads(data.files), actor=actor_of(request))
    return redirect(request, f"{BASE}/vi-pham/{breach.id}", "Đã ghi nhận vi phạm.", data={"id": breach.id})


def breach_detail(request: Request, form) -> Response:
    """Một vi phạm nội quy, quy chế làm việc."""
    breach = services.view_breach(core_of(request), path_id(request), actor=actor_of(request))
    return respond(request, "congvu/breach.html", BreachPage(breach), breadcrumbs=[HOME, CONDUCT, BREACHES,
                                                                                   (f"Vi phạm số {breach.id}", None)],
                   context={"can_manage": can(request, P_CONDUCT_MANAGE, ANYWHERE)})


def breach_handle(request: Request, form) -> Response:
    """Ghi kết quả xử lý vi phạm."""
    data = structure(form, HandleBreachForm)
    breach = services.handle_breach(core_of(request), path_id(request), handling=data.handling,
                                    actor=actor_of(request))
    return redirect(request, f"{BASE}/vi-pham/{breach.id}", "Đã ghi kết quả xử lý.", data={"id": breach.id})


def discipline_new(request: Request, form) -> Response:
    """Ghi quyết định kỷ luật, kèm văn bản."""
    data = structure(form, DisciplineForm)
    decision = services.record_discipline(
        core_of(request), person_id=data.person_id, form=data.form, decided_on=data.decided_on,
        document_ref=data.document_ref, reason=data.reason, document_id=data.document_id, files=uploads(data.files),
        breach_ids=data.breach_ids, actor=actor_of(request))
    return redirect(request, f"{BASE}/vi-pham", "Đã ghi quyết định kỷ luật.", data={"id": decision.id})


SUMMARIES = ("Tổng hợp đánh giá cán bộ", f"{BASE}/danh-gia")


def summaries_page(request: Request, form) -> Response:
    """Tổng hợp kết quả công tác của cán bộ, công chức trong năm."""
    year = year_param(request, today().year) or today().year
    data = SummariesPage(year, services.summaries(core_of(request), year=year, actor=actor_of(request)))
    return respond(request, "congvu/summaries.html", data, breadcrumbs=[HOME, CONDUCT, (SUMMARIES[0], None)])


def summary_detail(request: Request, form) -> Response:
    """Kết quả công tác trong năm của một cán bộ, công chức (cơ sở đánh giá, xếp loại)."""
    core, actor = core_of(request), actor_of(request)
    year = year_param(request, today().year) or today().year
    summary = services.staff_summary(core, path_id(request), year=year, actor=actor)
    pid = summary.person_id
    data = SummaryPage(summary, services.tasks(core, actor=actor, person_id=pid, limit=200),
                       services.reports(core, actor=actor, staff_id=pid, year=year),
                       services.breaches(core, actor=actor, person_id=pid, year=year),
                       services.disciplines(core, actor=actor, person_id=pid, year=year))
    return respond(request, "congvu/summary.html", data,
                   breadcrumbs=[HOME, CONDUCT, SUMMARIES, (summary.full_name, None)])


RULES = ("Quy tắc ứng xử", f"{BASE}/quy-tac")


def _groups(include_hidden: bool) -> list[RuleGroup]:
    rules = services.conduct_rules(include_hidden=include_hidden)
    return [RuleGroup(key, label, rules.get(key, [])) for key, label in RULE_GROUPS.items()]


def rules_admin(request: Request, form) -> Response:
    """Sửa quy tắc ứng xử hiển thị cho cán bộ và người dân."""
    core_of(request).access.require(actor_of(request), P_CONDUCT_MANAGE, WARD)
    return respond(request, "congvu/rules_admin.html", RulesPage(_groups(True)),
                   breadcrumbs=[HOME, CONDUCT, (RULES[0], None)], context={"group_names": RULE_GROUPS})


def rule_new(request: Request, form) -> Response:
    """Thêm một quy tắc ứng xử."""
    data = structure(form, RuleForm)
    rule = services.add_rule(core_of(request), group=data.group, text=data.text, sort=data.sort,
                             actor=actor_of(request))
    return redirect(request, RULES[1], "Đã thêm quy tắc.", data={"id": rule.id})


def rule_edit(request: Request, form) -> Response:
    """Sửa, ẩn hoặc hiện một quy tắc ứng xử."""
    data = structure(form, RuleEditForm)
    rule = services.edit_rule(core_of(request), path_id(request), text=data.text, sort=data.sort, active=data.active,
                              actor=actor_of(request))
    return redirect(request, RULES[1], "Đã lưu quy tắc.", data={"id": rule.id})
