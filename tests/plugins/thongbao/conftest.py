"""Fixtures of the thongbao tests: a real local SMTP server (aiosmtpd, STARTTLS and login),
local HTTP servers standing in for an SMS provider and Zalo's ZNS API, the plugins."""
from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from thanthien.plugins import motcua, thongbao
from thanthien.testing import make_settings

SMTP_USER, SMTP_PASSWORD = "thongbao", "mat-khau-thu"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the test SMTP server's STARTTLS)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


class Mailbox:
    """The aiosmtpd handler: every message the server accepted (``DATA`` answered 250)."""

    def __init__(self):
        self.messages: list = []
        self.lock = threading.Lock()
        #: called with the message count after each one is stored (tests hook a pause in)
        self.after_store = None

    async def handle_DATA(self, server, session, envelope):
        import email

        mail = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                                  "subject": str(email.header.make_header(email.header.decode_header(mail["Subject"]))),
                                  "message_id": mail["Message-ID"],
                                  "body": mail.get_payload(decode=True).decode("utf-8"),
                                  "tls": session.ssl is not None, "auth": session.authenticated})
            count = len(self.messages)
        if self.after_store is not None:
            await self.after_store(count)
        return "250 Đã nhận"

    def bodies(self) -> list[str]:
        with self.lock:
            return [m["body"] for m in self.messages]


@pytest.fixture
def smtp_server(tls_files):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == SMTP_USER.encode()
              and auth_data.password == SMTP_PASSWORD.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticator, auth_required=True,
                            auth_exclude_mechanism=["LOGIN"])  # PLAIN after STARTTLS
    controller.start()
    mailbox.port = port
    mailbox.ca_file = str(cert)
    try:
        yield mailbox
    finally:
        controller.stop()


class Provider:
    """A local HTTP server answering like an SMS gateway or Zalo's ZNS API."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict]] = []  # (status, JSON) for the next requests
        self.default = (200, {"error": 0, "message": "Success", "data": {"msg_id": "zns-1"}})

    def handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                provider.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                          "body": body.decode("utf-8")})
                status, answer = provider.answers.pop(0) if provider.answers else provider.default
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def provider():
    p = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), p.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    p.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield p
    finally:
        server.shutdown()
        server.server_close()


def channel_settings(smtp=None, provider=None, **extra) -> dict:
    section: dict = {"quiet_start": "00:00", "quiet_end": "00:00"}  # no quiet hours unless a test sets them
    if smtp is not None:
        section.update(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_user=SMTP_USER,
                       smtp_password=SMTP_PASSWORD, smtp_ca_file=smtp.ca_file, smtp_timeout=10.0,
                       smtp_from="UBND phường Bắc Kạn <thongbao@backan.example.vn>")
    if provider is not None:
        section.update(sms_url=f"{provider.url}/sms", sms_headers={"Authorization": "Bearer khoa-thu"},
                       zalo_url=f"{provider.url}/zns", zalo_access_token="ma-truy-cap", zalo_template_id="248")
    section.update(extra)
    return section


@pytest.fixture
def thongbao_section(smtp_server):
    """``[plugin.thongbao]`` of the tests: the local SMTP server (override for others)."""
    return channel_settings(smtp_server)


@pytest.fixture
def settings(tmp_path, thongbao_section):
    return make_settings(tmp_path, plugin={"thongbao": thongbao_section,
                                           "core": {"outbox_backoff_seconds": 0, "worker_lease_seconds": 2}})


@pytest.fixture
def extra_plugins():
    return [("motcua", motcua), ("thongbao", thongbao)]
