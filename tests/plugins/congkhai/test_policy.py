"""Per-category disclosure rules (table 3.1.1), each pinned with its rule ID."""
import datetime as dt

import pytest
from thanthien.core.notices import ART11_CATEGORIES
from thanthien.plugins.congkhai import policy
from thanthien.plugins.congkhai.settings import CongkhaiSettings

from .helpers import d

ON = dt.date(2026, 3, 2)
CATS = {c.item_no: c for c in ART11_CATEGORIES}


def rule(core, item, **custom):
    return policy.disclosure_rule(core.rules, core.config("congkhai"), CATS[item], ON, custom)


@pytest.mark.rule("R-CK-03")
def test_r_ck_03_deadline_five_working_days(core):
    # Decision on Monday 02/03/2026: the fifth working day after it is Monday 09/03.
    assert policy.deadline(core.rules, core.calendar, d("2026-03-02")) == d("2026-03-09")
    # Decision on Friday 06/03: Sat/Sun are skipped -> Friday 13/03.
    assert policy.deadline(core.rules, core.calendar, d("2026-03-06")) == d("2026-03-13")
    assert all(rule(core, i).deadline_working_days == 5 for i in range(1, 15))


@pytest.mark.rule("R-CK-04")
def test_r_ck_04_every_item_on_the_portal(core):
    assert all(rule(core, i).website for i in range(1, 15))
    places = policy.required_places(rule(core, 14), [1, 2])
    assert [p["kind"] for p in places] == ["website"]


@pytest.mark.rule("R-CK-05")
@pytest.mark.rule("R-CK-06")
def test_r_ck_05_06_office_and_each_group_for_30_days(core):
    for item in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12):
        r = rule(core, item)
        assert r.office_and_groups and r.min_posting_days == 30 and not r.permanent
    for item in (4, 13, 14):
        assert not rule(core, item).office_and_groups
    places = policy.required_places(rule(core, 1), [11, 12, 13])
    houses = [p for p in places if p["kind"] == "group_house"]
    assert [p["unit_id"] for p in houses] == [11, 12, 13]
    assert all(p["min_days"] == 30 and "R-CK-06" in p["rule_ids"] for p in houses)
    office = next(p for p in places if p["kind"] == "office")
    assert office["min_days"] == 30 and office["rule_ids"] == ["R-CK-05", "R-CK-06"]


@pytest.mark.rule("R-CK-07")
def test_r_ck_07_items_4_and_13_permanent_at_office_only(core):
    for item in (4, 13):
        r = rule(core, item)
        assert r.permanent and r.min_posting_days is None
        places = policy.required_places(r, [11, 12])
        assert [(p["kind"], p.get("permanent")) for p in places] == [("website", None), ("office", True)]
    assert not any(rule(core, i).permanent for i in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14))


@pytest.mark.rule("R-CK-09")
@pytest.mark.rule("R-CK-10")
def test_r_ck_09_10_loudspeaker_3_days_and_group_heads_for_items_7_to_12(core):
    for item in range(1, 15):
        r = rule(core, item)
        if 7 <= item <= 12:
            assert r.broadcast_days == 3 and r.via_group_heads
        else:
            assert r.broadcast_days is None and not r.via_group_heads
    places = policy.required_places(rule(core, 8), [11, 12])
    kinds = [(p["kind"], p["unit_id"]) for p in places]
    assert ("loudspeaker", None) in kinds
    assert ("group_head", 11) in kinds and ("group_head", 12) in kinds


def test_item_14_follows_the_requiring_text(core):
    r = rule(core, 14, office_and_groups=True, broadcast=True)
    assert r.office_and_groups and r.min_posting_days == 30 and r.broadcast_days == 3
    assert not r.permanent and not r.via_group_heads


def test_ward_without_loudspeakers_or_social_groups(core):
    means = CongkhaiSettings(loudspeaker=False, social_groups=False)
    r = policy.disclosure_rule(core.rules, means, CATS[7], ON)
    assert r.broadcast_days is None and not r.social_groups and r.via_group_heads


@pytest.mark.rule("R-CK-09")
def test_longest_run_of_consecutive_days():
    assert policy.longest_run([d("2026-03-02"), d("2026-03-03"), d("2026-03-05")]) == (2, d("2026-03-05"))
    assert policy.longest_run([d("2026-03-02"), d("2026-03-03"), d("2026-03-04")])[0] == 3
    assert policy.longest_run([]) == (0, None)


@pytest.mark.rule("R-CK-03")
def test_rule_version_in_force_on_the_decision_date(core, tmp_path):
    """A ward file changing R-CK-03 from 2026-04-01 applies only to later decisions."""
    from thanthien.core.rules import load_rulebook
    from thanthien.core.settings import RulesSettings, Settings, StorageSettings

    f = tmp_path / "ward_rules.toml"
    f.write_text('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 3\n'
                 'unit = "working_days"\neffective_from = 2026-04-01\n', encoding="utf-8")
    s = Settings(storage=StorageSettings(data_dir=str(tmp_path)), rules=RulesSettings(file=str(f)))
    rules = load_rulebook(s, core.pm)
    assert policy.deadline(rules, core.calendar, d("2026-03-02")) == d("2026-03-09")
    assert policy.deadline(rules, core.calendar, d("2026-04-06")) == d("2026-04-09")
