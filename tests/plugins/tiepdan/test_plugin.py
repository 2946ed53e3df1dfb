"""The module as a plugin: disabled, it leaves nothing behind; its CLI; its indicators."""
import argparse
import datetime as dt
import io

from starlette.testclient import TestClient

from thanthien.core.cli import CliContext
from thanthien.core.plugins import collect, make_plugin_manager
from thanthien.core.settings import PluginsSettings
from thanthien.plugins import tiepdan
from thanthien.plugins.tiepdan import cli as tiepdan_cli
from thanthien.plugins.tiepdan import services as sv
from thanthien.web.app import create_app

from ..tiepdan.conftest import at
from tests.conftest import make_settings


def test_disabled_plugin_contributes_nothing(tmp_path, db):
    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("tiepdan",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("tiepdan", tiepdan)])
    assert pm.is_blocked("tiepdan")
    assert not [c for c in collect(pm, "register_case_types", settings=settings) if c.plugin == "tiepdan"]
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/tiepdan/lich-tiep-dan").status_code == 404
        assert c.get("/-/health.json").status_code == 200


def test_enabled_app_serves_the_pages(settings, pm, db):
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/tiepdan/lich-tiep-dan").status_code == 200
        assert c.get("/tiepdan/don-thu", follow_redirects=False).status_code == 302  # staff only
        assert c.get("/tiepdan/don-thu.json").status_code == 401


def test_cli_schedule_warns_about_weeks_without_chairman_day(settings, pm, db, services, staff):
    s = sv.create_session(services, kind="chairman", day=dt.date(2026, 3, 16), start_time="07:30",
                          end_time="11:30", host_id=staff.chairman.person_id, actor=staff.officer)
    sv.publish_session(services, s.id, actor=staff.officer, at=at("2026-03-02T09:00"))
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out, err=io.StringIO(), db=db)
    parser = argparse.ArgumentParser()
    tiepdan_cli._configure(parser)
    status = tiepdan_cli._run(parser.parse_args(["lich", "--tu", "09/03/2026", "--den", "22/03/2026"]), ctx)
    text = out.getvalue()
    assert status == 1 and "16/03/2026" in text and "tuần từ 09/03/2026" in text
    out.truncate(0)
    tiepdan_cli._run(parser.parse_args(["ics", "--tu", "01/03/2026", "--den", "31/03/2026"]), ctx)
    assert "BEGIN:VCALENDAR" in out.getvalue()


def test_indicators_count_on_time_and_late(services, staff):
    from .test_deadlines import complaint

    a, b = complaint(services, staff), complaint(services, staff)
    sv.accept_complaint(services, a.id, actor=staff.chairman, at=at("2026-03-03T09:00"))
    sv.accept_complaint(services, b.id, actor=staff.chairman, at=at("2026-03-03T09:00"))
    sv.decide_complaint(services, a.id, summary="x", actor=staff.chairman, at=at("2026-03-20T09:00"))
    sv.decide_complaint(services, b.id, summary="x", actor=staff.chairman, at=at("2026-04-20T09:00"))
    got = sv.indicators(services, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert got["received"] == {"khieu_nai": {"van_ban": 2}}
    assert (got["accepted"], got["resolved_on_time"], got["resolved_late"]) == (2, 1, 1)
    assert got["share_within_legal_time"] == 75.0  # 3 of 4 clocks met
    registered = {i.key: i for i in collect(services.pm, "register_indicators", settings=services.settings)}
    assert registered["tiepdan.resolved_late"].compute(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
