"""The compliance check finds every seeded gap and nothing else."""
import datetime as dt
import json

import pytest
from thanthien.plugins.congkhai import exports
from thanthien.plugins.congkhai import services as ck

from .helpers import at, d, run_cli

TODAY = d("2026-05-04")


def draft(core, ward, category, title, decision=None, day="2026-03-02"):
    return ck.create_notice(core, category=category, title=title, body_html=f"<p>{title}</p>",
                            actor=ward.officer, decision_ref="QĐ" if decision else "",
                            decision_date=d(decision) if decision else None, today=d(day))


def publish(core, ward, category, title, day, decision=None):
    n = draft(core, ward, category, title, decision, day)
    return ck.publish_notice(core, n.id, actor=ward.officer, at=at(day))


def post(core, ward, notice, kind, unit=None, on=None, removed=None):
    return ck.record_posting(core, notice.id, kind=kind, unit_id=unit, posted_on=on or notice.published_at.date(),
                             removed_on=removed, actor=ward.officer, today=TODAY)


def complete(core, ward, notice, skip=()):
    """Record every required place on the publication day (3 days of broadcast)."""
    for r in ck.requirements(notice.id):
        if (r.kind, r.unit_id) in skip or r.kind in skip:
            continue
        if r.kind == "loudspeaker":
            for i in range(r.broadcast_days):
                post(core, ward, notice, "loudspeaker", on=notice.published_at.date() + dt.timedelta(days=i))
        else:
            post(core, ward, notice, r.kind, r.unit_id)


@pytest.fixture
def seeded(core, ward):
    g1, g2, g3 = (g.id for g in ward.groups)
    n = {}
    # A: budget, on time; TDP03's house never posted; office board taken down after 29 days,
    #    TDP01's house after exactly 30 days (allowed).
    n["A"] = a = publish(core, ward, "ngan_sach", "Công khai dự toán ngân sách 2026", "2026-03-03", "2026-03-02")
    complete(core, ward, a, skip=[("group_house", g3), "office", ("group_house", g1)])
    post(core, ward, a, "office", removed=d("2026-04-01"))
    post(core, ward, a, "group_house", g1, removed=d("2026-04-02"))
    # B: disaster support published one working day late; broadcast 10, 11, 13/3 (2 consecutive);
    #    TDP02's head never received it.
    n["B"] = b = publish(core, ward, "ho_tro_thien_tai", "Hỗ trợ thiệt hại do mưa đá", "2026-03-10", "2026-03-02")
    complete(core, ward, b, skip=["loudspeaker", ("group_head", g2)])
    for day in ("2026-03-10", "2026-03-11", "2026-03-13"):
        post(core, ward, b, "loudspeaker", on=d(day))
    # C: democracy regulation (permanent); version 1 still on the office board after version 2.
    c1 = publish(core, ward, "quy_che_dan_chu_nhiem_vu_cb", "Quy chế dân chủ phường", "2026-01-05")
    post(core, ward, c1, "office")
    c2 = ck.revise_notice(core, c1.id, title="Quy chế dân chủ phường (sửa đổi)", body_html="<p>Sửa</p>",
                          actor=ward.officer)
    n["C1"], n["C2"] = c1, ck.publish_notice(core, c2.id, actor=ward.officer, at=at("2026-03-02"))
    complete(core, ward, n["C2"])
    # D: administrative procedures (permanent) taken off the office board while in force.
    n["D"] = dd = publish(core, ward, "tthc", "Danh mục thủ tục hành chính", "2026-01-05")
    complete(core, ward, dd, skip=["office"])
    post(core, ward, dd, "office", removed=d("2026-04-01"))
    # E: a draft whose deadline passed.
    n["E"] = draft(core, ward, "tai_san_cong", "Thanh lý tài sản công", "2026-04-01", day="2026-04-01")
    # F: recent consultation: nothing due yet, broadcast still running (not gaps).
    n["F"] = f = publish(core, ward, "lay_y_kien", "Lấy ý kiến về đề án", "2026-04-30", "2026-04-29")
    post(core, ward, f, "loudspeaker", on=d("2026-05-03"))
    post(core, ward, f, "loudspeaker", on=d("2026-05-04"))
    # G: withdrawn, everything taken down (no gap).
    n["G"] = gg = publish(core, ward, "phi_le_phi", "Mức thu phí", "2026-03-02", "2026-03-02")
    complete(core, ward, gg, skip=["office", "website", "group_house"])
    post(core, ward, gg, "office", removed=d("2026-03-04"))
    ck.withdraw_notice(core, gg.id, reason="Nhầm mức thu", actor=ward.officer)
    # H: plan posted 06/04: complete, minimum period ends 06/05 (expiring soon).
    n["H"] = h = publish(core, ward, "ke_hoach_ktxh", "Kế hoạch phát triển KT-XH", "2026-04-06", "2026-04-06")
    complete(core, ward, h)
    return n


