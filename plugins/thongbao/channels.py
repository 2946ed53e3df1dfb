"""The bundled delivery channels (kênh gửi): e-mail (SMTP), SMS (the provider's HTTP API),
Zalo OA (ZNS) and the print list. Each follows :class:`thanthien.core.outbox.Channel`; a
ward adds its own through the ``register_channels`` hook.

Each adapter calls ``handover()`` just before the point after which the provider may have
the message (the final ``.`` of SMTP ``DATA``; the HTTP request), so a worker killed there
leaves the message "unconfirmed" instead of sending it twice.
"""
from __future__ import annotations

import json
import smtplib
import socket
import ssl
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

import attrs

from thanthien.core.outbox import ChannelError, OutgoingMessage

from .settings import ThongbaoSettings
from .types import CHANNEL_LABELS


def strip_diacritics(text: str) -> str:
    """``"Hồ sơ đã có kết quả"`` → ``"Ho so da co ket qua"`` (đ/Đ included)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def normalise_phone(phone: str) -> str:
    """Digits only, the national form ``0…`` (``+84912…`` → ``0912…``)."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def text_with_link(message: OutgoingMessage) -> str:
    return f"{message.body} {message.link}".strip() if message.link else message.body


# ---------------------------------------------------------------------------
# e-mail
# ---------------------------------------------------------------------------

@attrs.define
class SmtpChannel:
    """E-mail through the ward's SMTP server: STARTTLS, then login when a user is set."""

    cfg: ThongbaoSettings
    domain: str = "thanthien.local"
    key: str = "email"
    label: str = CHANNEL_LABELS["email"]
    address: str = "email"
    max_length: int | None = None
    ascii_only: bool = False

    def configured(self) -> bool:
        return bool(self.cfg.smtp_host and self.cfg.smtp_from)

    def build(self, message: OutgoingMessage) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.cfg.smtp_from
        mail["To"] = message.recipient
        mail["Subject"] = message.subject or "Thông báo"
        mail["Date"] = formatdate(localtime=True)
        # the idempotency key names the message: a receiving system can tell a copy
        mail["Message-ID"] = f"<{message.idempotency_key}@{self.domain}>"
        mail.set_content(text_with_link(message) + "\n")
        return mail

    def send(self, message: OutgoingMessage, handover: Callable[[], None]) -> str:
        cfg = self.cfg
        mail = self.build(message)
        sender = parseaddr(cfg.smtp_from)[1] or cfg.smtp_from
        try:
            smtp = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.smtp_timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(f"Không kết nối được máy chủ thư {cfg.smtp_host}:{cfg.smtp_port}: {exc}") from None
        try:
            smtp.ehlo()
            if cfg.smtp_starttls:
                context = ssl.create_default_context(cafile=cfg.smtp_ca_file or None)
                smtp.starttls(context=context)
                smtp.ehlo()
            if cfg.smtp_user:
                smtp.login(cfg.smtp_user, cfg.smtp_password)
            code, reply = smtp.mail(sender)
            if code != 250:
                raise _smtp_error(code, reply)
            code, reply = smtp.rcpt(message.recipient)
            if code not in (250, 251):
                raise _smtp_error(code, reply)
            code, reply = smtp.docmd("DATA")
            if code != 354:
                raise _smtp_error(code, reply)
            payload = _dot_stuffed(mail.as_bytes(policy=mail.policy.clone(linesep="\r\n")))
            smtp.send(payload)
            # the server holds the whole text; the final dot makes it take the message
            handover()
            try:
                smtp.send(b".\r\n")
                code, reply = smtp.getreply()
            except (OSError, smtplib.SMTPException) as exc:
                raise ChannelError(f"Mất kết nối khi chờ máy chủ thư xác nhận: {exc}", definite=False) from None
            if code != 250:
                raise _smtp_error(code, reply)
            return reply.decode("utf-8", "replace")[:255]
        except smtplib.SMTPAuthenticationError as exc:
            raise ChannelError(f"Máy chủ thư từ chối đăng nhập: {exc.smtp_code}", retry=False) from None
        except smtplib.SMTPResponseException as exc:
            raise _smtp_error(exc.smtp_code, exc.smtp_error) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(f"Lỗi gửi thư: {exc}") from None
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


def _smtp_error(code: int, reply: bytes | str) -> ChannelError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    # 4xx: try again later; 5xx: refused for good (a wrong address)
    return ChannelError(f"Máy chủ thư trả lời {code}: {text}"[:500], retry=400 <= code < 500)


def _dot_stuffed(data: bytes) -> bytes:
    lines = data.split(b"\r\n")
    out = b"\r\n".join(b"." + line if line.startswith(b".") else line for line in lines)
    return out if out.endswith(b"\r\n") else out + b"\r\n"


