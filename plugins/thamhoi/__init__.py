"""Plan module ``thamhoi``: contact, visits and encouragement (tiếp xúc, thăm hỏi, động viên).

Plan section III.1.6; rules R-VB (letters in the NĐ 30/2020 layout), R-DL (the family's
data stays off public pages), R-MC-15 / R-MC-17 (apology letters), R-LV (holiday dates).
Hook implementations only; the work is in :mod:`.services`.
"""
from __future__ import annotations

from pathlib import Path

from thanthien.core import hookimpl
from thanthien.core.types import Indicator, LetterTemplate, NavItem, Permission

HERE = Path(__file__).resolve().parent
VIEWERS = ("chairperson", "vice_chairperson", "department_officer", "one_stop_officer", "admin")


@hookimpl
def register_migrations(settings):
    from thanthien.core.storage.migrate import MigrationSet

    return MigrationSet("thamhoi", HERE / "migrations")


@hookimpl
def register_models(settings):
    from .models import MODELS

    return MODELS


@hookimpl
def register_permissions(settings):
    return [
        Permission("thamhoi.view", "Xem thư thăm hỏi, chúc mừng và hoạt động thăm hỏi", VIEWERS, "thamhoi"),
        Permission("thamhoi.manage", "Soạn thư, lập kế hoạch lễ trao thư, thăm hỏi, gặp mặt",
                   ("chairperson", "vice_chairperson", "department_officer"), "thamhoi"),
        Permission("thamhoi.sign", "Ký thư của Chủ tịch UBND, công bố thư chúc mừng",
                   ("chairperson", "vice_chairperson"), "thamhoi"),
    ]


@hookimpl
def register_letter_templates(settings):
    from .types import LETTER_KINDS

    return [LetterTemplate(key, name, f"letters/{key}.html", 0, "thamhoi") for key, name in LETTER_KINDS.items()]


@hookimpl
def register_document_types(settings):
    from thanthien.core.documents import DocumentType

    from .services import DOC_TYPE

    # NĐ 30/2020 Art. 7 "thư công": a letter kind with "Kính gửi:" and "V/v" (R-VB-14, R-VB-19)
    return [DocumentType(DOC_TYPE, "Thư công", "", "documents/thamhoi_thu_cong.html", kind="letter",
                         plugin="thamhoi")]


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


@hookimpl
def register_personal_fields(settings):
    from thanthien.core.privacy import PersonalField

    return [
        PersonalField("thamhoi_letter", "addressee", "basic", "Người nhận thư"),
        PersonalField("thamhoi_letter", "context", "basic", "Họ tên người trong gia đình được chúc mừng, chia buồn"),
        PersonalField("thamhoi_activity", "guests", "basic", "Khách mời gặp mặt"),
        PersonalField("thamhoi_activity", "place", "basic", "Địa chỉ gia đình được thăm hỏi"),
    ]


@hookimpl
def life_event_recorded(kind, people, case, services):
    """A birth, marriage or death registered: draft the congratulation or condolence letter
    in the same transaction (plan III.1.6)."""
    from . import services as sv

    sv.on_life_event(services, kind, people, case)


@hookimpl
def case_closed(case, event, services):
    """A TTHC result returned late: draft the apology letter (plan III.1.6, R-MC-15)."""
    from . import services as sv

    sv.on_case_closed(services, case)


@hookimpl
def register_indicators(settings):
    from . import services as sv

    def ind(key, label, unit, target=None):
        return Indicator(f"thamhoi.{key}", label, unit, lambda start, end, k=key: sv.indicator_value(k, start, end),
                         target, "thamhoi")

    return [
        ind("letters_sent", "Thư thăm hỏi, chúc mừng, cảm ơn, xin lỗi đã gửi", "thư"),
        ind("late_apology_share", "Tỷ lệ hồ sơ trả quá hạn đã gửi thư xin lỗi", "%", 100),  # plan III.1.6
        ind("respected_meetings", "Buổi gặp mặt người có uy tín, tổ chức, cá nhân ủng hộ", "buổi", 1),
    ]


@hookimpl
def register_routes(settings):
    from .views import routes

    return routes()


@hookimpl
def register_nav_items(settings):
    return [NavItem("Thăm hỏi", "/thamhoi/", "thamhoi.view", order=40)]


@hookimpl
def register_cli_commands(settings):
    from .cli import command

    return [command()]


@hookimpl
def register_demo_data(demo):
    from .demo import build

    build(demo)
