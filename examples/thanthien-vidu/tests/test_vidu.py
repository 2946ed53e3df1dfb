"""The example module's own tests, written with the thanthien.testing fixtures (installed
with thanthien): every test that uses the database runs on SQLite and on PostgreSQL."""
from __future__ import annotations

import io

import pytest
import thanthien_vidu
from thanthien_vidu.types import NOTICE_CATEGORY

from thanthien.core.cli import run_cli
from thanthien.core.commands import context, core_commands
from thanthien.core.errors import SettingsError
from thanthien.core.hooks import collect
from thanthien.core.services import make_services
from thanthien.testing import make_settings


@pytest.fixture
def extra_plugins():
    """Register the module without its entry point (``("vidu", package)`` registers its ``plugin``)."""
    return [("vidu", thanthien_vidu)]


def test_the_plugin_object_is_the_plan_module(pm):
    assert pm.get_plugin("vidu") is thanthien_vidu.plugin
    assert "register_notice_categories" in {h.name for h in pm.get_hookcallers(thanthien_vidu.plugin)}


def test_its_notice_category_sits_next_to_the_fourteen_items(core):
    categories = core.notice_categories
    assert NOTICE_CATEGORY in categories and categories[NOTICE_CATEGORY].plugin == "vidu"
    assert len([c for c in categories.values() if c.item_no]) == 14  # R-CK-01's items are still there


def test_a_notice_of_its_category_is_published(core, demo_ward):
    notice = core.notices.create(category=NOTICE_CATEGORY, title="Tăng cường tuần tra dịp Tết",
                                 body_html="<p>Công an phường thông báo …</p>")
    core.notices.publish(notice.id)
    assert [n.title for n in core.notices.published(NOTICE_CATEGORY)] == ["Tăng cường tuần tra dịp Tết"]


def test_its_condolence_letter_wins(core):
    chosen = core.pm.hook.letter_for_event(event="death_registered", context={"letter_key": "condolence_letter"},
                                           core=core)
    assert chosen.plugin == "vidu" and chosen.priority > 0
    assert any(str(d).endswith("templates") for d in collect(core.pm.hook.register_template_dirs,
                                                                settings=core.settings))


def _cli(settings, pm, db, *argv):
    out, err = io.StringIO(), io.StringIO()
    ctx = context(settings, pm, out=out, err=err)
    ctx._db = db
    code = run_cli(list(argv), lambda config: ctx, core_commands)
    return code, out.getvalue().splitlines()


def test_the_groups_command_and_its_older_name(settings, pm, db, demo_ward):
    code, lines = _cli(settings, pm, db, "vidu", "groups", "--limit", "3")
    assert code == 0 and len(lines) == 3 and lines[0].split("\t")[0].startswith("TDP")
    code, older = _cli(settings, pm, db, "vidu-tdp", "--limit", "3")
    assert code == 0 and older == lines
    code, every = _cli(settings, pm, db, "vidu", "groups")  # the settings' default limit (100)
    assert code == 0 and len(every) >= 45


def test_a_typo_in_its_settings_section_is_refused_at_start(tmp_path, pm):
    bad = make_settings(tmp_path, plugin={"vidu": {"list_limt": 5}})
    with pytest.raises(SettingsError) as exc:
        make_services(bad, pm).check()
    assert exc.value.key == "plugin.vidu.list_limt"
    good = make_settings(tmp_path, plugin={"vidu": {"list_limit": 5}})
    assert make_services(good, pm).config("vidu").list_limit == 5


def test_the_app_lists_it_and_serves_with_it(make_client, demo_ward):
    client = make_client("chutich")
    plugins = client.get("/-/plugins.json").json()["plugins"]
    assert "vidu" in {p["name"] for p in plugins}
    assert client.get("/dashboard").status_code == 200
