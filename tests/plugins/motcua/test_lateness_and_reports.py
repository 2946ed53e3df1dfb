"""Lateness (R-MC-15/16), life events, satisfaction and SIPAS (R-MC-19..21), indicators,
the catalogue file, assistance records, the CLI, and running with the plugin disabled."""
import datetime as dt
import io
import json

import pytest

from thanthien.core import audit
from thanthien.core.cli import CliContext
from thanthien.core.errors import NotFound, PermissionDenied, ValidationError
from thanthien.core.plugins import make_plugin_manager
from thanthien.plugins.motcua import cli as mc_cli
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.motcua.models import RollupRow

from .helpers import at, receive

D = dt.date


def finish(services, staff, code, ready, returned):
    if mc.get_dossier(code).state == "received":
        mc.transfer(services, code, actor=staff.officer, at=at(ready) - dt.timedelta(hours=1))
    mc.mark_result_ready(services, code, actor=staff.handler, at=at(ready))
    return mc.return_result(services, code, actor=staff.officer, at=at(returned))


@pytest.mark.rule("R-MC-15")
def test_r_mc_15_due_soon_drafts_apology_and_flags_breach(services, staff, recorder):
    a = receive(services, staff, "HT04", "2026-03-02T09:00")  # due Thu 05/03
    b = receive(services, staff, "HT04", "2026-03-03T09:00")  # due Fri 06/03
    c = receive(services, staff, "HT04", "2026-03-04T09:00")  # due Mon 09/03
    for d in (a, b, c):
        mc.transfer(services, d.code, actor=staff.officer, at=at("2026-03-04T10:00"))
    # Wed 04/03: one working day before a's due date -> only a is at risk
    assert [d.code for d in mc.due_soon(services, D(2026, 3, 4))] == [a.code]
    result = mc.check_due(services, D(2026, 3, 4))
    assert [x.code for x in result["drafted"]] == [a.code]
    assert mc.check_due(services, D(2026, 3, 4))["drafted"] == []  # drafted once
    # Fri 06/03: a is overdue (case_overdue fires once), b due today, c due Monday
    result = mc.check_due(services, D(2026, 3, 6))
    assert {d.code for d in result["due_soon"]} == {a.code, b.code, c.code}
    assert [o.number for o in result["overdue"]] == [a.code]
    assert ("overdue", a.code, D(2026, 3, 6)) in recorder.calls
    # a returned late without signing the apology: a breach; c signed in time: late but apologised
    late = finish(services, staff, a.code, "2026-03-06T10:00", "2026-03-06T11:00")
    assert late.timeliness == "late" and late.breach
    assert {x.code for x in result["drafted"]} == {b.code, c.code}  # drafted by the daily check
    apology = next(x for x in mc.apologies(services, "draft") if x.code == c.code)
    mc.sign_apology(services, apology.id, signer_name="Hoàng Văn Trưởng", signer_title="Chánh Văn phòng",
                    proposed_due=D(2026, 3, 11), actor=staff.head, at=at("2026-03-06T15:00"))
    ok = finish(services, staff, c.code, "2026-03-10T10:00", "2026-03-10T11:00")
    assert ok.timeliness == "late" and not ok.breach
    early = finish(services, staff, b.code, "2026-03-05T10:00", "2026-03-05T11:00")
    assert early.timeliness == "early"
    assert ("closed", b.code, "returned") in recorder.calls
    m = mc.indicator_table(services, D(2026, 3, 1), D(2026, 3, 31))[-1]
    assert (m["received"], m["returned_early"], m["returned_late"], m["breaches"]) == (3, 1, 2, 1)
    assert m["on_time_share"] == pytest.approx(33.3) and m["apology_share"] == 50.0
    # average working days received -> returned: a 4, b 2, c 4
    assert m["avg_processing_days"] == pytest.approx(10 / 3, abs=0.01)


def _cli(settings, pm, db):
    out = io.StringIO()
    ctx = CliContext(settings=settings, pm=pm, out=out)
    ctx._db = db
    command = mc_cli.command()
    parser = __import__("argparse").ArgumentParser()
    command.configure(parser)
    return out, ctx, lambda *argv: command.run(parser.parse_args(list(argv)), ctx)


def test_cli_due_soon_and_check(services, staff, db, settings, pm):
    receive(services, staff, "HT04", "2026-03-02T09:00")
    out, ctx, run = _cli(settings, pm, db)
    assert run("due-soon", "--date", "2026-03-04") == 0
    text = out.getvalue()
    assert "Tờ khai" not in text and "1 hồ sơ cần xử lý gấp" in text and "05/03/2026" in text
    run("check", "--date", "04/03/2026")  # dd/mm/yyyy too
    assert "1 dự thảo văn bản xin lỗi chờ ký" in out.getvalue()


