"""Holiday greetings from the working calendar, published as notices; the CLI; the demo."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from thanthien.core import demo
from thanthien.core.cli import CliContext
from thanthien.core.errors import IllegalTransition, ValidationError
from thanthien.core.types import SYSTEM_ACTOR
from thanthien.plugins.thamhoi import cli as th_cli
from thanthien.plugins.thamhoi import services as sv

from .conftest import at

D = dt.date


@pytest.mark.rule("R-LV-04")
def test_occasions_of_the_next_12_months_come_from_the_calendar(services):
    found = sv.occasions(services.calendar, D(2026, 6, 1), 12)
    assert [(o.key, o.day) for o in found] == [
        ("national_day", D(2026, 9, 2)),
        ("new_year", D(2027, 1, 1)),
        ("lunar_new_year", D(2027, 2, 6)),  # mùng 1 Tết Đinh Mùi, a lunar date
        ("victory_labour", D(2027, 4, 30)),
    ]
    tet = found[2]
    assert tet.name == "Tết Nguyên đán Đinh Mùi" and tet.provisional  # no official 2027 table yet
    assert not found[0].provisional  # 2026 comes from the official table (R-LV-15)
    # Tết Bính Ngọ 2026 from the official table; the window is [start, start + 12 months)
    assert next((o.key, o.day) for o in sv.occasions(services.calendar, D(2026, 1, 2), 12)) == \
        ("lunar_new_year", D(2026, 2, 17))
    assert D(2027, 1, 1) in [o.day for o in sv.occasions(services.calendar, D(2026, 1, 2), 12)]
    assert D(2027, 1, 1) not in [o.day for o in sv.occasions(services.calendar, D(2026, 1, 1), 12)]


def test_greeting_drafted_ahead_once(services):
    # the national day 02/09/2026 is drafted 15 days ahead (greeting_lead_days), not 16
    assert sv.plan_greetings(services, D(2026, 8, 17)) == []
    drafted = sv.plan_greetings(services, D(2026, 8, 18))
    assert [(g.occasion, g.occasion_date) for g in drafted] == [("national_day", D(2026, 9, 2))]
    assert sv.plan_greetings(services, D(2026, 8, 19)) == []  # once
    with pytest.raises(ValidationError, match="Đã có thư chúc mừng"):
        sv.draft_greeting(services, sv.find_occasion(services, "national_day", D(2026, 9, 2)))
    with pytest.raises(ValidationError, match="không có trong lịch"):
        sv.find_occasion(services, "national_day", D(2026, 9, 3))


@pytest.mark.rule("R-DL-07")
def test_greeting_is_signed_and_published_as_a_notice(services, staff):
    tet = sv.find_occasion(services, "lunar_new_year", D(2027, 2, 6))
    letter = sv.draft_greeting(services, tet, actor=staff.clerk)
    assert letter.subject == "Thư chúc mừng năm mới Xuân Đinh Mùi 2027"
    assert letter.addressee == "Toàn thể cán bộ và Nhân dân phường Bắc Kạn"
    with pytest.raises(IllegalTransition):
        sv.publish_greeting(services, letter.id, actor=staff.chair)
    with pytest.raises(ValidationError):
        sv.mark_sent(services, letter.id, method="post", actor=staff.clerk)
    sv.sign(services, letter.id, actor=staff.chair, at=at("2027-01-28T09:00"))
    published = sv.publish_greeting(services, letter.id, actor=staff.chair, at=at("2027-01-30T08:00"))
    assert published.state == "sent" and published.sent_method == "published"
    notice = services.notices.get(published.notice_id)
    assert notice.state == "published" and notice.title == letter.subject
    assert set(notice.channels) == {"loudspeaker", "website", "social_group"}
    assert notice.window_start == D(2027, 1, 30) and notice.window_end == D(2027, 2, 13)
    assert "Xuân Đinh Mùi 2027" in notice.body_html and notice.decision_ref == published.number_symbol
    texts = sv.broadcast_texts(services, published)
    assert texts["loudspeaker"].startswith("Kính thưa toàn thể Nhân dân phường Bắc Kạn!")
    assert "Lý Văn Chủ" in texts["social_group"] and "<p>" not in texts["social_group"]
    # a family letter is never published
    other = sv.draft_thank_you(services, addressee="Ông Hà Văn Khải", contributor_kind="resident",
                               contribution="hiến đất", actor=staff.clerk)
    sv.sign(services, other.id, actor=staff.chair)
    with pytest.raises(ValidationError, match="Chỉ thư chúc mừng năm mới"):
        sv.publish_greeting(services, other.id, actor=staff.chair)
    assert all("Hà Văn Khải" not in n.body_html for n in services.notices.published())


def test_cli_lists_occasions_and_drafts(services, settings, pm, db):
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out)
    ctx._db = db
    command = th_cli.command()
    parser = __import__("argparse").ArgumentParser()
    command.configure(parser)
    command.run(parser.parse_args(["check", "--date", "18/08/2026"]), ctx)
    assert "1 thư chúc mừng mới được soạn" in out.getvalue()
    command.run(parser.parse_args(["dip-le", "--date", "01/06/2026"]), ctx)  # the older name still works
    lines = out.getvalue().splitlines()
    assert "02/09/2026\tQuốc khánh 2/9\tDự thảo, chờ ký" in lines
    assert "06/02/2027\tTết Nguyên đán Đinh Mùi (tạm tính)\tChưa soạn thư" in lines


def test_demo_year(settings, db):
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services
    from thanthien.plugins import thamhoi

    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("thamhoi", thamhoi.plugin)])
    services = make_services(settings, pm)
    demo.build_demo_ward(settings, pm, services, households=20, seed=3, today=D(2026, 10, 15))  # runs our demo
    letters = sv.letters(services, actor=SYSTEM_ACTOR, limit=1000)
    kinds = {letter.kind for letter in letters}
    assert kinds == {"congratulation_letter", "condolence_letter", "thank_you_letter", "apology_letter",
                     "holiday_greeting"}
    assert any(letter.state == "draft" for letter in letters) and any(letter.state == "sent" for letter in letters)
    greetings = [letter for letter in letters if letter.kind == "holiday_greeting"]
    assert {g.occasion for g in greetings if g.state == "sent"} == {"new_year", "lunar_new_year",
                                                                   "victory_labour", "national_day"}
    kinds_done = [a.kind for a in sv.activities(services, actor=SYSTEM_ACTOR, state="done", limit=1000)]
    assert kinds_done.count("respected_meeting") == 1 and "visit" in kinds_done and "letter_ceremony" in kinds_done
    assert services.indicators.value("thamhoi.respected_meetings", D(2025, 10, 15), D(2026, 10, 15)) == 1
    assert all(letter.drafted_at.date() <= D(2026, 10, 15) for letter in letters)  # a year as of the demo's date
