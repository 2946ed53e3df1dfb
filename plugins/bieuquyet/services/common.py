"""Helpers shared by the bieuquyet services: settings, the register, documents, notices."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core.documents import Issuer
from thanthien.core.models import HouseholdRow, UnitRow
from thanthien.core.text import format_date

from ..types import P_VIEW, PLUGIN

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: document types (NĐ 59 forms, R-BQ-40) — the keys registered by the plugin
DOC_NOTICE = "bieuquyet_thong_bao_hop"  # Mẫu 01
DOC_COUNT = "bieuquyet_bb_kiem_phieu"  # Mẫu 02 (meeting), Mẫu 04 (household ballot)
DOC_RECORD = "bieuquyet_bb_ket_qua"  # Mẫu 03, the decision record (R-BQ-39)
#: the notice category of meeting notices (posted at the community house, R-BQ-12)
NOTICE_CATEGORY = "bieuquyet_hop"
MATTER_OWNER = f"{PLUGIN}.matter"
MEETING_OWNER = f"{PLUGIN}.meeting"


def config(core: CoreServices) -> Any:
    return core.config(PLUGIN)


def unit_name(unit_id: int | None) -> str:
    if unit_id is None:
        return "Toàn phường"
    unit = UnitRow.get_or_none(UnitRow.id == unit_id)
    return unit.name if unit else ""


def household_ids(unit_ids: list[int]) -> list[int]:
    """Active households of the register in the units."""
    if not unit_ids:
        return []
    q = HouseholdRow.select(HouseholdRow.id).where(HouseholdRow.group.in_(unit_ids),
                                                   HouseholdRow.active == True)  # noqa: E712
    return [h.id for h in q.order_by(HouseholdRow.id)]


def group_issuer(core: CoreServices, unit_id: int | None) -> Issuer | None:
    """A residential group's documents are headed by the group under the ward's committee
    (R-VB-08, R-VB-09); ward-wide ones are the People's Committee's own (None)."""
    if unit_id is None:
        return None
    return Issuer(unit_name(unit_id), "TDP", core.settings.ward.committee_name)


def issue(core: CoreServices, doc_type: str, *, subject: str, context: dict, unit_id: int | None,
          signer_name: str, signer_title: str, owner: tuple[str, int], on: dt.date, actor,
          recipients: list[str] | None = None) -> Any:
    """A numbered document of the community in the NĐ 30 layout (core documents)."""
    return core.documents.issue(
        doc_type, subject=subject[:500], context=context, signer_name=signer_name or actor.name,
        signer_title=signer_title, signing_authority="", issuer=group_issuer(core, unit_id),
        recipients=recipients or [core.settings.ward.committee_name,
                                  f"Ủy ban MTTQ Việt Nam {core.settings.ward.name}", "Lưu tại tổ dân phố"],
        issued_on=on, unit_id=unit_id, owner=owner, view_permission=P_VIEW, actor=actor,
        drafting_unit=config(core).drafting_unit)


def vn_date(value: dt.date | dt.datetime | None) -> str:
    return format_date(value) if value else ""
