"""Plan module ``baocao``: the chairman's plan dashboard, the periodic and year-end
reports, the external indices and the open indicator data (báo cáo, theo dõi kế hoạch).

Plan sections II (the summary report every December), I.4 (SIPAS, PAR INDEX, PAPI) and
IV.2 (Phòng Văn hóa - Xã hội drafts the report). The dashboard reads the indicators that
every enabled module registers (``core.indicators``), against the plan's targets (a
ward's own in ``[plugin.baocao]``); a report is issued as a numbered document "…/BC-UBND"
(R-VB-10) through core documents. The work is in :mod:`.services`.
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import BaocaoSettings

LEADERS = ("chairperson", "vice_chairperson")


class Baocao(PlanModule):
    name = "baocao"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = BaocaoSettings

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import P_INDEX, P_ISSUE, P_REPORT, P_VIEW, PLUGIN

        return [
            Permission(P_VIEW, "Xem bảng theo dõi kế hoạch và chỉ tiêu (trong phạm vi được giao)",
                       (*LEADERS, "department_officer", "one_stop_officer", "group_head"), PLUGIN),
            Permission(P_REPORT, "Soạn báo cáo kết quả thực hiện kế hoạch", (*LEADERS, "department_officer"), PLUGIN),
            Permission(P_ISSUE, "Ký, ban hành báo cáo kết quả thực hiện kế hoạch", LEADERS, PLUGIN),
            Permission(P_INDEX, "Nhập chỉ số SIPAS, PAR INDEX, PAPI do tỉnh công bố",
                       (*LEADERS, "department_officer"), PLUGIN),
        ]

    @hookimpl
    def register_document_types(self, settings):
        from thanthien.core.documents import DocumentType

        from .types import DOC_TYPE, PLUGIN

        # "Số …/BC-UBND" (R-VB-10): a report of the People's Committee
        return [DocumentType(DOC_TYPE, "Báo cáo", "BC", "documents/baocao_bao_cao.html", plugin=PLUGIN)]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators

        return indicators(core)

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW

        return [NavItem("Theo dõi kế hoạch", "/baocao/", P_VIEW, order=5),
                NavItem("Dữ liệu mở", "/baocao/du-lieu-mo", None, order=90, staff=False)]

    @hookimpl
    def register_dashboard_widgets(self, settings):
        from .widgets import WIDGET

        return [WIDGET]


plugin = Baocao()
