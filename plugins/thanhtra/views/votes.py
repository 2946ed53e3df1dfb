"""Staff pages of a seat vote counted household by household on core's vote engine
(R-BQ-28, R-BQ-33): open it from the election form, record each household's choice at
the meeting or on paper, close it — the seat is then recorded (``vote_closed``)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from thanthien.core.errors import ValidationError
from thanthien.web.forms import structure
from thanthien.web.render import redirect, respond
from thanthien.web.request import actor_of, core_of, path_id, require

from .. import services
from ..forms import CloseSeatVoteForm, SeatChoiceForm, SeatVoteForm
from ..schemas import HouseholdChoice, SeatVotePage
from ..types import P_BOARD

BASE = "/thanhtra"
CHOICES = {"dong_y": "Đồng ý", "khong_dong_y": "Không đồng ý"}
CHANNELS = {"meeting": "Tại cuộc họp", "paper": "Phiếu lấy ý kiến"}


def open_vote(request: Request, form) -> Response:
    """Mở cuộc biểu quyết của các hộ gia đình bầu thành viên Ban (R-BQ-33)."""
    require(request, P_BOARD, services.board_scope())
    data = structure(form, SeatVoteForm)
    term = services.current_term()
    vote = services.open_seat_vote(core_of(request), term_id=data.term_id or (term.id if term else None),
                                   group_id=data.group_id, candidate_id=data.candidate_id, held_on=data.held_on,
                                   form=data.form, kind=data.kind, standards_confirmed=data.standards_confirmed,
                                   note=data.note, actor=actor_of(request))
    return redirect(request, f"{BASE}/bieu-quyet/{vote.id}",
                    f"Đã mở biểu quyết: {vote.electorate_total} hộ gia đình theo sổ hộ gia đình.",
                    data={"vote_id": vote.id})


def vote_page(request: Request, form) -> Response:
    """Biểu quyết của các hộ gia đình về một ghế của Ban."""
    require(request, P_BOARD, services.board_scope())
    result, households = services.seat_vote(core_of(request), path_id(request), actor=actor_of(request))
    data = SeatVotePage(result.vote_id, result.title, result.state, result.electorate_total, result.participated,
                        result.counts.get("dong_y", 0), result.passed,
                        [HouseholdChoice(i, code, choice) for i, code, choice in households])
    return respond(request, "thanhtra/seat_vote.html", data,
                   breadcrumbs=[("Ban Thanh tra nhân dân", f"{BASE}/ban"), (result.title, None)],
                   context={"choices": list(CHOICES.items()), "channels": list(CHANNELS.items())})


def vote_choice(request: Request, form) -> Response:
    """Ghi lựa chọn của một hộ gia đình."""
    require(request, P_BOARD, services.board_scope())
    data = structure(form, SeatChoiceForm)
    if data.channel not in CHANNELS:
        raise ValidationError([("channel", "Cách biểu quyết không hợp lệ.")])
    if data.choice not in CHOICES:
        raise ValidationError([("choice", "Vui lòng chọn Đồng ý hoặc Không đồng ý.")])
    vote_id = path_id(request)
    result = services.record_seat_choices(core_of(request), vote_id, {data.household_id: data.choice},
                                          channel=data.channel, actor=actor_of(request))
    return redirect(request, f"{BASE}/bieu-quyet/{vote_id}",
                    f"Đã ghi: {result.participated}/{result.electorate_total} hộ gia đình đã biểu quyết.",
                    data={"vote_id": vote_id})


def vote_close(request: Request, form) -> Response:
    """Kết thúc biểu quyết và ghi nhận kết quả vào ghế của Ban."""
    require(request, P_BOARD, services.board_scope())
    if not structure(form, CloseSeatVoteForm).confirm:
        raise ValidationError([("confirm", "Vui lòng xác nhận kết thúc biểu quyết.")])
    meeting, member = services.close_seat_vote(core_of(request), path_id(request), actor=actor_of(request))
    if member is not None:
        message = (f"{member.full_name} trúng cử với {meeting.votes_for}/{meeting.total_households} hộ đồng ý; chờ "
                   f"Ủy ban MTTQ công nhận (R-BQ-33).")
        return redirect(request, f"{BASE}/thanh-vien/{member.id}", message, data={"vote_id": path_id(request)})
    return redirect(request, f"{BASE}/ban", f"Kết quả: {meeting.votes_for}/{meeting.total_households} hộ đồng ý; "
                    f"{'thông qua' if meeting.passed else 'không thông qua'}.", data={"vote_id": path_id(request)})
