"""``[plugin.thongbao]``: the channels a ward has, quiet hours and template overrides."""
from __future__ import annotations

import attrs

_port = attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(65535))


def _hhmm(instance, attribute, value: str) -> None:
    hour, sep, minute = value.partition(":")
    if not (sep and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        raise ValueError(f"{attribute.name} phải có dạng HH:MM, không phải {value!r}")


@attrs.frozen
class ThongbaoSettings:
    # -- e-mail (SMTP; STARTTLS and login when given) ------------------------------------
    #: the ward's SMTP server; empty: no e-mail channel
    smtp_host: str = ""
    smtp_port: int = attrs.field(default=587, validator=_port)
    smtp_user: str = ""
    smtp_password: str = ""
    #: upgrade the connection with STARTTLS (required before a login)
    smtp_starttls: bool = True
    #: a CA bundle to verify the server's certificate with (empty: the system's)
    smtp_ca_file: str = ""
    #: the sender, e.g. ``"UBND phường Bắc Kạn <thongbao@backan.gov.vn>"``
    smtp_from: str = ""
    smtp_timeout: float = attrs.field(default=30.0, validator=attrs.validators.gt(0))

    # -- SMS through the ward's provider (HTTP) ---------------------------------------------
    #: the provider's endpoint; empty: no SMS channel
    sms_url: str = ""
    #: extra HTTP headers (e.g. ``{Authorization = "Bearer …"}``)
    sms_headers: dict[str, str] = attrs.Factory(dict)
    #: the request body; ``{phone}``, ``{text}``, ``{id}`` are replaced (JSON-escaped)
    sms_body: str = '{{"phone": "{phone}", "message": "{text}", "request_id": "{id}"}}'
    sms_content_type: str = "application/json"
    #: the provider sends only unaccented text (most Vietnamese brandname SMS)
    sms_ascii: bool = True
    #: longest text: 160 (one GSM-7 SMS) without diacritics, 134 (two UCS-2 parts) with
    sms_max_length: int = attrs.field(default=160, validator=attrs.validators.ge(20))
    sms_unicode_max_length: int = attrs.field(default=134, validator=attrs.validators.ge(20))
    sms_timeout: float = attrs.field(default=20.0, validator=attrs.validators.gt(0))

    # -- Zalo Official Account: Zalo Notification Service --------------------------------
    #: ZNS endpoint (Zalo's published API); the access token empty: no Zalo channel
    zalo_url: str = "https://business.openapi.zalo.me/message/template"
    zalo_access_token: str = ""
    #: the approved ZNS template and the parameter that receives the text
    zalo_template_id: str = ""
    zalo_text_param: str = "noi_dung"
    zalo_timeout: float = attrs.field(default=20.0, validator=attrs.validators.gt(0))

    # -- print list ------------------------------------------------------------------------
    #: keep a list of messages for staff to hand over or read on the loudspeaker
    print_enabled: bool = True

    # -- policy ----------------------------------------------------------------------------
    #: no message to residents between these times (one-time codes excepted)
    quiet_start: str = attrs.field(default="21:00", validator=_hhmm)
    quiet_end: str = attrs.field(default="07:00", validator=_hhmm)
    #: a ward's own wording: ``{ "motcua.result_ready" = "…{number}…" }`` (same placeholders)
    templates: dict[str, str] = attrs.Factory(dict)
    #: the consent category of a message kind from another module (``kind`` → category)
    kind_categories: dict[str, str] = attrs.Factory(dict)
    #: when the staff daily digest is sent
    digest_at: str = attrs.field(default="07:15", validator=_hhmm)
