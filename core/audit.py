"""The audit log (nhật ký kiểm toán): append-only and tamper-evident.

Every state change and every read of confidential personal data (R-DL-11, R-TC-10) is
recorded: who, when, what, before/after. Each entry carries the SHA-256 of the previous
entry, so editing or removing a row breaks the chain (``thanthien audit verify``); the
database itself refuses UPDATE and DELETE on the table (triggers in migration 0001).
Sequence numbers come from the ``audit`` counter, whose row lock also serialises
writers, so the chain never forks.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

import attrs

from .counters import next_value
from .models import AuditRow, to_type
from .storage.db import Compiled, Insert, P, now, write_transaction
from .types import SYSTEM_ACTOR, Actor, AuditEntry

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    if attrs.has(type(value)):
        value = attrs.asdict(value, recurse=True)
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    return str(value)


def entry_hash(seq: int, at: dt.datetime, actor_id, actor_name: str, action: str, entity: str,
               entity_id: str, before: Any, after: Any, reason: str, prev_hash: str) -> str:
    payload = json.dumps(
        [seq, at.isoformat(), actor_id, actor_name, action, entity, entity_id, before, after,
         reason, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: the append's statements, their SQL text built once (issue 16)
_PREVIOUS = Compiled(lambda: AuditRow.select(AuditRow.hash).where(AuditRow.seq == P("seq")).limit(1))
_APPEND = Insert(AuditRow, ("seq", "at", "actor_id", "actor_name", "action", "entity", "entity_id", "before",
                            "after", "reason", "prev_hash", "hash"), returning=None)


def record(
    action: str,
    entity: str,
    entity_id: Any = "",
    *,
    actor: Actor | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Append an entry. Joins the caller's transaction, or opens one."""
    actor = actor or SYSTEM_ACTOR
    before, after = _canonical(before), _canonical(after)
    with write_transaction():
        seq = next_value("audit")
        prev = _PREVIOUS.first(seq=seq - 1)
        prev_hash = prev.hash if prev else GENESIS
        at = now()
        digest = entry_hash(seq, at, actor.person_id, actor.name, action, entity, str(entity_id),
                            before, after, reason, prev_hash)
        _APPEND.run(
            seq=seq, at=at, actor_id=actor.person_id, actor_name=actor.name, action=action,
            entity=entity, entity_id=str(entity_id), before=before, after=after, reason=reason,
            prev_hash=prev_hash, hash=digest,
        )
    return AuditEntry(seq, at, actor.person_id, actor.name, action, entity, str(entity_id),
                      before, after, reason, prev_hash, digest)


@attrs.frozen
class VerifyResult:
    ok: bool
    checked: int
    problems: tuple[str, ...]


def verify_chain(batch: int = 5000) -> VerifyResult:
    """Recompute every hash; report gaps, broken links and altered rows."""
    problems: list[str] = []
    expected_seq = 1
    prev_hash: str | None = GENESIS
    checked = 0
    last = 0
    while True:
        rows = list(AuditRow.select().where(AuditRow.seq > last).order_by(AuditRow.seq).limit(batch))
        if not rows:
            break
        for row in rows:
            checked += 1
            if row.seq != expected_seq:
                problems.append(f"thiếu bản ghi số {expected_seq}–{row.seq - 1}")
                prev_hash = None  # the link cannot be checked across a gap
            if prev_hash is not None and row.prev_hash != prev_hash:
                problems.append(f"bản ghi {row.seq}: liên kết với bản ghi trước bị sai")
            digest = entry_hash(row.seq, row.at, row.actor_id, row.actor_name, row.action,
                                row.entity, row.entity_id, row.before, row.after, row.reason,
                                row.prev_hash)
            if digest != row.hash:
                problems.append(f"bản ghi {row.seq}: nội dung đã bị thay đổi")
            prev_hash = row.hash
            expected_seq = row.seq + 1
            last = row.seq
    return VerifyResult(not problems, checked, tuple(problems))


def entries(entity: str | None = None, entity_id: Any = None, action: str | None = None,
            limit: int = 100, before_seq: int | None = None) -> list[AuditEntry]:
    q = AuditRow.select().order_by(AuditRow.seq.desc()).limit(limit)
    if entity:
        q = q.where(AuditRow.entity == entity)
    if entity_id is not None:
        q = q.where(AuditRow.entity_id == str(entity_id))
    if action:
        q = q.where(AuditRow.action == action)
    if before_seq:
        q = q.where(AuditRow.seq < before_seq)
    return [to_type(AuditEntry, r) for r in q]


def diff(before: dict, after: dict, fields: Iterable[str] | None = None) -> tuple[dict, dict]:
    """The changed fields only, for compact before/after entries."""
    keys = fields or sorted(set(before) | set(after))
    b = {k: before.get(k) for k in keys if before.get(k) != after.get(k)}
    a = {k: after.get(k) for k in keys if before.get(k) != after.get(k)}
    return b, a
