"""Web pages of the thanhtra module, mounted under ``/thanhtra`` (each with its ``.json`` twin).

Public (:mod:`.public`): the board (members by name, office and residential group only)
and its published results. Staff (:mod:`.staff`): the board and its seats, elections,
members, plans and inspections, petitions, recommendations to the UBND, complaint
results shared by the UBND, reports, indicators — every one within the board's scope.
"""
from __future__ import annotations

from thanthien.web.forms import Redirected
from thanthien.web.routing import PUBLIC, page

from ..forms import (
    AnswerForm,
    CloseSeatVoteForm,
    ElectionForm,
    InspectionActionForm,
    InspectionForm,
    OfficeForm,
    PetitionActionForm,
    PetitionForm,
    RecogniseForm,
    RecommendationForm,
    RemovalForm,
    ReportForm,
    SeatChoiceForm,
    SeatVoteForm,
    TermForm,
    WithdrawForm,
    WorkPlanForm,
)
from ..schemas import (
    AnswerRedirect,
    BoardPage,
    ComplaintsPage,
    ElectionPage,
    IndicatorsPage,
    InspectionPage,
    InspectionRedirect,
    MemberPage,
    PetitionPage,
    PetitionRedirect,
    PetitionsPage,
    PlansPage,
    PublicBoardPage,
    RecommendationPage,
    RecommendationRedirect,
    RecommendationsPage,
    ReportRedirect,
    ReportsPage,
    SeatVotePage,
    TermRedirect,
    VoteRedirect,
    WarningsRedirect,
    WorkPlanRedirect,
)
from ..types import P_ANSWER, P_BOARD, P_RECOGNISE, P_VIEW, P_WORK
from . import staff as v
from . import votes
from .public import public_page


def routes() -> list:
    post = ("POST",)
    small = 64 * 1024
    write = {"methods": post, "max_body": small}
    return [
        *page("/", public_page, permission=PUBLIC, public_cache=300, schema=PublicBoardPage),
        *page("/ban", v.board_page, permission=P_VIEW, schema=BoardPage),
        *page("/nhiem-ky", v.term_create, permission=P_BOARD, body=TermForm, schema=TermRedirect,
              error_page=v.board_page, **write),
        *page("/bau-cu", v.election_form, permission=P_BOARD, methods=("GET", "POST"), max_body=small,
              body=ElectionForm, schema=ElectionPage),
        *page("/bau-cu/bieu-quyet", votes.open_vote, permission=P_BOARD, body=SeatVoteForm, schema=VoteRedirect,
              error_page=v.election_form, **write),
        *page("/bieu-quyet/{id:int}", votes.vote_page, permission=P_BOARD, schema=SeatVotePage),
        *page("/bieu-quyet/{id:int}/phieu", votes.vote_choice, permission=P_BOARD, body=SeatChoiceForm,
              schema=VoteRedirect, error_page=votes.vote_page, **write),
        *page("/bieu-quyet/{id:int}/ket-thuc", votes.vote_close, permission=P_BOARD, body=CloseSeatVoteForm,
              schema=VoteRedirect, error_page=votes.vote_page, **write),
        *page("/thanh-vien/{id:int}", v.member_page, permission=P_VIEW, schema=MemberPage),
        *page("/thanh-vien/{id:int}/cong-nhan", v.member_recognise, permission=P_RECOGNISE, body=RecogniseForm,
              schema=Redirected, error_page=v.member_page, **write),
        *page("/thanh-vien/{id:int}/chuc-danh", v.member_office, permission=P_BOARD, body=OfficeForm,
              schema=Redirected, error_page=v.member_page, **write),
        *page("/thanh-vien/{id:int}/thoi", v.member_remove, permission=P_BOARD, body=RemovalForm,
              schema=Redirected, error_page=v.member_page, **write),
        *page("/ke-hoach", v.plans_page, permission=P_VIEW, schema=PlansPage),
        *page("/ke-hoach/them", v.plan_create, permission=P_WORK, body=WorkPlanForm, schema=WorkPlanRedirect,
              error_page=v.plans_page, **write),
        *page("/kiem-tra/them", v.inspection_create, permission=P_WORK, body=InspectionForm,
              schema=InspectionRedirect, error_page=v.plans_page, **write),
        *page("/kiem-tra/{id:int}", v.inspection_page, permission=P_VIEW, schema=InspectionPage),
        *page("/kiem-tra/{id:int}/xu-ly", v.inspection_act, permission=P_WORK, body=InspectionActionForm,
              schema=WarningsRedirect, error_page=v.inspection_page, **write),
        *page("/phan-anh", v.petitions_page, permission=P_VIEW, schema=PetitionsPage),
        *page("/phan-anh/them", v.petition_create, permission=P_WORK, body=PetitionForm, schema=PetitionRedirect,
              error_page=v.petitions_page, **write),
        *page("/phan-anh/{id:int}", v.petition_page, permission=P_VIEW, schema=PetitionPage),
        *page("/phan-anh/{id:int}/xu-ly", v.petition_act, permission=P_WORK, body=PetitionActionForm,
              schema=Redirected, error_page=v.petition_page, **write),
        *page("/kien-nghi", v.recommendations_page, permission=P_VIEW, schema=RecommendationsPage),
        *page("/kien-nghi/them", v.recommendation_create, permission=P_WORK, body=RecommendationForm,
              schema=RecommendationRedirect, error_page=v.recommendations_page, **write),
        *page("/kien-nghi/{id:int}", v.recommendation_page, permission=P_VIEW, schema=RecommendationPage),
        *page("/kien-nghi/{id:int}/tra-loi", v.recommendation_answer, permission=P_ANSWER, body=AnswerForm,
              schema=AnswerRedirect, error_page=v.recommendation_page, **write),
        *page("/kien-nghi/{id:int}/rut", v.recommendation_withdraw, permission=P_WORK, body=WithdrawForm,
              schema=Redirected, error_page=v.recommendation_page, **write),
        *page("/khieu-nai", v.complaints_page, permission=P_VIEW, schema=ComplaintsPage),
        *page("/bao-cao", v.reports_page, permission=P_VIEW, schema=ReportsPage),
        *page("/bao-cao/them", v.report_create, permission=P_WORK, body=ReportForm, schema=ReportRedirect,
              error_page=v.reports_page, **write),
        *page("/chi-tieu", v.indicators_page, permission=P_VIEW, schema=IndicatorsPage),
    ]