@pytest.mark.rule("R-CK-03")
@pytest.mark.rule("R-CK-06")
@pytest.mark.rule("R-CK-07")
@pytest.mark.rule("R-CK-09")
@pytest.mark.rule("R-CK-12")
def test_check_finds_every_seeded_gap_and_nothing_else(core, ward, seeded):
    g1, g2, g3 = (g.id for g in ward.groups)
    n = seeded
    report = ck.check(core, TODAY, actor=ward.officer)
    found = sorted((g.kind, g.notice_id, g.place, g.unit_id, g.rule_ids) for g in report.gaps)
    expected = sorted([
        ("missing", n["A"].id, "group_house", g3, ("R-CK-05", "R-CK-06")),
        ("removed_early", n["A"].id, "office", None, ("R-CK-05", "R-CK-06")),
        ("late", n["B"].id, "", None, ("R-CK-03",)),
        ("broadcast_short", n["B"].id, "loudspeaker", None, ("R-CK-09",)),
        ("missing", n["B"].id, "group_head", g2, ("R-CK-10",)),
        ("not_taken_down", n["C1"].id, "office", None, ("R-CK-07",)),
        ("removed_early", n["D"].id, "office", None, ("R-CK-07",)),
        ("late", n["E"].id, "", None, ("R-CK-03",)),
    ])
    assert found == expected
    messages = {(g.kind, g.notice_id): g.message for g in report.gaps}
    assert "chậm 1 ngày làm việc" in messages[("late", n["B"].id)]
    assert "(29 ngày), chưa đủ 30 ngày" in messages[("removed_early", n["A"].id)]
    # F is still within its deadline: to do, not a gap.
    pending = {(p.notice_id, p.requirement.kind) for p in report.pending}
    assert (n["F"].id, "website") in pending and (n["F"].id, "loudspeaker") in pending
    # H's minimum posting period ends on 06/05: flagged as expiring.
    assert {(p.notice_id, p.kind) for p in report.expiring} == {(n["H"].id, "office"), (n["H"].id, "group_house")}
    cover = {c.unit_id: c for c in report.groups}
    assert cover[g1].percent == 100.0
    assert cover[g2].done == cover[g2].required - 1
    assert cover[g3].done == cover[g3].required - 1


@pytest.mark.rule("R-CK-06")
def test_r_ck_06_boundary_30_days_allowed_29_not(core, ward):
    a = publish(core, ward, "quy_dong_gop", "Quỹ", "2026-03-03", "2026-03-02")
    complete(core, ward, a, skip=["group_house"])
    g1, g2, g3 = (g.id for g in ward.groups)
    post(core, ward, a, "group_house", g1, removed=d("2026-04-02"))  # 30 days: allowed
    post(core, ward, a, "group_house", g2, removed=d("2026-04-01"))  # 29 days: early
    post(core, ward, a, "group_house", g3)
    gaps = ck.check(core, TODAY, actor=ward.officer).gaps_of(a.id)
    assert [(g.kind, g.unit_id) for g in gaps] == [("removed_early", g2)]


