"""Pages of the one-stop module, mounted under ``/motcua``, each with its ``.json`` twin.

Public (no account, :mod:`.public`): the procedure catalogue, the dossier look-up by code
(status and dates only; with the receipt's secret also the rating), the rating (also as
a counter kiosk), appointment booking and cancelling, SIPAS answers. Staff
(:mod:`.staff`): the desk, intake, a dossier and its steps, the register (Mẫu 07) with
CSV/xlsx export, indicators, assistance records, the catalogue, surveys.

The steps of a dossier have Vietnamese paths (``/ho-so/{code}/chuyen-xu-ly`` …); their
older English paths (``/ho-so/{code}/transfer`` …) answer a 308 redirect to them, which
keeps the method and the body.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from thanthien.web.forms import NoFields
from thanthien.web.routing import PUBLIC, page

from .. import forms as f
from .. import schemas as s
from ..types import P_ASSIGN, P_CATALOGUE, P_PROCESS, P_RECEIVE, P_REPORT, P_SIGN, P_VIEW
from . import public, staff

SMALL = 64 * 1024
POST = ("POST",)

#: action → (view, form, permission of the route), the path slug is staff.ACTIONS[action]
STEPS = {
    "transfer": (staff.transfer, f.AssignForm, P_RECEIVE),
    "assign": (staff.assign, f.AssignForm, P_ASSIGN),
    "request_supplement": (staff.request_supplement, f.SupplementForm, P_PROCESS),
    "supplemented": (staff.supplemented, f.NoteForm, P_RECEIVE),
    "result_ready": (staff.result_ready, f.NoteForm, P_PROCESS),
    "return_result": (staff.return_result, f.ReturnForm, P_RECEIVE),
    "stop": (staff.stop, f.ReasonForm, P_PROCESS),
    "refuse": (staff.refuse, f.ReasonForm, P_PROCESS),
    "draft_apology": (staff.draft_apology, f.ApologyDraftForm, P_PROCESS),
    "control_sheet": (staff.control_sheet, NoFields, P_VIEW),
}


def moved(slug: str):
    """An older path of a step: 308 to its Vietnamese path (the method and body are kept)."""
    def endpoint(request: Request, form) -> Response:
        path = request.url.path
        suffix = ".json" if path.endswith(".json") else ""
        target = path.removesuffix(suffix).rsplit("/", 1)[0] + f"/{slug}{suffix}"
        if request.url.query:
            target += f"?{request.url.query}"
        return RedirectResponse(target, status_code=308)

    endpoint.__name__ = f"moved_{slug.replace('-', '_')}"
    endpoint.__doc__ = f"Đường dẫn cũ: chuyển tiếp (308) tới /ho-so/{{code}}/{slug}."
    return endpoint


def routes() -> list:
    steps = []
    for action, (view, form, permission) in STEPS.items():
        slug = staff.ACTIONS[action]
        schema = s.DocumentRedirect if action == "control_sheet" else s.DossierRedirect
        steps += page(f"/ho-so/{{code}}/{slug}", view, permission=permission, methods=POST, body=form,
                      schema=schema, max_body=SMALL, error_page=staff.dossier)
        steps += page(f"/ho-so/{{code}}/{action}", moved(slug), permission=permission, methods=POST, body=form,
                      schema=schema, max_body=SMALL)
    return [
        # public
        *page("/thu-tuc", public.catalogue, permission=PUBLIC, public_cache=300, schema=s.MotcuaCataloguePage),
        *page("/tra-cuu", public.lookup, permission=PUBLIC, public_cache=30, schema=s.LookupPage),
        *page("/danh-gia", public.rate_page, permission=PUBLIC, schema=s.RatePage),
        *page("/danh-gia", public.rate, permission=PUBLIC, methods=POST, body=f.RateForm, schema=s.RateRedirect,
              max_body=SMALL, error_page=public.rate_page),
        *page("/dat-lich", public.book_page, permission=PUBLIC, schema=s.BookPage),
        *page("/dat-lich", public.book, permission=PUBLIC, methods=POST, body=f.BookForm, schema=s.BookPage,
              max_body=SMALL, error_page=public.book_page),
        *page("/dat-lich/{code}.ics", public.booking_calendar, permission=PUBLIC, json_twin=False),
        *page("/huy-lich", public.cancel_page, permission=PUBLIC, schema=s.CancelPage),
        *page("/huy-lich", public.cancel, permission=PUBLIC, methods=POST, body=f.CancelForm, schema=s.Redirected,
              max_body=SMALL, error_page=public.cancel_page),
        *page("/khao-sat/{id:int}/tra-loi", public.survey_answer_page, permission=PUBLIC, schema=s.SurveyAnswerPage),
        *page("/khao-sat/{id:int}/tra-loi", public.survey_answer, permission=PUBLIC, methods=POST,
              body=f.SurveyAnswerForm, schema=s.Redirected, max_body=SMALL, error_page=public.survey_answer_page),
        # staff
        *page("/", staff.desk, permission=P_VIEW, schema=s.DeskPage),
        *page("/lich-hen", staff.day_bookings, permission=P_VIEW, schema=s.BookingsPage),
        *page("/tiep-nhan", staff.intake_page, permission=P_RECEIVE, schema=s.IntakePage),
        *page("/tiep-nhan", staff.intake, permission=P_RECEIVE, methods=POST, body=f.IntakeForm,
              schema=s.IntakeRedirect, max_body=SMALL, error_page=staff.intake_page),
        *steps,
        *page("/ho-so/{code}", staff.dossier, permission=P_VIEW, schema=s.DossierPage),
        *page("/xin-loi/{id:int}/ky", staff.sign_apology, permission=P_SIGN, methods=POST, body=f.ApologySignForm,
              schema=s.DocumentRedirect, max_body=SMALL, error_page=staff.desk),
        *page("/so-theo-doi.csv", staff.register_export, permission=P_REPORT, json_twin=False),
        *page("/so-theo-doi.xlsx", staff.register_export, permission=P_REPORT, json_twin=False),
        *page("/so-theo-doi", staff.register_view, permission=P_REPORT, schema=s.RegisterPage),
        *page("/chi-tieu.csv", staff.indicators_csv, permission=P_REPORT, json_twin=False),
        *page("/chi-tieu", staff.indicators, permission=P_REPORT, schema=s.IndicatorsPage),
        *page("/ho-tro", staff.assistance_page, permission=P_VIEW, schema=s.AssistancePage),
        *page("/ho-tro", staff.assistance, permission=P_VIEW, methods=POST, body=f.AssistanceForm,
              schema=s.Redirected, max_body=SMALL, error_page=staff.assistance_page),
        *page("/thu-tuc/{code}/sua", staff.procedure_page, permission=P_CATALOGUE, schema=s.ProcedureEditPage),
        *page("/thu-tuc/{code}/sua", staff.procedure_edit, permission=P_CATALOGUE, methods=POST,
              body=f.ProcedureForm, schema=s.Redirected, max_body=SMALL, error_page=staff.procedure_page),
        *page("/khao-sat", staff.survey_new, permission=P_REPORT, methods=POST, body=f.SurveyForm,
              schema=s.SurveyRedirect, max_body=SMALL, error_page=staff.indicators),
        *page("/khao-sat/{id:int}", staff.survey_results, permission=P_REPORT, schema=s.SurveyResultsPage),
    ]
