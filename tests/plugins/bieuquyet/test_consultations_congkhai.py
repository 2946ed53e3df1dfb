"""The consultation's notices are core notices of Art. 11 item 11, so the disclosure
module (congkhai) carries them: on its public feed of the category, with its ledger."""
from __future__ import annotations

import datetime as dt

import pytest

from thanthien.plugins import bieuquyet, congkhai
from thanthien.plugins.bieuquyet.services import consultations as svc


@pytest.fixture
def extra_plugins():
    return [("bieuquyet", bieuquyet), ("congkhai", congkhai)]


@pytest.mark.rule("R-YK-08")
def test_results_and_explanation_reach_the_disclosure_feed(core, ward, app, make_client):
    today = dt.date.today()
    need = svc.min_days(core, today)
    start = today - dt.timedelta(days=need + 3)
    c = svc.create(core, title="Phương án đặt tên tổ dân phố mới", matter="art25_4", content="Đặt tên tổ dân phố.",
                   channels=["hop_cong_dong"], method="", responsible="Phòng Văn hóa - Xã hội", starts_on=start,
                   ends_on=start + dt.timedelta(days=need), actor=ward.chair)
    svc.send_plan(core, c.id, actor=ward.chair)
    svc.publish(core, c.id, actor=ward.chair, on=start)
    svc.record_opinion(core, c.id, channel="hop_cong_dong", source="Hội nghị tổ 1", received_on=start, agree=9,
                       disagree=1, other=0, summary="", actor=ward.chair)
    done = svc.publish_results(core, c.id, decision="thong_qua", actor=ward.chair,
                               acceptance="Giữ tên theo đề xuất của đa số hộ gia đình.")
    feed = make_client().get("/congkhai/feeds/lay_y_kien.json")
    assert feed.status_code == 200
    text = feed.text
    assert "Kết quả lấy ý kiến Nhân dân: Phương án đặt tên tổ dân phố mới" in text
    assert "Lấy ý kiến Nhân dân: Phương án đặt tên tổ dân phố mới" in text
    page = make_client().get(f"/congkhai/notices/{done.result_notice_id}")
    assert page.status_code == 200 and "Giữ tên theo đề xuất của đa số hộ gia đình." in page.text
