"""Forms kept across a session timeout (biểu mẫu được giữ lại khi phiên hết hạn).

When an officer posts a form after their session has ended (idle or absolute timeout),
what they typed is not thrown away: the web pipeline keeps it here, short-lived, tied
to the account of the ended session and encrypted, and after the officer logs in again
the page of the form comes back filled in.

* Encrypted with Fernet (``cryptography``): the key is derived from the app secret and a
  random token that only the browser holds (an HttpOnly cookie); the table stores the
  token's SHA-256, never the token. The database alone cannot read a kept form.
* Tied to the account: it is handed back only to the account whose session ended.
* Short-lived: :data:`KEEP_MINUTES` after the post it is gone (Fernet's own timestamp is
  checked too), and it is handed back once.

The current time comes from :data:`clock` so tests can move it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import attrs
import peewee as pw

from .storage.db import BaseModel, now, write_transaction

#: Time source (tests replace it).
clock: Callable[[], dt.datetime] = now

#: How long a kept form waits for its officer to log in again.
KEEP_MINUTES = 60
#: The largest form kept (characters of its JSON); bigger posts are not kept.
MAX_CHARS = 200_000


class KeptFormRow(BaseModel):
    token_hash = pw.CharField(max_length=64, primary_key=True)
    account_id = pw.BigIntegerField(index=True)
    page_path = pw.CharField(max_length=500)  # the page whose form was posted
    action_path = pw.CharField(max_length=500)  # where it was posted
    created_at = pw.DateTimeField()
    expires_at = pw.DateTimeField(index=True)
    payload = pw.TextField()  # Fernet token (encrypted JSON of the fields)

    class Meta:
        table_name = "core_kept_form"


KEPT_FORM_MODELS = [KeptFormRow]


@attrs.frozen
class KeptForm:
    page_path: str
    action_path: str
    values: dict[str, Any]
    created_at: dt.datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _fernet(secret: bytes, token: str):
    from cryptography.fernet import Fernet

    key = hmac.new(secret, b"kept-form:" + token.encode("utf-8"), hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def session_owner(raw_session: str | None) -> int | None:
    """The account of the session a cookie names, when that session ended by timeout
    (not by logout: a revoked session keeps nothing)."""
    from .accounts import SessionRow, _hash_id

    if not raw_session or len(raw_session) > 64:
        return None
    row = SessionRow.get_or_none(SessionRow.id_hash == _hash_id(raw_session))
    if row is None or row.revoked_at is not None or row.stage != "full":
        return None
    return int(row.account_id)


def keep(secret: bytes, token: str, account_id: int, page_path: str, action_path: str, values: dict[str, Any]) -> bool:
    """Keep ``values`` for ``account_id`` under the browser's ``token``; False when too big."""
    text = json.dumps(values, ensure_ascii=False)
    if len(text) > MAX_CHARS:
        return False
    at = clock()
    payload = _fernet(secret, token).encrypt_at_time(text.encode("utf-8"), int(at.timestamp())).decode("ascii")
    with write_transaction():
        KeptFormRow.delete().where(KeptFormRow.expires_at <= at).execute()  # expired ones
        KeptFormRow.insert(
            token_hash=_hash(token),
            account_id=account_id,
            page_path=page_path[:500],
            action_path=action_path[:500],
            created_at=at,
            expires_at=at + dt.timedelta(minutes=KEEP_MINUTES),
            payload=payload,
        ).execute()
    return True


def take(secret: bytes, token: str, account_id: int, page_path: str | None = None) -> KeptForm | None:
    """The form kept under ``token`` for ``account_id`` (and, if given, for ``page_path``),
    handed back once; None when absent, expired, another account's or unreadable."""
    from cryptography.fernet import InvalidToken

    if not token or len(token) > 100:
        return None
    at = clock()
    row = KeptFormRow.get_or_none(KeptFormRow.token_hash == _hash(token))
    if row is None or row.account_id != account_id or row.expires_at <= at:
        return None
    if page_path is not None and row.page_path.split("?")[0] != page_path:
        return None
    with write_transaction():
        gone = KeptFormRow.delete().where(KeptFormRow.token_hash == row.token_hash).execute()
    if not gone:  # another request took it
        return None
    try:
        text = _fernet(secret, token).decrypt_at_time(
            row.payload.encode("ascii"), KEEP_MINUTES * 60, int(at.timestamp())
        )
        values = json.loads(text)
    except (InvalidToken, ValueError):
        return None
    return KeptForm(row.page_path, row.action_path, values if isinstance(values, dict) else {}, row.created_at)


def pending_for(token: str, account_id: int) -> str | None:
    """The page path of a live kept form under ``token`` for ``account_id`` (not taken)."""
    if not token or len(token) > 100:
        return None
    row = KeptFormRow.get_or_none(KeptFormRow.token_hash == _hash(token))
    if row is None or row.account_id != account_id or row.expires_at <= clock():
        return None
    return row.page_path
