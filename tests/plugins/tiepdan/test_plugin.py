"""The module as a plugin: disabled, it leaves nothing behind; its typed settings; its CLI
(English sub-commands, the landed names as aliases); its indicators on the real bundle."""
import datetime as dt
import io

import pytest
from starlette.testclient import TestClient

from thanthien.core.cli import CliContext, build_parser
from thanthien.core.errors import SettingsError
from thanthien.core.hooks import collect
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import PluginsSettings
from thanthien.plugins import tiepdan
from thanthien.plugins.tiepdan import cli as tiepdan_cli
from thanthien.plugins.tiepdan import services as sv
from thanthien.testing import make_settings
from thanthien.web.app import create_app

from .helpers import at, complaint


def test_disabled_plugin_contributes_nothing(tmp_path, db):
    settings = make_settings(tmp_path, plugins=PluginsSettings(disabled=("tiepdan",)))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("tiepdan", tiepdan)])
    assert pm.is_blocked("tiepdan")
    assert not [c for c in collect(pm.hook.register_case_types, settings=settings) if c.plugin == "tiepdan"]
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/tiepdan/lich-tiep-dan").status_code == 404
        assert c.get("/-/health.json").status_code == 200


def test_enabled_app_serves_the_pages(settings, pm, db):
    with TestClient(create_app(settings, pm, db=db), raise_server_exceptions=False) as c:
        assert c.get("/tiepdan/lich-tiep-dan").status_code == 200
        assert c.get("/tiepdan/don-thu", follow_redirects=False).status_code == 302  # staff only
        assert c.get("/tiepdan/don-thu.json").status_code == 401


def test_case_types_are_prefixed_tagged_and_keep_their_old_keys(services):
    types = {ct.key: ct for ct in services.cases.types.values() if ct.plugin == "tiepdan"}
    assert set(types) == {"tiepdan_khieu_nai", "tiepdan_to_cao", "tiepdan_phan_anh", "tiepdan_tra_loi_tiep_dan"}
    assert [ct.key for ct in services.cases.types_tagged("complaint")] == ["tiepdan_khieu_nai"]
    assert [ct.key for ct in services.cases.types_tagged("denunciation")] == ["tiepdan_to_cao"]
    assert [ct.key for ct in services.cases.types_tagged("petition")] == ["tiepdan_phan_anh"]
    for old in ("khieu_nai", "to_cao", "phan_anh", "tra_loi_tiep_dan"):
        assert services.cases.type_of(old).key == f"tiepdan_{old}"


def test_a_typo_in_the_settings_section_is_refused_at_start(tmp_path, pm):
    bad = make_settings(tmp_path, plugin={"tiepdan": {"public_rate_limt": 3}}, source=str(tmp_path / "t.toml"))
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.tiepdan.public_rate_limt" and "t.toml" in exc.value.message
    with pytest.raises(SettingsError):
        make_services(make_settings(tmp_path, plugin={"tiepdan": {"public_rate_limit": 0}}), pm).check()
    good = make_settings(tmp_path, plugin={"tiepdan": {"public_rate_limit": 3, "reception_unit": "VP"}})
    assert make_services(good, pm).config("tiepdan").public_rate_limit == 3


def _run(settings, pm, db, argv):
    out = io.StringIO()
    ctx = CliContext(settings, pm, out=out, err=io.StringIO(), db=db)
    command = tiepdan_cli.command()
    args = build_parser([command]).parse_args(["tiepdan", *argv])
    return command.run(args, ctx), out.getvalue()


@pytest.mark.rule("R-TD-02")
def test_cli_schedule_warns_about_weeks_without_chairman_day(settings, pm, db, services, staff):
    s = sv.create_session(services, kind="chairman", day=dt.date(2026, 3, 16), start_time="07:30",
                          end_time="11:30", host_id=staff.chairman.person_id, actor=staff.officer)
    sv.publish_session(services, s.id, actor=staff.officer, at=at("2026-03-02T09:00"))
    for argv in (["lich", "--tu", "09/03/2026", "--den", "22/03/2026"],
                 ["schedule", "--from", "2026-03-09", "--to", "2026-03-22"]):
        status, text = _run(settings, pm, db, argv)
        assert status == 1 and "16/03/2026 07:30-11:30" in text and "tuần từ 09/03/2026" in text
    for argv in (["ics", "--tu", "01/03/2026", "--den", "31/03/2026"], ["ics", "--from", "2026-03-01"]):
        status, text = _run(settings, pm, db, argv)
        assert status == 0 and "BEGIN:VCALENDAR" in text


def test_cli_indicators_and_its_older_name(settings, pm, db, services, staff):
    complaint(services, staff)
    for name in ("indicators", "chi-tieu"):
        status, text = _run(settings, pm, db, [name, "--from", "01/01/2026", "--to", "31/12/2026"])
        assert status == 0 and '"received": {\n    "khieu_nai": {\n      "van_ban": 1' in text


def test_indicators_count_on_time_and_late(services, staff):
    a, b = complaint(services, staff), complaint(services, staff)
    sv.accept_complaint(services, a.id, actor=staff.chairman, at=at("2026-03-03T09:00"))
    sv.accept_complaint(services, b.id, actor=staff.chairman, at=at("2026-03-03T09:00"))
    sv.decide_complaint(services, a.id, summary="x", actor=staff.chairman, at=at("2026-03-20T09:00"))
    sv.decide_complaint(services, b.id, summary="x", actor=staff.chairman, at=at("2026-04-20T09:00"))
    got = sv.figures(services, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert got["received"] == {"khieu_nai": {"van_ban": 2}}  # the matter kind, as the JSON always had it
    assert (got["accepted"], got["resolved_on_time"], got["resolved_late"]) == (2, 1, 1)
    assert got["share_within_legal_time"] == 75.0  # 3 of 4 clocks met
    registered = {i.key: i for i in services.indicators.all("tiepdan")}
    assert registered["tiepdan.resolved_late"].compute(services, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    assert services.indicators.value("tiepdan.received", dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 2