# ---------------------------------------------------------------------------
# HTTP providers
# ---------------------------------------------------------------------------

def _post(url: str, body: bytes, headers: dict[str, str], timeout: float,
          handover: Callable[[], None]) -> bytes:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    handover()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        retry = exc.code >= 500 or exc.code == 429
        raise ChannelError(f"Nhà cung cấp trả lời HTTP {exc.code}", retry=retry) from None
    except urllib.error.URLError as exc:
        refused = isinstance(exc.reason, ConnectionRefusedError | socket.gaierror)
        raise ChannelError(f"Không gửi được tới nhà cung cấp: {exc.reason}", definite=refused) from None
    except (TimeoutError, OSError) as exc:
        raise ChannelError(f"Hết thời gian chờ nhà cung cấp: {exc}", definite=False) from None


@attrs.define
class HttpSmsChannel:
    """SMS through the ward's provider: an HTTP POST whose body the ward configures."""

    cfg: ThongbaoSettings
    key: str = "sms"
    label: str = CHANNEL_LABELS["sms"]
    address: str = "phone"

    @property
    def ascii_only(self) -> bool:
        return self.cfg.sms_ascii

    @property
    def max_length(self) -> int:
        return self.cfg.sms_max_length if self.cfg.sms_ascii else self.cfg.sms_unicode_max_length

    def configured(self) -> bool:
        return bool(self.cfg.sms_url)

    def render(self, message: OutgoingMessage) -> bytes:
        text = text_with_link(message)
        if self.ascii_only:
            text = strip_diacritics(text)

        def esc(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)[1:-1]

        body = self.cfg.sms_body.format(phone=esc(normalise_phone(message.recipient)), text=esc(text),
                                        id=esc(message.idempotency_key))
        return body.encode("utf-8")

    def send(self, message: OutgoingMessage, handover: Callable[[], None]) -> str:
        headers = {"Content-Type": self.cfg.sms_content_type, **self.cfg.sms_headers}
        answer = _post(self.cfg.sms_url, self.render(message), headers, self.cfg.sms_timeout, handover)
        return answer.decode("utf-8", "replace")[:255]


@attrs.define
class ZaloZnsChannel:
    """Zalo Official Account, Zalo Notification Service: ``POST /message/template`` with the
    ``access_token`` header, ``phone`` as ``84…``, the approved ``template_id``, its
    ``template_data`` and a ``tracking_id`` (our idempotency key); ``error = 0`` is success."""

    cfg: ThongbaoSettings
    key: str = "zalo"
    label: str = CHANNEL_LABELS["zalo"]
    address: str = "phone"
    max_length: int | None = 400
    ascii_only: bool = False

    def configured(self) -> bool:
        return bool(self.cfg.zalo_access_token and self.cfg.zalo_template_id and self.cfg.zalo_url)

    def payload(self, message: OutgoingMessage) -> dict:
        phone = normalise_phone(message.recipient)
        return {
            "phone": "84" + phone[1:] if phone.startswith("0") else phone,
            "template_id": self.cfg.zalo_template_id,
            "template_data": {self.cfg.zalo_text_param: text_with_link(message)},
            "tracking_id": message.idempotency_key,
        }

    def send(self, message: OutgoingMessage, handover: Callable[[], None]) -> str:
        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "access_token": self.cfg.zalo_access_token}
        answer = _post(self.cfg.zalo_url, body, headers, self.cfg.zalo_timeout, handover)
        try:
            data = json.loads(answer)
        except ValueError:
            raise ChannelError("Zalo trả lời không đúng định dạng", definite=False) from None
        if data.get("error") != 0:
            # a refused template, phone or quota: ZNS does not take the message
            raise ChannelError(f"Zalo từ chối: {data.get('error')} {data.get('message', '')}"[:500],
                               retry=data.get("error") in (-124, -125, -131)) from None
        return str((data.get("data") or {}).get("msg_id", ""))


@attrs.define
class PrintChannel:
    """The print list: messages staff hand over or read on the loudspeaker
    (``/thongbao/danh-sach-in``). Delivering puts the message on the list."""

    cfg: ThongbaoSettings
    key: str = "print"
    label: str = CHANNEL_LABELS["print"]
    address: str = "none"
    max_length: int | None = None
    ascii_only: bool = False

    def configured(self) -> bool:
        return self.cfg.print_enabled

    def send(self, message: OutgoingMessage, handover: Callable[[], None]) -> str:
        handover()
        return "danh-sach-in"


def bundled_channels(cfg: ThongbaoSettings, domain: str = "thanthien.local") -> list:
    return [SmtpChannel(cfg, domain), HttpSmsChannel(cfg), ZaloZnsChannel(cfg), PrintChannel(cfg)]