def test_cli_register_and_indicators_take_from_to_and_the_older_tu_den(services, staff, db, settings, pm, tmp_path):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")
    out, ctx, run = _cli(settings, pm, db)
    assert run("register", "--from", "2026-03-01", "--to", "31/03/2026", "-o", str(tmp_path / "so.csv")) == 0
    assert d.code in (tmp_path / "so.csv").read_bytes().decode("utf-8-sig")
    assert run("register", "--tu", "01/03/2026", "--den", "2026-03-31", "-o", str(tmp_path / "so.xlsx")) == 0
    assert (tmp_path / "so.xlsx").read_bytes()[:2] == b"PK"
    assert run("indicators", "--tu", "2026-03-01", "--den", "2026-03-31", "--by", "procedure",
               "-o", str(tmp_path / "ct.csv")) == 0
    text = (tmp_path / "ct.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Thủ tục,Hồ sơ tiếp nhận (hồ sơ)") and "HT04,1," in text
    assert f"Đã ghi {tmp_path / 'ct.csv'}" in out.getvalue()


def test_life_events_fire_on_completion(services, staff, recorder):
    for code, kind in (("HT01", "birth"), ("HT02", "marriage"), ("HT03", "death")):
        d = receive(services, staff, code, "2026-03-02T09:00", concerned=[{"full_name": f"Người {kind}", "role": kind}])
        assert not [c for c in recorder.calls if c[0] == "life" and c[3] == d.code]
        finish(services, staff, d.code, "2026-03-02T10:00", "2026-03-02T11:00")
        assert ("life", kind, (f"Người {kind}",), d.code) in recorder.calls
    other = receive(services, staff, "CT03", "2026-03-02T09:00")
    finish(services, staff, other.code, "2026-03-02T10:00", "2026-03-02T11:00")
    assert len([c for c in recorder.calls if c[0] == "life"]) == 3


@pytest.mark.rule("R-MC-19")
def test_r_mc_19_rating_levels_and_satisfaction_rate(services, staff):
    codes = []
    for i in range(4):
        d = receive(services, staff, "HT01", "2026-03-02T09:00")
        finish(services, staff, d.code, "2026-03-02T10:00", "2026-03-02T11:00")
        codes.append(d.code)
    secret = {c: mc.get_dossier(c).lookup_secret for c in codes}
    with pytest.raises(ValidationError, match="Rất hài lòng, Hài lòng, Không hài lòng"):
        mc.rate(services, codes[0], secret=secret[codes[0]], level="binh_thuong")
    for code, level in zip(codes, ["rat_hai_long", "hai_long", "hai_long", "khong_hai_long"]):
        mc.rate(services, code, secret=secret[code], level=level, at=at("2026-03-03T09:00"))
    assert services.indicators.value("motcua.satisfaction", D(2026, 3, 1), D(2026, 3, 31)) == 75.0


@pytest.mark.rule("R-MC-20")
@pytest.mark.rule("R-MC-21")
def test_r_mc_21_sipas_survey_aggregation(services, staff):
    assert len(mc.SIPAS_FACTORS) == services.rules.value("R-MC-20.factors")
    assert len(mc.SIPAS_SCALE) == services.rules.value("R-MC-21.scale_points")
    with pytest.raises(PermissionDenied):  # a department's head runs no survey of the centre
        mc.create_survey(services, title="Khảo sát", start=D(2026, 1, 1), end=D(2026, 3, 31), actor=staff.head)
    sid = mc.create_survey(services, title="Khảo sát quý I/2026", start=D(2026, 1, 1), end=D(2026, 3, 31),
                           actor=staff.officer)
    full = {k: 5 for k in mc.SIPAS_FACTORS}
    mc.answer_survey(services, sid, scores=full, answered_on=D(2026, 1, 10), procedure_code="HT01",
                     officer_id=staff.officer.person_id)
    mc.answer_survey(services, sid, scores={**full, "ket_qua": 3}, answered_on=D(2026, 2, 10), procedure_code="HT01",
                     officer_id=staff.officer.person_id)
    mc.answer_survey(services, sid, scores={k: 2 for k in mc.SIPAS_FACTORS}, answered_on=D(2026, 2, 11), procedure_code="CT03")
    with pytest.raises(ValidationError) as exc:
        mc.answer_survey(services, sid, scores={**full, "thu_tuc": 6, "khac": 1}, answered_on=D(2026, 4, 1))
    assert {f for f, _ in exc.value.errors} == {"answered_on", "scores.thu_tuc", "scores.khac"}
    by_proc = {r["group"]: r for r in mc.survey_results(services, sid, "procedure")}
    assert by_proc["HT01"]["factors"]["ket_qua"] == 50.0 and by_proc["HT01"]["index"] == 90.0
    assert by_proc["CT03"]["index"] == 0.0
    by_month = {r["group"]: r["responses"] for r in mc.survey_results(services, sid, "month")}
    assert by_month == {"01/2026": 1, "02/2026": 2}
    by_officer = {r["group"] for r in mc.survey_results(services, sid, "officer")}
    assert "Lê Thị Tiếp Nhận" in by_officer