@pytest.mark.rule("R-CK-03")
def test_r_ck_03_last_allowed_day_and_first_late_day(core, ward):
    on_time = publish(core, ward, "khac", "Đúng hạn", "2026-03-09", "2026-03-02")
    late = publish(core, ward, "khac", "Chậm", "2026-03-10", "2026-03-02")
    complete(core, ward, on_time)
    complete(core, ward, late)
    report = ck.check(core, TODAY, actor=ward.officer)
    assert not report.gaps_of(on_time.id)
    assert [g.kind for g in report.gaps_of(late.id)] == ["late"]


@pytest.mark.rule("R-CK-09")
def test_r_ck_09_three_consecutive_days_enough_two_not(core, ward):
    ok = publish(core, ward, "nghia_vu_quan_su_ca", "Gọi nhập ngũ", "2026-03-03", "2026-03-02")
    short = publish(core, ward, "phi_le_phi", "Phí", "2026-03-03", "2026-03-02")
    complete(core, ward, ok)
    complete(core, ward, short, skip=["loudspeaker"])
    for day in ("2026-03-03", "2026-03-04", "2026-03-06", "2026-03-07"):
        post(core, ward, short, "loudspeaker", on=d(day))
    report = ck.check(core, TODAY, actor=ward.officer)
    assert not report.gaps_of(ok.id)
    assert [g.kind for g in report.gaps_of(short.id)] == ["broadcast_short"]


@pytest.mark.rule("R-CK-07")
def test_r_ck_07_permanent_items_must_be_posted(core, ward):
    report = ck.check(core, TODAY, actor=ward.officer)
    assert sorted((g.kind, g.category) for g in report.gaps) == [
        ("permanent_absent", "quy_che_dan_chu_nhiem_vu_cb"), ("permanent_absent", "tthc")]


@pytest.mark.rule("R-CK-08")
def test_r_ck_08_quarterly_register(core, ward, seeded):
    reg = ck.disclosure_register(core, 2026, 1, actor=ward.officer)
    titles = [r.title for r in reg.rows]
    assert "Công khai dự toán ngân sách 2026" in titles and "Hỗ trợ thiệt hại do mưa đá" in titles
    assert "Lấy ý kiến về đề án" not in titles  # published in Q2
    b = next(r for r in reg.rows if r.notice_id == seeded["B"].id)
    assert b.status == "Chậm 1 ngày làm việc" and b.duration == "Ít nhất 30 ngày"
    assert "Hệ thống loa truyền thanh" in b.forms
    assert b.responsible == ""
    q2 = ck.disclosure_register(core, 2026, 2, actor=ward.officer)
    q2_titles = [r.title for r in q2.rows]
    # permanent items still in force are listed every quarter
    assert "Quy chế dân chủ phường (sửa đổi)" in q2_titles and "Danh mục thủ tục hành chính" in q2_titles
    html = exports.register_html(core, reg)
    assert "DANH MỤC THÔNG TIN CÔNG KHAI" in html and "Quý 1 năm 2026" in html
    with pytest.raises(Exception, match="Quý phải là"):
        ck.disclosure_register(core, 2026, 5, actor=ward.officer)


def test_cli_check_reports_gaps(core, ward, seeded, settings, pm, db):
    status, out = run_cli(settings, pm, db, core, "check", "--date", TODAY.isoformat(), "--json")
    data = json.loads(out)
    assert status == 1 and len(data["gaps"]) == 8
    status, out = run_cli(settings, pm, db, core, "check", "--date", TODAY.strftime("%d/%m/%Y"))
    assert status == 1 and "8 thiếu sót" in out and "[R-CK-09] Phát loa chưa đủ số ngày liên tục" in out
    # the older Vietnamese name is an alias
    assert run_cli(settings, pm, db, core, "kiem-tra", "--date", TODAY.isoformat())[0] == 1
