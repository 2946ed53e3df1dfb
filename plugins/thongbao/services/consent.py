"""A person's consent per category of messages (R-DL-04) and their notice subscriptions.

Consent is clear and affirmative, never by default (no row: no consent), and withdrawn as
easily; every change is audit-logged with who recorded it and how it was given.
"""
from __future__ import annotations

from typing import Any

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor

from ..models import ConsentRow, SubscriptionRow
from ..types import CATEGORIES, CONSENT_SOURCES


def has_consent(person_id: int, category: str) -> bool:
    """R-DL-04: only an affirmative, not withdrawn consent counts."""
    row = ConsentRow.get_or_none(ConsentRow.person_id == person_id, ConsentRow.category == category)
    return bool(row and row.granted)


def consents(person_id: int) -> dict[str, dict[str, Any]]:
    rows = {r.category: r for r in ConsentRow.select().where(ConsentRow.person_id == person_id)}
    out = {}
    for key, label in CATEGORIES.items():
        row = rows.get(key)
        out[key] = {"category": key, "label": label, "granted": bool(row and row.granted),
                    "source": row.source if row else "", "source_label": CONSENT_SOURCES.get(row.source, "")
                    if row else "", "recorded_at": row.recorded_at if row else None}
    return out


def set_consent(person_id: int, category: str, granted: bool, *, actor: Actor, source: str = "",
                note: str = "") -> None:
    """Record a consent given (with how it was given) or withdrawn (R-DL-04)."""
    errors = []
    if category not in CATEGORIES:
        errors.append(("category", "Loại tin không hợp lệ."))
    if granted and source not in CONSENT_SOURCES:
        errors.append(("source", "Vui lòng chọn cách người dân thể hiện sự đồng ý."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = ConsentRow.get_or_none(ConsentRow.person_id == person_id, ConsentRow.category == category)
        before = {"granted": row.granted, "source": row.source} if row else None
        values = {"granted": granted, "source": source if granted else (row.source if row else ""),
                  "note": note[:255], "recorded_at": now(), "recorded_by": actor.person_id}
        if row is None:
            ConsentRow.create(person_id=person_id, category=category, **values)
        else:
            ConsentRow.update(**values).where(ConsentRow.id == row.id).execute()
        audit.record("consent.grant" if granted else "consent.withdraw", "thongbao.consent",
                     f"{person_id}:{category}", actor=actor, before=before,
                     after={"granted": granted, "source": values["source"]}, reason=note)


def subscribe(person_id: int, *, unit_id: int | None = None, category: str = "", actor: Actor) -> None:
    """Follow the notices of a residential group or of a category."""
    if unit_id is None and not category:
        raise ValidationError([("unit_id", "Chọn tổ dân phố hoặc loại thông báo muốn nhận.")])
    with write_transaction():
        SubscriptionRow.insert(person_id=person_id, unit_id=unit_id, category=category,
                               created_at=now()).on_conflict_ignore().execute()
        audit.record("subscription.add", "thongbao.subscription", person_id, actor=actor,
                     after={"unit_id": unit_id, "category": category})


def subscribers(unit_id: int | None, category: str) -> list[int]:
    """Who follows a notice of ``unit_id`` (``None``: the whole ward) and ``category``: the
    followers of the category, and of the group (every group for a ward-wide notice)."""
    S = SubscriptionRow
    by_category = S.unit_id.is_null(True) & (S.category == category)
    in_group = S.unit_id.is_null(False) if unit_id is None else (S.unit_id == unit_id)
    by_group = in_group & ((S.category == "") | (S.category == category))
    query = S.select(S.person_id).where(by_category | by_group).distinct()
    return sorted({r.person_id for r in query})
