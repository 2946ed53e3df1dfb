"""The bundled channels against real local servers: SMTP (aiosmtpd with STARTTLS and a
login), an SMS provider and Zalo's ZNS API (local HTTP servers)."""
import json

import attrs
import pytest

from thanthien.core import outbox
from thanthien.core.outbox import OutboxRow
from thanthien.core.scheduler import channels, policy
from thanthien.plugins.thongbao.channels import normalise_phone, strip_diacritics

from .conftest import channel_settings


def deliver(core, limit=None):
    return outbox.deliver_batch(channels(core), policy(core), limit=limit)


def test_smtp_starttls_login_and_message_id(core, smtp_server):
    row = outbox.enqueue("email", "Hồ sơ HT-2026-00001 đã có kết quả.", kind="case.result_ready",
                         recipient="dan@example.vn", subject="Hồ sơ đã có kết quả", key="k-smtp")
    assert deliver(core) == {"sent": 1}
    [mail] = smtp_server.messages
    assert mail["tls"] and mail["auth"]  # STARTTLS, then the login
    assert mail["to"] == ["dan@example.vn"] and mail["from"] == "thongbao@backan.example.vn"
    assert mail["subject"] == "Hồ sơ đã có kết quả"
    assert mail["body"].strip() == "Hồ sơ HT-2026-00001 đã có kết quả."
    assert mail["message_id"] == "<k-smtp@thanthien.local>"
    assert OutboxRow.get_by_id(row.id).provider_id.startswith("Đã nhận")


def test_smtp_refused_login_fails_without_retry(core, smtp_server, settings, pm):
    from thanthien.core.services import make_services

    bad = settings.evolve(plugin={**settings.plugin,
                                  "thongbao": {**settings.plugin["thongbao"], "smtp_password": "sai"}})
    bad_core = make_services(bad, pm)
    row = outbox.enqueue("email", "x", kind="t.x", recipient="dan@example.vn")
    assert outbox.deliver_batch(channels(bad_core), policy(bad_core)) == {"failed": 1}
    assert "đăng nhập" in OutboxRow.get_by_id(row.id).last_error
    assert smtp_server.messages == []


def test_smtp_server_down_is_retried(core, settings, pm):
    from thanthien.core.services import make_services

    from .conftest import free_port

    down = settings.evolve(plugin={**settings.plugin,
                                   "thongbao": {**settings.plugin["thongbao"], "smtp_port": free_port()}})
    down_core = make_services(down, pm)
    row = outbox.enqueue("email", "x", kind="t.x", recipient="dan@example.vn")
    assert outbox.deliver_batch(channels(down_core), policy(down_core), limit=1) == {"queued": 1}
    row = OutboxRow.get_by_id(row.id)
    assert row.attempts == 1 and "Không kết nối được" in row.last_error


class TestHttpProviders:
    @pytest.fixture
    def thongbao_section(self, provider):
        return channel_settings(provider=provider)

    def test_sms_body_unaccented(self, core, provider):
        outbox.enqueue("sms", "Hồ sơ đã có kết quả, đến nhận.", kind="case.result_ready",
                       recipient="+84 912 000 111", key="k-sms")
        assert deliver(core) == {"sent": 1}
        [req] = provider.requests
        assert req["path"] == "/sms" and req["headers"]["authorization"] == "Bearer khoa-thu"
        assert json.loads(req["body"]) == {"phone": "0912000111", "message": "Ho so da co ket qua, den nhan.",
                                           "request_id": "k-sms"}

    def test_sms_provider_error_retried_then_client_error_failed(self, core, provider):
        provider.answers = [(503, {}), (400, {})]
        row = outbox.enqueue("sms", "x", kind="t.x", recipient="0912000111")
        assert deliver(core, limit=1) == {"queued": 1}  # back-off 0 in the tests: due again at once
        assert deliver(core, limit=1) == {"failed": 1}  # a 400 is final
        assert OutboxRow.get_by_id(row.id).attempts == 2

    def test_zalo_zns_payload_and_refusal(self, core, provider):
        outbox.enqueue("zalo", "Hồ sơ đã có kết quả.", kind="case.result_ready", recipient="0912000111", key="k-z")
        assert deliver(core) == {"sent": 1}
        req = provider.requests[-1]
        assert req["path"] == "/zns" and req["headers"]["access_token"] == "ma-truy-cap"
        assert json.loads(req["body"]) == {"phone": "84912000111", "template_id": "248",
                                           "template_data": {"noi_dung": "Hồ sơ đã có kết quả."},
                                           "tracking_id": "k-z"}
        provider.answers = [(200, {"error": -108, "message": "Phone number invalid"})]
        row = outbox.enqueue("zalo", "x", kind="t.x", recipient="0912000112")
        assert deliver(core) == {"failed": 1}
        assert "-108" in OutboxRow.get_by_id(row.id).last_error


def test_text_helpers():
    assert strip_diacritics("Đã tiếp nhận hồ sơ, hẹn trả kết quả") == "Da tiep nhan ho so, hen tra ket qua"
    assert normalise_phone("+84 912.000.111") == "0912000111"


def test_policy_reads_core_settings(core):
    assert attrs.asdict(policy(core))["lease_seconds"] == 2

