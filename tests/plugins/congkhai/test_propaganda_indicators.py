"""Propaganda and training (plan III.2.1, III.3) and the module's indicators."""
import pytest
from thanthien.core.errors import ValidationError
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import ConferenceRow

from .helpers import at, d

Q1 = (d("2026-01-01"), d("2026-03-31"))


def test_conference_coverage_against_the_100_percent_target(core, ward):
    g1, g2, g3 = ward.groups
    for g in (g1, g2):
        ck.record_conference(core, kind="dccs_law", topic="Phổ biến Luật Thực hiện dân chủ ở cơ sở",
                             held_on=d("2026-03-10"), place=f"Nhà văn hóa {g.name}", audience="residents",
                             unit_id=g.id, invited=80, attended=65, actor=ward.officer, today=d("2026-03-31"))
    ck.record_conference(core, kind="model_training", topic="Tập huấn mô hình", held_on=d("2026-03-12"),
                         place="Hội trường UBND", audience="staff", invited=40, attended=38, actor=ward.officer,
                         today=d("2026-03-31"))
    cov = ck.propaganda_coverage(core, *Q1)
    assert (cov.groups, cov.covered, cov.percent, cov.reached) == (3, 2, 66.7, False)
    assert [m["name"] for m in cov.missing] == ["Tổ dân phố số 3"]
    ck.record_conference(core, kind="dccs_law", topic="Phổ biến Luật", held_on=d("2026-03-20"),
                         place="Nhà văn hóa", audience="residents", unit_id=g3.id, attended=50,
                         actor=ward.officer, today=d("2026-03-31"))
    assert ck.propaganda_coverage(core, *Q1).reached is True


def test_conference_validation(core, ward):
    with pytest.raises(ValidationError) as e:
        ck.record_conference(core, kind="tiec", topic="", held_on=d("2026-04-10"), place="", audience="x",
                             invited=10, attended=20, actor=ward.officer, today=d("2026-04-01"))
    assert {f for f, _ in e.value.errors} == {"kind", "topic", "place", "audience", "held_on", "attended"}
    assert ConferenceRow.select().count() == 0


def test_media_items(core, ward):
    ck.record_media(core, kind="article", title="Phường Bắc Kạn ra mắt mô hình chính quyền thân thiện",
                    published_on=d("2026-03-15"), channel="website", topic="model",
                    url="https://backan.example.gov.vn/tin/1", actor=ward.officer, today=d("2026-03-31"))
    with pytest.raises(ValidationError):
        ck.record_media(core, kind="article", title="x", published_on=d("2026-03-15"), channel="website",
                        topic="model", url="javascript:alert(1)", actor=ward.officer, today=d("2026-03-31"))
    assert [m.title[:6] for m in ck.media_items(core, *Q1, actor=ward.officer)] == ["Phường"]


def test_indicators(core, ward):
    inds = core.indicators
    g1 = ward.groups[0]

    def publish(cat, day, decision):
        n = ck.create_notice(core, category=cat, title=cat, actor=ward.officer, decision_date=d(decision),
                             today=d(day))
        return ck.publish_notice(core, n.id, actor=ward.officer, at=at(day))

    on_time = publish("ngan_sach", "2026-03-03", "2026-03-02")
    publish("ngan_sach", "2026-03-20", "2026-03-02")  # late
    ck.record_posting(core, on_time.id, kind="website", posted_on=d("2026-03-03"), actor=ward.officer,
                      today=d("2026-03-31"))
    req = ck.open_request(core, channel="online", requester_name="Hà Văn Nam", requester_id_no="006190012345",
                          requester_address="TDP 1", info_requested="Dự toán", purpose="Tìm hiểu",
                          delivery_form="email", actor=ward.officer, received_at=at("2026-03-02"))
    ck.provide_information(core, req.id, actor=ward.officer, at=at("2026-03-04"))
    ck.record_conference(core, kind="dccs_law", topic="Luật", held_on=d("2026-03-10"), place="NVH",
                         audience="residents", unit_id=g1.id, actor=ward.officer, today=d("2026-03-31"))
    assert inds.value("congkhai.notices_published", *Q1) == 2
    assert inds.value("congkhai.notices_published.ngan_sach", *Q1) == 2
    assert inds.value("congkhai.notices_published.tthc", *Q1) == 0
    assert inds.value("congkhai.on_time_share", *Q1) == 50.0
    # 2 notices × (website + office + 3 houses + 3 social groups) = 16 places, 1 done
    assert inds.value("congkhai.placements_done_share", *Q1) == round(100 / 16, 1)
    assert inds.value("congkhai.group_coverage", *Q1) == 33.3
    assert inds.value("congkhai.requests_on_time", *Q1) == 100.0
    assert inds.value("congkhai.on_time_share", d("2025-01-01"), d("2025-03-31")) is None


def test_cli_indicators_over_a_period_and_the_older_names(core, ward, settings, pm, db):
    from .helpers import run_cli

    ck.record_conference(core, kind="dccs_law", topic="Luật", held_on=d("2026-03-10"), place="NVH",
                         audience="residents", unit_id=ward.groups[0].id, actor=ward.officer, today=d("2026-03-31"))
    status, out = run_cli(settings, pm, db, core, "indicators", "--from", "2026-01-01", "--to", "31/03/2026")
    assert status == 0 and "TỪ 01/01/2026 ĐẾN 31/03/2026" in out
    assert "congkhai.group_coverage\t" in out and "\t33.3\t" in out
    assert run_cli(settings, pm, db, core, "chi-tieu", "--tu", "2026-01-01", "--den", "2026-03-31")[1] == out
    status, out = run_cli(settings, pm, db, core, "requests", "--year", "2026")
    assert status == 0 and out.startswith("SỔ THEO DÕI CUNG CẤP THÔNG TIN THEO YÊU CẦU NĂM 2026")
