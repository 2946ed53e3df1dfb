"""Inbound data: form fields and JSON bodies structured into attrs classes.

One cattrs converter per app (:func:`thanthien.core.converters.make_converter`; plugins add
hooks through ``register_converter_hooks``), ``forbid_extra_keys=True``. :func:`structure` turns
every structuring problem into a :class:`~thanthien.core.errors.ValidationError` with
one Vietnamese message per field. Labels and messages come from attrs metadata::

    @attrs.frozen
    class FeedbackForm:
        name: str = attrs.field(metadata={"label": "Họ và tên"})
        phone: str = attrs.field(default="", metadata={"label": "Số điện thoại",
                                                         "error": "Số điện thoại gồm 9–12 chữ số."})
        visit_on: datetime.date | None = None   # accepts 05/01/2026 and 2026-01-05

A ``validator`` raising :class:`~thanthien.core.errors.UserMessage` ("…") shows its
(Vietnamese) message. A write route declares its form class with ``page(..., body=FormClass)``
and its endpoint calls ``structure(form, FormClass)`` after its permission checks; a
structuring error re-renders the page with the field errors and what the person typed
(see :mod:`thanthien.web.routing`).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from contextvars import ContextVar
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

from thanthien.core.converters import make_converter, parse_date
from thanthien.core.errors import UserMessage, ValidationError

T = TypeVar("T")
DEFAULT_ERROR = "Giá trị không hợp lệ"


def date_value(text: Any, field: str, default: dt.date | None = None) -> dt.date | None:
    """A date typed by a person (dd/mm/yyyy or YYYY-MM-DD); empty gives ``default``."""
    text = str(text or "").strip()
    if not text:
        return default
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError([(field, "Ngày không hợp lệ (dd/mm/yyyy).")]) from None


def query_date(request, name: str, default: dt.date | None = None) -> dt.date | None:
    """A date in the query string (``?tu=01/03/2026``); empty gives ``default``."""
    return date_value(request.query_params.get(name), name, default)


@attrs.frozen
class NoFields:
    """The form of a write that sends nothing but its CSRF token (a button: sign, publish)."""


@attrs.frozen
class Redirected:
    """The JSON answer of a successful write: where the page goes next and the message."""

    redirect: str
    message: str = ""


def install_web_hooks(conv: cattrs.Converter) -> cattrs.Converter:
    """Web-only structure hooks of the app's converter: uploaded files pass through as
    ``starlette.datastructures.UploadFile`` (check them with ``core.uploads.check_upload``)."""
    from starlette.datastructures import UploadFile

    def _upload(value: Any, _: Any) -> UploadFile:
        if isinstance(value, UploadFile):
            return value
        raise UserMessage("Vui lòng chọn một tệp.")

    conv.register_structure_hook(UploadFile, _upload)
    return conv


_default_converter: cattrs.Converter | None = None
#: The running app's converter (set by the route wrapper for each request).
current_converter: ContextVar[cattrs.Converter | None] = ContextVar("thanthien_converter", default=None)


def _converter() -> cattrs.Converter:
    """The app's converter when a request is running, else a default one."""
    global _default_converter
    conv = current_converter.get()
    if conv is not None:
        return conv
    if _default_converter is None:
        _default_converter = install_web_hooks(make_converter())
    return _default_converter


