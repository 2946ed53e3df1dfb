"""thongbao in a real browser, on a phone (390 px) and a desktop (1366 px): the chairperson
opens the outbox from the menu, then records a resident's consent to receive news of their
dossiers — first forgetting how the consent was given (the error shows on the same form, the
choices kept), then completing it."""
from __future__ import annotations

import pytest

from thanthien.core.models import PersonRow
from thanthien.core.storage.db import database_proxy

from .helpers import DESKTOP, PHONE, login, no_sideways_scroll

pytestmark = pytest.mark.browser


def _resident_id() -> int:
    with database_proxy.obj.connection_context():
        return PersonRow.get(PersonRow.full_name == "Nguyễn Văn A").id


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chairperson_opens_the_outbox_and_records_a_consent(open_page, device):
    pg = open_page(device)
    login(pg, "chutich")
    pg.goto("/thongbao/")
    assert pg.get_by_role("heading", level=1).inner_text() == "Tin nhắn tới người dân và cán bộ"
    assert pg.get_by_label("Trạng thái").is_visible() and pg.get_by_label("Kênh").is_visible()
    pg.get_by_role("link", name="Kênh gửi, gửi tin thử").click()
    pg.wait_for_url("**/thongbao/kenh")
    assert pg.get_by_role("cell", name="Danh sách in (trao tay, đọc trên loa)").is_visible()
    if device is PHONE:
        assert no_sideways_scroll(pg)

    person_id = _resident_id()
    pg.goto(f"/thongbao/nguoi-dan/{person_id}/dong-y")
    assert "0912345678" not in pg.content()  # the phone number is masked
    pg.get_by_label("Loại tin").select_option("case_updates")
    pg.get_by_label("Quyết định").select_option("dong-y")
    pg.get_by_role("button", name="Ghi nhận").click()
    alert = pg.get_by_role("alert").first
    assert "cách người dân thể hiện" in alert.inner_text()
    assert pg.get_by_label("Loại tin").input_value() == "case_updates"  # the choices kept
    pg.get_by_label("Cách người dân thể hiện sự đồng ý").select_option("paper")
    pg.get_by_role("button", name="Ghi nhận").click()
    pg.wait_for_url(f"**/thongbao/nguoi-dan/{person_id}/dong-y")
    row = pg.get_by_role("row").filter(has_text="Tin về hồ sơ, đơn thư của mình")
    assert "Đã đồng ý" in row.inner_text() and "Phiếu đồng ý có chữ ký" in row.inner_text()
    if device is PHONE:
        assert no_sideways_scroll(pg)
    # the other device's run withdraws it again, so both start from the same state
    pg.get_by_label("Loại tin").select_option("case_updates")
    pg.get_by_label("Quyết định").select_option("rut-lai")
    pg.get_by_role("button", name="Ghi nhận").click()
    pg.wait_for_url(f"**/thongbao/nguoi-dan/{person_id}/dong-y")
    assert "Chưa đồng ý" in pg.get_by_role("row").filter(has_text="Tin về hồ sơ, đơn thư của mình").inner_text()
