"""Staff pages of group-head elections and dismissals (R-DV-10…18), each with its ``.json``.

``/bieuquyet/bau-truong-thon``              the elections and dismissals of one's groups; plan one
``/bieuquyet/bau-truong-thon/{id}``         one election: the checklist, candidates, the vote, recognition
``/bieuquyet/mien-nhiem-truong-thon``       receive a resignation, a Front proposal or a petition
``/bieuquyet/mien-nhiem-truong-thon/{id}``  one dismissal: petition, vote, decision, interim head
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core import people, voting
from thanthien.core.access import ANYWHERE
from thanthien.core.errors import ValidationError
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, can, core_of, path_id, units_for
from thanthien.web.routing import page

from ..forms_elections import (
    CandidateForm,
    ChoiceForm,
    CloseVoteForm,
    DismissalDecisionForm,
    DismissalForm,
    OpenVoteForm,
    PlanElectionForm,
    RecogniseForm,
    RerunForm,
    SignatureForm,
    StepForm,
)
from ..services import elections as el
from ..types import P_DECIDE, P_MANAGE
from .common import BASE, DESK, SMALL
from .election_schemas import (
    DismissalPage,
    DismissalRedirect,
    ElectionPage,
    ElectionRedirect,
    ElectionsPage,
    HouseholdChoice,
    Option,
)

HOME = (DESK[0], f"{BASE}/can-bo")
LIST = ("Bầu Tổ trưởng tổ dân phố", f"{BASE}/bau-truong-thon")
CHANNELS = {"meeting": "Tại hội nghị", "paper": "Phiếu lấy ý kiến"}


def _groups(request: Request) -> list[Option]:
    units = units_for(request, P_MANAGE)
    return [Option(g.id, g.name) for g in people.list_units(("residential_group", "village"))
            if units is None or g.id in units]


def _households(vote_id: int | None, group_id: int) -> tuple[list[HouseholdChoice], int | None]:
    counted = {}
    if vote_id is not None:
        counted = {c.household_id: c for c in voting.choices(vote_id) if c.counted}
    rows = [HouseholdChoice(h, code, counted[h].options[0] if h in counted else "",
                            counted[h].channel if h in counted else "") for h, code in el.households(group_id)]
    return rows, (len(counted) if vote_id is not None else None)


def elections_page(request: Request, form) -> Response:
    """Bầu, miễn nhiệm, bãi nhiệm Tổ trưởng tổ dân phố."""
    core = core_of(request)
    units = units_for(request, P_MANAGE)
    data = ElectionsPage(el.elections(core, unit_ids=units), el.dismissals(core, unit_ids=units), _groups(request),
                         list(el.TERMS.items()), list(el.ELECTION_KINDS.items()), list(el.TRIGGERS.items()),
                         can(request, P_DECIDE, ANYWHERE))
    return respond(request, "bieuquyet/bau-cu/index.html", data, breadcrumbs=[HOME, (LIST[0], None)])


def plan_election(request: Request, form) -> Response:
    """Quyết định tổ chức bầu Tổ trưởng (R-DV-10)."""
    data = structure(form, PlanElectionForm)
    e = el.plan_election(core_of(request), group_id=data.group_id, meeting_on=data.meeting_on,
                         decision_ref=data.decision_ref, decision_on=data.decision_on, term=data.term,
                         kind=data.kind, dismissal_id=data.dismissal_id, actor=actor_of(request))
    return redirect(request, f"{LIST[1]}/{e.id}", f"Đã ghi nhận quyết định tổ chức bầu Tổ trưởng {e.group_name}.",
                    data={"election_id": e.id})


def election_page(request: Request, form) -> Response:
    """Một cuộc bầu Tổ trưởng: các mốc thời gian, người ứng cử, bỏ phiếu, công nhận."""
    core = core_of(request)
    e = el.get_election(core, path_id(request), actor=actor_of(request))  # 404, 403
    households, participated = _households(e.vote_id, e.group_id)
    options = [(f"{c.person_id}", c.full_name) for c in e.candidates] + [("khong_bau", "Không bầu ai")]
    data = ElectionPage(e, [Option(i, n) for i, n in el.residents(e.group_id, limit=500)], households, options,
                        list(el.SOURCES.items()), [(k, v[0]) for k, v in el.STEPS.items() if k != "decision"],
                        participated, can(request, P_DECIDE, e.group_id))
    return respond(request, "bieuquyet/bau-cu/election.html", data,
                   breadcrumbs=[HOME, LIST, (f"Bầu Tổ trưởng {e.group_name}", None)],
                   context={"channels": CHANNELS})


def _back(request: Request, e: el.HeadElection, message: str) -> Response:
    return redirect(request, f"{LIST[1]}/{e.id}", message, data={"election_id": e.id})


def election_step(request: Request, form) -> Response:
    """Ghi nhận một bước chuẩn bị (R-DV-11…13)."""
    data = structure(form, StepForm)
    e = el.record_step(core_of(request), path_id(request), data.step, done_on=data.done_on,
                       reference=data.reference, team_leader=data.team_leader, actor=actor_of(request))
    return _back(request, e, "Đã ghi nhận bước chuẩn bị.")


def election_candidate(request: Request, form) -> Response:
    """Thêm người ứng cử (R-DV-13, R-DV-14)."""
    data = structure(form, CandidateForm)
    e = el.add_candidate(core_of(request), path_id(request), person_id=data.person_id, source=data.source,
                         nominated_by=data.nominated_by, actor=actor_of(request))
    return _back(request, e, "Đã thêm người ứng cử.")


def election_open(request: Request, form) -> Response:
    """Bắt đầu bỏ phiếu bầu Tổ trưởng."""
    data = structure(form, OpenVoteForm)
    e = el.open_election_vote(core_of(request), path_id(request), form=data.form, actor=actor_of(request))
    return _back(request, e, f"Bắt đầu bỏ phiếu: {e.households_total} hộ gia đình theo sổ hộ gia đình.")


def _choice(data: ChoiceForm) -> None:
    if data.channel not in CHANNELS:
        raise ValidationError([("channel", "Cách bỏ phiếu không hợp lệ.")])


def election_choice(request: Request, form) -> Response:
    """Ghi lựa chọn của một hộ gia đình."""
    data = structure(form, ChoiceForm)
    _choice(data)
    e = el.record_choices(core_of(request), path_id(request), {data.household_id: data.pick}, channel=data.channel,
                          actor=actor_of(request))
    return _back(request, e, "Đã ghi lựa chọn của hộ gia đình.")


def election_close(request: Request, form) -> Response:
    """Kết thúc bỏ phiếu, gửi kết quả cho UBND (R-DV-15)."""
    data = structure(form, CloseVoteForm)
    e = el.close_election_vote(core_of(request), path_id(request), received_on=data.received_on,
                               actor=actor_of(request))
    if e.winner_person_id:
        message = (f"{e.winner_name} trúng cử với {e.winner_votes}/{e.households_total} hộ gia đình; chờ UBND công "
                   f"nhận (chậm nhất {e.recognition_due:%d/%m/%Y}).")
    else:
        message = "Không người ứng cử nào được quá nửa tổng số hộ gia đình đồng ý; UBND quyết định bầu lại."
    return _back(request, e, message)


def election_recognise(request: Request, form) -> Response:
    """UBND công nhận kết quả bầu Tổ trưởng (R-DV-15)."""
    data = structure(form, RecogniseForm)
    e = el.recognise_election(core_of(request), path_id(request), recognised_on=data.recognised_on,
                              decision_ref=data.decision_ref, actor=actor_of(request))
    return _back(request, e, f"Đã công nhận {e.winner_name} là Tổ trưởng {e.group_name}.")


def election_rerun(request: Request, form) -> Response:
    """UBND quyết định bầu lại (R-DV-15)."""
    data = structure(form, RerunForm)
    e = el.order_rerun(core_of(request), path_id(request), reason=data.reason, actor=actor_of(request))
    return _back(request, e, "Đã ghi nhận quyết định tổ chức bầu lại.")


# ---------------------------------------------------------------------------
# dismissals
# ---------------------------------------------------------------------------

DLIST = ("Miễn nhiệm, bãi nhiệm Tổ trưởng", f"{BASE}/mien-nhiem-truong-thon")


def open_dismissal(request: Request, form) -> Response:
    """Tiếp nhận đơn xin thôi, đề nghị của Mặt trận hoặc kiến nghị của hộ gia đình (R-DV-16)."""
    data = structure(form, DismissalForm)
    dm = el.open_dismissal(core_of(request), group_id=data.group_id, trigger=data.trigger, grounds=data.grounds,
                           received_on=data.received_on, actor=actor_of(request))
    return redirect(request, f"{DLIST[1]}/{dm.id}", "Đã tiếp nhận.", data={"dismissal_id": dm.id})


def dismissal_page(request: Request, form) -> Response:
    """Một hồ sơ miễn nhiệm, bãi nhiệm Tổ trưởng."""
    core = core_of(request)
    dm = el.get_dismissal(core, path_id(request), actor=actor_of(request))
    households, participated = _households(dm.vote_id, dm.group_id)
    signed = el.signed_households(dm.id)
    data = DismissalPage(dm, [Option(i, n) for i, n in el.residents(dm.group_id, limit=500)], households, signed,
                         participated, can(request, P_DECIDE, dm.group_id))
    return respond(request, "bieuquyet/bau-cu/dismissal.html", data,
                   breadcrumbs=[HOME, (DLIST[0], LIST[1]), (f"{dm.trigger_label} – {dm.group_name}", None)],
                   context={"channels": CHANNELS})


def _dback(request: Request, dm: el.Dismissal, message: str) -> Response:
    return redirect(request, f"{DLIST[1]}/{dm.id}", message, data={"dismissal_id": dm.id})


def dismissal_sign(request: Request, form) -> Response:
    """Ghi chữ ký kiến nghị của một hộ (R-DV-16)."""
    data = structure(form, SignatureForm)
    dm = el.sign_petition(core_of(request), path_id(request), [data.household_id], signed_on=data.signed_on,
                          actor=actor_of(request))
    return _dback(request, dm, f"Kiến nghị có {dm.signatures}/{dm.households_total} hộ ký.")


def dismissal_open(request: Request, form) -> Response:
    """Bắt đầu biểu quyết miễn nhiệm, bãi nhiệm (R-BQ-10)."""
    data = structure(form, OpenVoteForm)
    dm = el.open_dismissal_vote(core_of(request), path_id(request), form=data.form, actor=actor_of(request))
    return _dback(request, dm, "Bắt đầu biểu quyết.")


def dismissal_choice(request: Request, form) -> Response:
    """Ghi lựa chọn của một hộ gia đình."""
    data = structure(form, ChoiceForm)
    _choice(data)
    dm = el.record_dismissal_choices(core_of(request), path_id(request), {data.household_id: data.pick},
                                     channel=data.channel, actor=actor_of(request))
    return _dback(request, dm, "Đã ghi lựa chọn của hộ gia đình.")


def dismissal_close(request: Request, form) -> Response:
    """Kết thúc biểu quyết, gửi kết quả cho UBND (R-DV-17)."""
    data = structure(form, CloseVoteForm)
    dm = el.close_dismissal_vote(core_of(request), path_id(request), received_on=data.received_on,
                                 actor=actor_of(request))
    return _dback(request, dm, dm.state_label)


def dismissal_decide(request: Request, form) -> Response:
    """UBND công nhận miễn nhiệm, bãi nhiệm và chỉ định người tạm thời làm Tổ trưởng (R-DV-17, R-DV-18)."""
    data = structure(form, DismissalDecisionForm)
    dm = el.recognise_dismissal(core_of(request), path_id(request), recognised_on=data.recognised_on,
                                decision_ref=data.decision_ref, interim_person_id=data.interim_person_id,
                                dismiss=data.dismiss, actor=actor_of(request))
    return _dback(request, dm, dm.state_label)


def routes() -> list:
    write = {"methods": ("POST",), "max_body": SMALL}
    e, d = "/bau-truong-thon", "/mien-nhiem-truong-thon"
    return [
        *page(e, elections_page, permission=P_MANAGE, schema=ElectionsPage),
        *page(f"{e}/quyet-dinh", plan_election, permission=P_DECIDE, body=PlanElectionForm, schema=ElectionRedirect,
              error_page=elections_page, **write),
        *page(f"{e}/{{id:int}}", election_page, permission=P_MANAGE, schema=ElectionPage),
        *page(f"{e}/{{id:int}}/buoc", election_step, permission=P_MANAGE, body=StepForm, schema=ElectionRedirect,
              error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/ung-cu", election_candidate, permission=P_MANAGE, body=CandidateForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/bo-phieu", election_open, permission=P_MANAGE, body=OpenVoteForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/phieu", election_choice, permission=P_MANAGE, body=ChoiceForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/ket-thuc", election_close, permission=P_MANAGE, body=CloseVoteForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/cong-nhan", election_recognise, permission=P_DECIDE, body=RecogniseForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(f"{e}/{{id:int}}/bau-lai", election_rerun, permission=P_DECIDE, body=RerunForm,
              schema=ElectionRedirect, error_page=election_page, **write),
        *page(d, open_dismissal, permission=P_DECIDE, body=DismissalForm, schema=DismissalRedirect,
              error_page=elections_page, **write),
        *page(f"{d}/{{id:int}}", dismissal_page, permission=P_MANAGE, schema=DismissalPage),
        *page(f"{d}/{{id:int}}/kien-nghi", dismissal_sign, permission=P_MANAGE, body=SignatureForm,
              schema=DismissalRedirect, error_page=dismissal_page, **write),
        *page(f"{d}/{{id:int}}/bieu-quyet", dismissal_open, permission=P_MANAGE, body=OpenVoteForm,
              schema=DismissalRedirect, error_page=dismissal_page, **write),
        *page(f"{d}/{{id:int}}/phieu", dismissal_choice, permission=P_MANAGE, body=ChoiceForm,
              schema=DismissalRedirect, error_page=dismissal_page, **write),
        *page(f"{d}/{{id:int}}/ket-thuc", dismissal_close, permission=P_MANAGE, body=CloseVoteForm,
              schema=DismissalRedirect, error_page=dismissal_page, **write),
        *page(f"{d}/{{id:int}}/quyet-dinh", dismissal_decide, permission=P_DECIDE, body=DismissalDecisionForm,
              schema=DismissalRedirect, error_page=dismissal_page, **write),
    ]