def test_rollup_rebuild_matches_incremental(services, staff):
    d = receive(services, staff, "HT04", "2026-03-02T09:00")
    finish(services, staff, d.code, "2026-03-04T10:00", "2026-03-04T11:00")
    mc.rate(services, d.code, secret=d.lookup_secret, level="hai_long", at=at("2026-03-05T09:00"))
    mc.refuse(services, receive(services, staff, "HT04", "2026-03-02T10:00").code, reason="Sai thẩm quyền",
              actor=staff.handler, at=at("2026-03-02T11:00"))
    before = sorted((r.month, r.procedure_code, r.metric, r.value) for r in RollupRow.select())
    mc.rebuild_rollup()
    assert sorted((r.month, r.procedure_code, r.metric, r.value) for r in RollupRow.select()) == before


def test_catalogue_file_import_and_admin_edit(services, staff, tmp_path):
    good = tmp_path / "tinh.csv"
    good.write_text("code,name,field,time,fee_vnd,fee_unit,documents,delivery,online_level\n"
                    "HT04,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,working_days:3,3000,bản,"
                    "TK|Tờ khai|original|1,counter;postal,full\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):  # only the administrator (or the CLI) edits the catalogue
        mc.import_catalogue(services, good, actor=staff.head)
    assert mc.import_catalogue(services, good) == 1
    assert mc.get_procedure("HT04").fee_vnd == 3000
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"code": "X1", "name": "A", "field": "B", "time": "weeks:2", "documents": []},
                               {"code": "X2", "name": "", "field": "B", "time": "same_day", "documents": []}]))
    with pytest.raises(ValidationError) as exc:
        mc.import_catalogue(services, bad)
    assert len(exc.value.errors) >= 3
    with pytest.raises(NotFound):
        mc.get_procedure("X1")
    admin = staff.make("Quản Trị Viên", "admin")
    proc = mc.save_procedure(services, {"code": "HT04", "name": "Cấp Giấy xác nhận tình trạng hôn nhân", "field": "Hộ tịch",
                              "time": "working_days:3", "fee_vnd": 5000, "documents": [["TK", "Tờ khai", "original", 1]],
                              "delivery": ["counter"]}, actor=admin)
    assert proc.fee_vnd == 5000
    assert audit.entries(entity="motcua_procedure", entity_id="HT04")[0].after["fee_vnd"] == 5000


def test_assistance_record(services, staff):
    rid = mc.record_assistance(services, kind="home", helper_id=staff.officer.person_id, place="Tổ dân phố số 3",
                               at=at("2026-03-07T19:30"), procedure_code="HT03", actor=staff.officer)
    rows = mc.assistance_between(services, D(2026, 3, 1), D(2026, 3, 31), actor=staff.officer)
    assert rid and rows[0]["helper"] == "Lê Thị Tiếp Nhận" and rows[0]["at"] == "19:30 07/03/2026"
    with pytest.raises(ValidationError) as exc:
        mc.record_assistance(services, kind="phone", helper_id=None, place="", at=at("2099-01-01T08:00"), actor=staff.officer)
    assert {f for f, _ in exc.value.errors} == {"kind", "helper_name", "place", "at"}


def test_app_runs_with_motcua_disabled(settings, db, tmp_path):
    from starlette.testclient import TestClient

    from thanthien.core.settings import PluginsSettings
    from thanthien.plugins import motcua
    from thanthien.web.app import create_app

    off = settings.evolve(plugins=PluginsSettings(disabled=("motcua",)))
    pm = make_plugin_manager(off, load_entrypoints=False, plugins=[("motcua", motcua)])
    assert pm.get_plugin("motcua") is None
    with TestClient(create_app(off, pm, db=db), raise_server_exceptions=False) as client:
        assert client.get("/motcua/tra-cuu").status_code == 404
        assert client.get("/").status_code == 200
