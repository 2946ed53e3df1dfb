"""Web pages of the tiepdan module, mounted under ``/tiepdan`` (each with its ``.json`` twin).

Public (:mod:`.public`): the reception schedule (and its iCalendar feed), the feedback
form, tracking by code with the "not resolved" answer, the published dialogue answers.
Staff (:mod:`.staff`): the reception register, recording a visit, the list of matters, a
matter with its actions, the schedule planner and the figures. Views only call
:mod:`..services`; every page declares its view model (``schema=``) and every write its
form (``body=``).
"""
from __future__ import annotations

from thanthien.web.routing import PUBLIC, page

from ..forms import ActionForm, FeedbackForm, ModerationForm, NotResolvedForm, RevealForm, ScheduleForm, VisitForm
from ..schemas import (
    ActRedirect,
    DialoguesPage,
    FeedbackPage,
    IndicatorsPage,
    MatterPage,
    MattersPage,
    ModerationRedirect,
    PlannerPage,
    PublicFeedbackPage,
    RegisterPage,
    ReopenRedirect,
    RevealPage,
    SchedulePage,
    TrackingPage,
    VisitFormPage,
)
from ..settings import TiepdanSettings
from ..types import P_HANDLE, P_RECEIVE, P_SCHEDULE, P_VIEW
from . import public, staff

__all__ = ["routes"]


def routes(settings: TiepdanSettings | None = None) -> list:
    """The module's routes; ``settings`` sizes the feedback form's upload limit (its photo)."""
    feedback_cap = (settings or TiepdanSettings()).feedback_body_limit
    post = ("POST",)
    both = ("GET", "POST")
    return [
        # public
        *page("/lich-tiep-dan.ics", public.schedule_ics, permission=PUBLIC, json_twin=False, public_cache=300),
        *page("/lich-tiep-dan", public.schedule, permission=PUBLIC, public_cache=300, schema=SchedulePage),
        *page("/phan-anh", public.feedback, permission=PUBLIC, methods=both, max_body=feedback_cap, body=FeedbackForm,
              schema=FeedbackPage),
        *page("/phan-anh/danh-sach", public.feedback_list, permission=PUBLIC, public_cache=60,
              schema=PublicFeedbackPage),
        *page("/phan-anh/anh/{id:int}", public.feedback_photo, permission=PUBLIC, json_twin=False),
        *page("/tra-cuu", public.tracking, permission=PUBLIC, public_cache=0, schema=TrackingPage),
        *page("/tra-cuu/chua-giai-quyet", public.not_resolved, permission=PUBLIC, methods=post, max_body=16 * 1024,
              body=NotResolvedForm, schema=ReopenRedirect, error_page=public.tracking),
        *page("/doi-thoai", public.dialogues, permission=PUBLIC, schema=DialoguesPage),
        # staff
        *page("/so-tiep-dan", staff.register_page, permission=P_VIEW, schema=RegisterPage),
        *page("/tiep-cong-dan", staff.visit_form, permission=P_RECEIVE, methods=both, max_body=64 * 1024,
              body=VisitForm, schema=VisitFormPage),
        *page("/don-thu", staff.matters_page, permission=P_VIEW, schema=MattersPage),
        *page("/don-thu/{id:int}", staff.matter_page, permission=P_VIEW, schema=MatterPage),
        *page("/don-thu/{id:int}/xem-thong-tin", staff.reveal, permission=P_HANDLE, methods=post, max_body=16 * 1024,
              body=RevealForm, schema=RevealPage, error_page=staff.matter_page),
        *page("/don-thu/{id:int}/kiem-duyet", staff.moderate, permission=P_HANDLE, methods=post,
              max_body=64 * 1024, body=ModerationForm, schema=ModerationRedirect, error_page=staff.matter_page),
        *page("/don-thu/{id:int}/anh/{photo_id:int}", staff.photo, permission=P_VIEW, json_twin=False),
        *page("/don-thu/{id:int}/xu-ly", staff.act, permission=P_HANDLE, methods=post, max_body=64 * 1024,
              body=ActionForm, schema=ActRedirect, error_page=staff.matter_page),
        *page("/lich", staff.planner, permission=P_SCHEDULE, methods=both, max_body=64 * 1024, body=ScheduleForm,
              schema=PlannerPage),
        *page("/chi-tieu", staff.indicators_page, permission=P_VIEW, schema=IndicatorsPage),
    ]
