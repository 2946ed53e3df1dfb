"""A password an administrator set (a new account, a reset) must be changed by its owner
before anything else: the flag lives in the key–value store (``web.password_change.<person id>``),
set by the administration pages and cleared when the owner changes the password."""
from __future__ import annotations

from thanthien.core.storage.db import write_transaction
from thanthien.core.storage.kv import KeyValueRow, kv_get, kv_set

#: where a flagged officer is sent, and the pages they may still open
CHANGE_PATH = "/account/password"
ALLOWED = (CHANGE_PATH, "/logout", "/login", "/-/session")
MESSAGE = ("Quản trị viên vừa đặt mật khẩu cho tài khoản của bạn. Vui lòng đổi sang mật khẩu của riêng bạn "
           "trước khi tiếp tục.")


def _key(person_id: int) -> str:
    return f"web.password_change.{person_id}"


def require_change(person_id: int) -> None:
    with write_transaction():
        kv_set(_key(person_id), True)


def must_change(person_id: int | None) -> bool:
    return person_id is not None and bool(kv_get(_key(person_id)))


def changed(person_id: int) -> None:
    with write_transaction():
        KeyValueRow.delete().where(KeyValueRow.key == _key(person_id)).execute()
