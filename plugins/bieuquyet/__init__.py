"""Plan module ``bieuquyet``: residents discuss and decide (Nhân dân bàn và quyết định).

Plan III.2.2 and I.3; rules R-BQ (Luật DCCS Art. 15–22, NĐ 59/2023 Art. 3–5). Matters of
Art. 15 with the forms each may use, community meetings, household ballots, online
votes, thresholds over **all** households of the register, the decision's forwarding and
recognition clocks, one-time codes, the participation dashboard and public results.

Counting is core's vote engine (:mod:`thanthien.core.voting`), which any module may use;
this module organises the votes (meetings, ballots, online rounds) around it. The work is
in :mod:`.services`, the pages in :mod:`.views` (one module per sub-area).
"""
from __future__ import annotations

from thanthien.core import PlanModule, hookimpl

from .settings import BieuquyetSettings

#: who plans and runs consultations (lấy ý kiến Nhân dân)
CONSULT_STAFF = ("chairperson", "vice_chairperson", "department_officer")


class Bieuquyet(PlanModule):
    name = "bieuquyet"  # == types.PLUGIN (types load with the hooks that use them)
    settings_class = BieuquyetSettings

    @hookimpl
    def subject_for_opinion(self, kind, id, core):
        """A published consultation (lấy ý kiến Nhân dân) is a subject of opinions."""
        if kind != "bieuquyet.consultation":
            return None
        from thanthien.core.errors import NotFound
        from thanthien.core.opinions import Subject

        from .services import consultations

        try:
            c = consultations.public(id)
        except NotFound:
            return None
        return Subject(kind, c.id, c.title, f"/{self.name}/y-kien/{c.id}")

    @hookimpl
    def register_permissions(self, settings):
        from thanthien.core.types import Permission

        from .types import LEADERS, ORGANISERS, P_CODES, P_DECIDE, P_MANAGE, P_VIEW, PLUGIN
        from .types_consultations import P_CONSULT_MANAGE, P_CONSULT_MODERATE, P_CONSULT_VIEW

        return [
            Permission(P_VIEW, "Xem nội dung biểu quyết, cuộc họp, phiếu lấy ý kiến và mức độ tham gia của tổ",
                       ORGANISERS, PLUGIN),
            Permission(P_MANAGE, "Tổ chức họp cộng đồng dân cư, phát phiếu, biểu quyết trực tuyến; ghi điểm danh, "
                                 "kết quả biểu quyết", ORGANISERS, PLUGIN),
            Permission(P_DECIDE, "Thống nhất nội dung toàn phường, công nhận, không công nhận, hủy bỏ quyết định "
                                 "của cộng đồng", LEADERS, PLUGIN),
            Permission(P_CODES, "Cấp, in, thu hồi mã dùng một lần của hộ gia đình", ORGANISERS, PLUGIN),
            # consultations (lấy ý kiến Nhân dân, R-YK-01…10): the ward's staff
            Permission(P_CONSULT_VIEW, "Xem các đợt lấy ý kiến Nhân dân, ý kiến và góp ý đã nhận", CONSULT_STAFF,
                       PLUGIN),
            Permission(P_CONSULT_MANAGE, "Lập kế hoạch, công bố, ghi nhận ý kiến, in mã góp ý, công khai kết quả và "
                                         "báo cáo HĐND về lấy ý kiến Nhân dân", CONSULT_STAFF, PLUGIN),
            Permission(P_CONSULT_MODERATE, "Ẩn góp ý trực tuyến không phù hợp (ghi rõ lý do, không xóa)",
                       CONSULT_STAFF, PLUGIN),
        ]

    @hookimpl
    def register_document_types(self, settings):
        from thanthien.core.documents import DocumentType

        from .services.common import DOC_COUNT, DOC_NOTICE, DOC_RECORD
        from .types import PLUGIN

        # NĐ 59 forms (R-BQ-40) in the NĐ 30 layout: Mẫu 01 notice; Mẫu 02/04 count minutes;
        # Mẫu 03 the record of the result (R-BQ-25, R-BQ-39)
        return [
            DocumentType(DOC_NOTICE, "Thông báo họp cộng đồng dân cư", "TB", "documents/thong_bao.html",
                         plugin=PLUGIN),
            DocumentType(DOC_COUNT, "Biên bản kiểm phiếu", "BB", "documents/bieuquyet_bien_ban.html", plugin=PLUGIN),
            DocumentType(DOC_RECORD, "Biên bản kết quả Nhân dân bàn và quyết định", "BB",
                         "documents/bieuquyet_bien_ban.html", plugin=PLUGIN),
        ]

    @hookimpl
    def register_notice_categories(self, settings):
        from thanthien.core.types import NoticeCategory

        from .services.common import NOTICE_CATEGORY
        from .types import PLUGIN

        # R-BQ-12: the meeting notice is posted at the community house
        return [NoticeCategory(NOTICE_CATEGORY, "Thông báo họp cộng đồng dân cư", None, PLUGIN)]

    @hookimpl
    def register_personal_fields(self, settings):
        from thanthien.core.privacy import PersonalField

        return [
            PersonalField("bieuquyet_attendance", "representative", "basic", "Người đại diện hộ gia đình dự họp"),
            PersonalField("bieuquyet_initiative", "initiator_name", "basic", "Người đề xuất sáng kiến"),
            PersonalField("bieuquyet_consultation_comment", "household_id", "basic",
                          "Hộ gia đình gửi góp ý (không hiển thị công khai)"),
            PersonalField("bieuquyet_consultation_comment", "person_id", "basic",
                          "Người gửi góp ý (không hiển thị công khai)"),
        ]

    @hookimpl
    def register_indicators(self, settings, core):
        from .indicators import indicators
        from .indicators_consultations import indicators as consultation_indicators

        return [*indicators(core), *consultation_indicators(core)]

    @hookimpl
    def register_nav_items(self, settings):
        from thanthien.core.types import NavItem

        from .types import P_VIEW
        from .types_consultations import P_CONSULT_VIEW

        return [NavItem("Bàn và quyết định", "/bieuquyet/can-bo", P_VIEW, order=45),
                NavItem("Nhân dân bàn và quyết định", "/bieuquyet/", None, order=45, staff=False),
                NavItem("Lấy ý kiến Nhân dân", "/bieuquyet/y-kien/quan-ly", P_CONSULT_VIEW, order=46),
                NavItem("Lấy ý kiến Nhân dân", "/bieuquyet/y-kien/", None, order=44, staff=False)]


plugin = Bieuquyet()
