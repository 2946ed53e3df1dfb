"""Web pages of the giamsat module, mounted under ``/giamsat`` (each with its ``.json`` twin).

Public (:mod:`.public`): the projects under supervision and one project's board (names and
roles only), plan, results and UBND answers. Staff (:mod:`.staff`): the project register
with coverage and warnings, a new project, setting up a board, the project's supervision
file and its actions, the recommendations awaiting the UBND's answer, the indicators.
Views only call :mod:`..services`.
"""
from __future__ import annotations

from thanthien.web.forms import NoFields, Redirected
from thanthien.web.routing import PUBLIC, page

from ..forms import (
    AddMemberForm,
    AnswerForm,
    BoardForm,
    BoardReportForm,
    CheckForm,
    CitizenReportForm,
    DissolveForm,
    HandleReportForm,
    InfoRequestForm,
    InspectionForm,
    LeaveForm,
    NoticeForm,
    PlanForm,
    ProjectForm,
    RecommendationForm,
    RequestAnswerForm,
)
from ..schemas import (
    AnnounceRedirect,
    AnswerRedirect,
    BoardFormPage,
    BoardReportRedirect,
    IndexPage,
    IndicatorsPage,
    InspectionRedirect,
    MembershipRedirect,
    NoticeRedirect,
    PlanRedirect,
    ProjectFormPage,
    ProjectPage,
    PublicProject,
    RecommendationRedirect,
    RecommendationsPage,
    RegisterPage,
)
from ..settings import GiamsatSettings
from ..types import P_ANSWER, P_BOARDS, P_PROJECTS, P_SUPERVISE, P_VIEW
from . import public, staff

SMALL = 64 * 1024


def routes(settings: GiamsatSettings | None = None) -> list:
    """The module's routes; ``settings`` sizes the inspection form's upload limit."""
    upload_cap = (settings or GiamsatSettings()).upload_limit
    post = ("POST",)
    on_board = {"methods": post, "max_body": SMALL, "schema": Redirected, "error_page": staff.board_file}
    return [
        *page("/", public.index, permission=PUBLIC, schema=IndexPage),
        *page("/du-an/{id:int}", public.project, permission=PUBLIC, schema=PublicProject),
        *page("/du-an", staff.register, permission=P_VIEW, schema=RegisterPage),
        *page("/du-an/moi", staff.new_project, permission=P_PROJECTS, methods=("GET", "POST"), body=ProjectForm,
              max_body=SMALL, schema=ProjectFormPage),
        *page("/du-an/{id:int}/quan-ly", staff.manage, permission=P_VIEW, schema=ProjectPage),
        *page("/du-an/{id:int}/ban", staff.new_board, permission=P_BOARDS, methods=("GET", "POST"), body=BoardForm,
              max_body=SMALL, schema=BoardFormPage),
        *page("/du-an/{id:int}/phan-anh", staff.new_report, permission=P_SUPERVISE, methods=post,
              body=CitizenReportForm, max_body=SMALL, schema=Redirected, error_page=staff.manage),
        *page("/ban/{id:int}/thanh-vien", staff.add_member, permission=P_BOARDS, body=AddMemberForm, **on_board),
        *page("/ban/{id:int}/giai-the", staff.dissolve, permission=P_BOARDS, body=DissolveForm, **on_board),
        *page("/ban/{id:int}/ke-hoach", staff.new_plan, permission=P_SUPERVISE, body=PlanForm,
              **{**on_board, "schema": PlanRedirect}),
        *page("/ban/{id:int}/noi-dung", staff.update_check, permission=P_SUPERVISE, body=CheckForm, **on_board),
        *page("/ban/{id:int}/kiem-tra", staff.new_inspection, permission=P_SUPERVISE, body=InspectionForm,
              **{**on_board, "max_body": upload_cap, "schema": InspectionRedirect}),
        *page("/ban/{id:int}/yeu-cau", staff.new_request, permission=P_SUPERVISE, body=InfoRequestForm, **on_board),
        *page("/ban/{id:int}/kien-nghi", staff.new_recommendation, permission=P_SUPERVISE, body=RecommendationForm,
              **{**on_board, "schema": RecommendationRedirect}),
        *page("/ban/{id:int}/bao-cao", staff.new_board_report, permission=P_SUPERVISE, body=BoardReportForm,
              **{**on_board, "schema": BoardReportRedirect}),
        *page("/ban/{id:int}/cong-khai", staff.announce, permission=P_BOARDS, body=NoFields,
              **{**on_board, "schema": AnnounceRedirect}),
        *page("/thanh-vien/{id:int}/thoi", staff.end_membership, permission=P_BOARDS, methods=post, body=LeaveForm,
              max_body=SMALL, schema=MembershipRedirect, error_page=staff.member_file),
        *page("/ke-hoach/{id:int}/thong-bao", staff.notify_plan, permission=P_BOARDS, methods=post, body=NoticeForm,
              max_body=SMALL, schema=NoticeRedirect, error_page=staff.plan_file),
        *page("/yeu-cau/{id:int}/tra-loi", staff.answer_request, permission=P_SUPERVISE, methods=post,
              body=RequestAnswerForm, max_body=SMALL, schema=Redirected, error_page=staff.request_file),
        *page("/phan-anh/{id:int}/xu-ly", staff.handle_report, permission=P_SUPERVISE, methods=post,
              body=HandleReportForm, max_body=SMALL, schema=Redirected, error_page=staff.report_file),
        *page("/anh/{id:int}", staff.photo, permission=P_VIEW, json_twin=False),
        *page("/kien-nghi", staff.recommendations, permission=P_VIEW, schema=RecommendationsPage),
        *page("/kien-nghi/{id:int}/tra-loi", staff.answer, permission=P_ANSWER, methods=post, body=AnswerForm,
              max_body=SMALL, schema=AnswerRedirect, error_page=staff.recommendations),
        *page("/chi-tieu", staff.indicators, permission=P_VIEW, schema=IndicatorsPage),
    ]
