"""The staff pages: outbox with filters, a message and resend, channels and the test
message, a person's consent; each with its .json twin and its permission."""
import pytest

from thanthien.core import outbox, people
from thanthien.core.outbox import OutboxRow
from thanthien.core.storage.db import write_transaction
from thanthien.plugins import thongbao
from thanthien.testing import post


@pytest.fixture
def extra_plugins():
    return [("thongbao", thongbao)]


@pytest.fixture
def resident(demo_ward):
    return people.create_person("Trần Thị Nhận Tin", email="nhantin@example.vn", phone="0912000333")


def test_outbox_pages_and_resend(make_client, demo_ward, smtp_server):
    with write_transaction():
        failed = outbox.enqueue("email", "Hồ sơ HT-1 đã có kết quả.", kind="case.result_ready",
                                recipient="nhantin@example.vn")
        secret = outbox.enqueue("email", "Mã: 123456", kind="t.otp", recipient="nhantin@example.vn", secret=True)
        OutboxRow.update(state="failed", last_error="550").where(OutboxRow.id.in_([failed.id, secret.id])).execute()
    client = make_client("chutich")
    page = client.get("/thongbao/?trang_thai=failed")
    assert page.status_code == 200 and "Hồ sơ HT-1 đã có kết quả." in page.text
    assert "123456" not in page.text and "n***@example.vn" in page.text
    data = client.get("/thongbao/index.json?kenh=email").json()
    assert data["ok"] and {m["id"] for m in data["messages"]} == {failed.id, secret.id}
    assert client.get("/thongbao/index.json?trang_thai=khong-co").status_code == 422
    detail = client.get(f"/thongbao/tin/{failed.id}.json").json()
    assert detail["can_resend"] and detail["message"]["state_label"] == "Gửi không được"
    answer = post(client, f"/thongbao/tin/{failed.id}/gui-lai.json", {}, json=True).json()
    assert answer["ok"] and OutboxRow.get_by_id(answer["message_id"]).resend_of == failed.id
    refused = post(client, f"/thongbao/tin/{secret.id}/gui-lai", {})
    assert refused.status_code == 422 and "không được gửi lại" in refused.text


def test_test_message_through_the_local_smtp_server(make_client, demo_ward, smtp_server):
    client = make_client("chutich")
    page = client.get("/thongbao/kenh")
    assert "Thư điện tử" in page.text and "Đã cấu hình" in page.text
    bad = post(client, "/thongbao/kenh/gui-thu", {"channel": "email", "to": "khong-phai-thu"})
    assert bad.status_code == 422 and "Vui lòng nhập địa chỉ thư điện tử" in bad.text
    assert 'value="khong-phai-thu"' in bad.text  # the input kept
    ok = post(client, "/thongbao/kenh/gui-thu.json", {"channel": "email", "to": "canbo@example.vn"}, json=True)
    assert ok.json()["ok"]
    assert smtp_server.messages[-1]["to"] == ["canbo@example.vn"]
    assert "tin nhắn thử" in smtp_server.messages[-1]["body"]


def test_consent_view_and_record(make_client, demo_ward, resident):
    client = make_client("chutich")
    page = client.get(f"/thongbao/nguoi-dan/{resident.id}/dong-y")
    assert page.status_code == 200 and "Chưa đồng ý" in page.text and "0912000333" not in page.text
    missing = post(client, f"/thongbao/nguoi-dan/{resident.id}/dong-y/ghi-nhan",
                   {"category": "case_updates", "decision": "dong-y", "source": ""})
    assert missing.status_code == 422 and "cách người dân thể hiện" in missing.text
    post(client, f"/thongbao/nguoi-dan/{resident.id}/dong-y/ghi-nhan",
         {"category": "case_updates", "decision": "dong-y", "source": "paper"})
    data = client.get(f"/thongbao/nguoi-dan/{resident.id}/dong-y.json").json()
    assert next(c for c in data["consents"] if c["category"] == "case_updates")["granted"] is True
    assert client.get("/thongbao/nguoi-dan/999999/dong-y.json").status_code == 404


def test_permissions(make_client, demo_ward):
    anonymous = make_client()
    assert anonymous.get("/thongbao/index.json").status_code in (401, 403)
    group_head = make_client("totruong01")
    assert group_head.get("/thongbao/index.json").status_code == 403
    listed = make_client("chutich").get("/thongbao/danh-sach-in.json").json()
    # the demo's meeting notices to consenting residents without an address: the print list
    assert listed["ok"] and listed["messages"] and all(m["person_name"] for m in listed["messages"])
    assert all("họp" in m["body"] for m in listed["messages"])