def _is_sequence(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (list, tuple, set, frozenset):
        return True
    return any(typing.get_origin(a) in (list, tuple, set, frozenset) for a in typing.get_args(tp))


def _is_textual(tp: Any) -> bool:
    if tp is str:
        return True
    args = typing.get_args(tp)
    return bool(args) and str in args


def label_of(cls: type, name: str) -> str:
    for f in attrs.fields(cls):
        if f.name == name:
            return f.metadata.get("label", name)
    return name


def _clean(data: dict[str, Any], cls: type) -> dict[str, Any]:
    """Form conventions: an empty optional non-text field means "not given"; a list field
    given one value (one ticked box) is a list of one; an empty list field is empty. A
    text field given a list or an object, or text with a NUL byte, is refused (issue 10
    item 8): it never becomes ``"['a', 'b']"``."""
    out = dict(data)
    hints = _hints(cls)
    bad: list[tuple[str, str]] = []
    for f in attrs.fields(cls):
        key = f.alias or f.name
        tp = hints.get(f.name, f.type)
        if key in out and _is_textual(tp) and not _is_sequence(tp):
            value = out[key]
            if isinstance(value, (list, tuple, dict, set)):
                bad.append((f.name, f"{f.metadata.get('label', f.name)}: chỉ nhận một giá trị dạng chữ."))
            elif isinstance(value, str) and "\x00" in value:
                bad.append((f.name, f"{f.metadata.get('label', f.name)}: có ký tự không hợp lệ."))
    if bad:
        raise ValidationError(bad)
    for f in attrs.fields(cls):
        key = f.alias or f.name
        if key not in out:
            continue
        tp = hints.get(f.name, f.type)
        value = out[key]
        if _is_sequence(tp):
            if value == "" or value is None:
                out[key] = []
            elif not isinstance(value, (list, tuple)):
                out[key] = [value]
        elif value == "" and not _is_textual(tp) and f.default is not attrs.NOTHING:
            del out[key]
        elif isinstance(value, str) and _is_textual(tp):
            out[key] = value.strip()
    return out


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - unresolvable forward refs: fall back to raw types
        return {}


def structure(data: Any, cls: type[T], converter: cattrs.Converter | None = None) -> T:
    """``cls`` from form/JSON data, or ValidationError([(field, Vietnamese message), …]).

    An instance of ``cls`` (already structured by the route) is returned as it is."""
    if isinstance(data, cls):
        return data
    conv = converter or _converter()
    try:
        return conv.structure(_clean(data or {}, cls), cls)
    except ForbiddenExtraKeysError as exc:
        raise ValidationError([(k, "Trường không được hỗ trợ.") for k in sorted(exc.extra_fields)]) from None
    except ClassValidationError as exc:
        raise ValidationError(_messages(exc, cls)) from None
    except (ValueError, TypeError) as exc:  # a validator on the class itself
        raise ValidationError([("", str(exc) or DEFAULT_ERROR)]) from None


def _messages(exc: ClassValidationError, cls: type) -> list[tuple[str, str]]:
    fields = {f.name: f for f in attrs.fields(cls)}
    errors: list[tuple[str, str]] = []
    with_notes, without = exc.group_exceptions()
    for sub, note in with_notes:
        name = getattr(note, "name", "")
        f = fields.get(name)
        meta = f.metadata if f else {}
        if isinstance(sub, KeyError):
            msg = meta.get("required", f"Vui lòng nhập {meta.get('label', name).lower()}.")
        elif isinstance(sub, ForbiddenExtraKeysError):
            for k in sorted(sub.extra_fields):
                errors.append((f"{name}.{k}", "Trường không được hỗ trợ."))
            continue
        else:
            msg = meta.get("error") or _plain(sub) or DEFAULT_ERROR
        errors.append((name, msg))
    for sub in without:
        if isinstance(sub, ForbiddenExtraKeysError):
            errors += [(k, "Trường không được hỗ trợ.") for k in sorted(sub.extra_fields)]
        else:
            errors.append(("", _plain(sub) or DEFAULT_ERROR))
    return errors or [("", DEFAULT_ERROR)]


def _plain(exc: BaseException) -> str:
    """A validator's own message when it is meant for people: a :class:`UserMessage`
    (older validators: a ``ValueError`` whose text has Vietnamese letters)."""
    text = str(exc.args[0]) if getattr(exc, "args", None) and isinstance(exc.args[0], str) else ""
    if isinstance(exc, UserMessage):
        return text
    if text and re.search(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", text.lower()):
        return text
    return ""
