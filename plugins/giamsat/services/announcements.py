"""Announcements to the community (plan III.2.3b; R-CK item 3): the board's members (name
and role), plans, results and the UBND's answers, published as a notice."""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup
from thanthien.core import audit
from thanthien.core.storage.db import write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import Actor

from ..models import BoardRow
from ..types import NOTICE_CATEGORY, P_BOARDS
from .common import board_scope, get_board
from .public import supervised_project

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def announce(core: CoreServices, board_id: int, *, actor: Actor):
    """Publish the board's members (name and role), plan, results and the UBND answers as a
    notice of category ``du_an_dat_dai_quy_hoach``; nothing personal beyond names."""
    core.access.require(actor, P_BOARDS, board_scope(core, board_id))
    board = get_board(board_id)
    view = supervised_project(core, board.project_id)
    p = view.project
    parts = [Markup("<p>{}</p>").format(f"Chủ đầu tư: {p.investor}. Nguồn vốn: {p.funding_label}. "
                                        f"Địa điểm: {p.location}.")]
    parts.append(Markup("<h3>Thành viên Ban giám sát</h3><ul>{}</ul>").format(
        Markup("").join(Markup("<li>{} – {}</li>").format(m.full_name, m.role_label) for m in view.board.members)))
    for plan in view.plans:
        parts.append(Markup("<h3>Kế hoạch giám sát: {}</h3><p>Từ {} đến {}.</p>").format(
            plan.title, format_date(plan.start_on), format_date(plan.end_on)))
    parts.append(Markup("<h3>Kết quả giám sát</h3><ul>{}</ul>").format(
        Markup("").join(Markup("<li>{}: {}</li>").format(c.label, c.status_label) for c in view.checks)))
    if view.recommendations:
        parts.append(Markup("<h3>Kiến nghị và trả lời của UBND</h3><ul>{}</ul>").format(Markup("").join(
            Markup("<li>{}: {} – {}</li>").format(r.number, r.content, r.answer or "đang chờ trả lời")
            for r in view.recommendations)))
    notices = core.notices
    with write_transaction():
        notice = notices.create(category=NOTICE_CATEGORY, actor=actor, body_html=str(Markup("").join(parts)),
                                title=f"Ban Giám sát đầu tư của cộng đồng, kế hoạch và kết quả giám sát dự án "
                                      f"{p.name}"[:500],
                                channels=("website", "office", "group_house"))
        notice = notices.publish(notice.id, actor=actor)
        BoardRow.update(notice_ids=list(BoardRow.get_by_id(board_id).notice_ids or []) + [notice.id]).where(
            BoardRow.id == board_id).execute()
        audit.record("giamsat.board.announce", "giamsat_board", board_id, actor=actor, after={"notice": notice.id})
    return notice
