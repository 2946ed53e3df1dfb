"""The plan dashboard: every registered indicator with its target and status, the scope
of each reader (fail closed), periods, trends with their chart, table and twins, and the
records behind a number."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.plugins.baocao.services import dashboard, periods
from thanthien.plugins.baocao.types import Period


def test_status_against_the_target_both_ways():
    # higher is better: met, within 10 % of the target, further away
    assert dashboard.status(100, 100, "higher", 10) == "green"
    assert dashboard.status(90, 100, "higher", 10) == "amber"
    assert dashboard.status(89.9, 100, "higher", 10) == "red"
    # lower is better with a target of 0 (0 dossiers late): one is red, there is no amber
    assert dashboard.status(0, 0, "lower", 10) == "green"
    assert dashboard.status(1, 0, "lower", 10) == "red"
    assert dashboard.status(11, 10, "lower", 10) == "amber"
    assert dashboard.status(12, 10, "lower", 10) == "red"
    assert dashboard.status(None, 10, "lower", 10) == "nodata"
    assert dashboard.status(5, None, "lower", 10) == "none"


def test_periods_of_every_kind_and_the_one_before():
    q = periods.period("quarter", 2026, 2)
    assert (q.start, q.end, q.label) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Quý II năm 2026")
    assert periods.previous(q) == periods.period("quarter", 2026, 1)
    jan = periods.period("month", 2026, 1)
    assert periods.previous(jan) == periods.period("month", 2025, 12)
    assert periods.period("half", 2026, 2).start == dt.date(2026, 7, 1)
    assert periods.previous(periods.period("year", 2026)).label == "Năm 2025"
    custom = periods.period("custom", 2026, start=dt.date(2026, 3, 10), end=dt.date(2026, 3, 19))
    assert periods.previous(custom).end == dt.date(2026, 3, 9)
    assert [p.label for p in periods.series(q, 3)] == ["Quý IV năm 2025", "Quý I năm 2026", "Quý II năm 2026"]


def test_a_bad_period_is_a_clear_vietnamese_error():
    from thanthien.core.errors import ValidationError

    with pytest.raises(ValidationError, match="Quý phải từ 1 đến 4"):
        periods.period("quarter", 2026, 5)
    with pytest.raises(ValidationError, match="Ngày kết thúc phải sau"):
        periods.period("custom", 2026, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 1))


def test_every_registered_indicator_appears_on_the_chairmans_dashboard(leaders, dossiers, core, make_client):
    client = make_client("chutich")
    body = client.get("/baocao/index.json?ky=year&nam=2026").json()
    assert body["ok"] is True and body["scope"] == "ward"
    keys = {r["key"] for r in body["indicators"]}
    assert keys == set(core.indicators.by_key)
    assert len(keys) >= 50
    for r in body["indicators"]:
        assert r["status"] in ("green", "amber", "red", "none", "nodata")
        ind = core.indicators.get(r["key"])
        assert r["target"] == ind.target
    html = client.get("/baocao/?ky=quarter&nam=2026&so=1").text
    assert "Theo dõi thực hiện kế hoạch" in html and "Quý I năm 2026" in html
    for r in body["indicators"][:5]:
        assert r["label"] in html
    late = next(r for r in body["indicators"] if r["key"] == "motcua.returned_late")
    assert (late["value"], late["target"], late["status"], late["has_records"]) == (2, 0, "red", True)
    # the red number is a link to the late dossiers (one click), each a link to its dossier
    html = client.get("/baocao/?ky=month&nam=2026&so=3").text
    assert '/baocao/chi-tieu/motcua/returned_late/ho-so?ky=month&amp;nam=2026&amp;so=3' in html
    records = client.get("/baocao/chi-tieu/motcua/returned_late/ho-so.json?ky=month&nam=2026&so=3").json()
    assert len(records["records"]) == 2 and all(r["href"].startswith("/motcua/ho-so/") for r in records["records"])
    assert "Nguyễn Văn Dân" not in str(records)  # no applicant's name behind a number
    # the staff dashboard's box names the red indicators
    assert "Kết quả thực hiện kế hoạch" in client.get("/dashboard").text


def test_a_group_head_sees_only_figures_counted_over_his_group(leaders, core, make_client):
    client = make_client("totruong01")
    body = client.get("/baocao/index.json").json()
    assert body["scope"] == "units"
    keys = {r["key"] for r in body["indicators"]}
    assert keys and all(core.indicators.get(k).compute_units is not None for k in keys)
    assert "motcua.returned_late" not in keys  # a ward-wide figure: never to a unit-scoped reader
    # another unit's figures, or a ward-wide indicator, are refused
    other = leaders["units"]["tdp2"]
    assert client.get(f"/baocao/index.json?don_vi={other.id}").status_code == 403
    assert client.get("/baocao/chi-tieu/motcua/returned_late.json").status_code == 404


def test_a_bad_filter_is_a_422_with_the_field(leaders, make_client):
    r = make_client("chutich").get("/baocao/index.json?ky=quarter&so=7")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "so"


def test_an_indicator_trend_has_its_chart_table_and_twins(leaders, dossiers, make_client):
    client = make_client("chutich")
    html = client.get("/baocao/chi-tieu/baocao/cases_received?ky=month&nam=2026&so=6").text
    assert '<svg' in html and 'role="img"' in html and "<desc" in html and "<title" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Số liệu của biểu đồ" in html
    body = client.get("/baocao/chi-tieu/baocao/cases_received.json?ky=month&nam=2026&so=6").json()
    assert [t["label"] for t in body["trend"]][-1] == "Tháng 06/2026"
    assert len(body["trend"]) == 6
    csv = client.get("/baocao/chi-tieu/baocao/cases_received.csv?ky=month&nam=2026&so=6")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 7 and lines[-1].startswith("Tháng 06/2026")
    assert client.get("/baocao/chi-tieu/khong/co.json").status_code == 404


def test_the_period_summary_counts_every_indicator(core):
    p = Period("year", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Năm 2026")
    rows = dashboard.board(core, p, None)
    assert sum(dashboard.summary(rows).values()) == len(rows) == len(core.indicators.all())


def test_every_indicator_goes_into_its_plan_section_of_the_report():
    from thanthien.plugins.baocao.services.reports import section_of

    assert section_of("III.1.2") == "III.1.2"
    assert section_of("III.2.3a") == section_of("III.2.3b") == "III.2.3"
    assert section_of("IV.1") == "IV"
    assert section_of("I.4") == "I"
    assert section_of("") == "IV"
