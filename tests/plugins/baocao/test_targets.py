"""A ward's own targets: for every year, or for one year, over the plan's."""
from __future__ import annotations

import pytest

from thanthien.plugins.baocao.services import dashboard, periods
from thanthien.testing import make_settings


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, plugin={"baocao": {
        "targets": {"motcua.on_time_share": 95},
        "year_targets": {"2027": {"motcua.on_time_share": 100, "motcua.returned_late": 1}},
        "amber_margin_percent": 5}})


def test_the_wards_targets_replace_the_plans_by_year(core, dossiers):
    on_time = core.indicators.get("motcua.on_time_share")
    late = core.indicators.get("motcua.returned_late")
    assert on_time.target is None and late.target == 0  # the plan's
    assert dashboard.target_for(core, on_time, 2026) == 95
    assert dashboard.target_for(core, on_time, 2027) == 100
    assert (dashboard.target_for(core, late, 2026), dashboard.target_for(core, late, 2027)) == (0, 1)
    march = periods.period("month", 2026, 3)
    row = dashboard.evaluate(core, on_time, march, None)
    assert (row.value, row.target, row.status) == (50.0, 95, "red")  # 2 of 4 returned on time


def test_a_bad_year_in_the_settings_is_refused_at_start(tmp_path):
    from thanthien.core.plugins import make_plugin_manager
    from thanthien.core.services import make_services
    from thanthien.plugins import baocao

    settings = make_settings(tmp_path, plugin={"baocao": {"year_targets": {"năm sau": {"x": 1}}}})
    from thanthien.core.settings import SettingsError

    core = make_services(settings, make_plugin_manager(settings, load_entrypoints=False, plugins=[("baocao", baocao)]))
    with pytest.raises(SettingsError, match=r"plugin\.baocao"):
        core.check()  # what create_app and the CLI call at start
