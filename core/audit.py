"""The audit log (nhật ký kiểm toán): append-only and tamper-evident.

Every state change and every read of confidential personal data (R-DL-11, R-TC-10) is
recorded: who, when, what, before/after. Each entry carries the SHA-256 of the previous
entry, so editing or removing a row breaks the chain (``thanthien audit verify``); the
database itself refuses UPDATE and DELETE on the table (triggers in migration 0001).
Sequence numbers come from the ``audit`` counter, whose row lock also serialises
writers, so the chain never forks.

The chain alone proves nothing against someone who can write to the database: they can
drop the newest rows or re-hash the whole chain with :func:`entry_hash`. So (issue 10,
item 4) each entry also carries ``mac`` = HMAC-SHA256(key, hash) with a key kept
**outside** the database (``[audit] key_file``, created 0600, or the environment variable
``THANTHIEN_AUDIT_KEY``), and signed checkpoints (last sequence number + head hash) are
appended to a file the database cannot rewrite (``[audit] checkpoint_file``) every
``[audit] checkpoint_every`` entries and by ``thanthien audit checkpoint``.
:func:`verify_chain` checks the signatures and the latest checkpoint, so truncation and
re-hashing are reported. The key and the checkpoint file are bound to the database object
by :func:`configure` (``CoreServices.prepare_database``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from .counters import next_value
from .models import AuditRow, CounterRow, to_type
from .storage.db import Compiled, Insert, P, database_proxy, is_sqlite, now, write_transaction
from .types import SYSTEM_ACTOR, Actor, AuditEntry

GENESIS = "0" * 64
KEY_ENV = "THANTHIEN_AUDIT_KEY"
_ATTR = "_thanthien_audit_keyring"


# ---------------------------------------------------------------------------
# the key and the checkpoints, outside the database
# ---------------------------------------------------------------------------


def create_private_file(path: Path, data: bytes = b"") -> None:
    """Create ``path`` readable by its owner only (0600) from the first byte on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if data:
            os.write(fd, data)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Tighten an existing file to 0600 (a key or database created before this rule)."""
    try:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:  # not ours to change: left as is, verify still works
        pass


def load_key(key_file: Path) -> bytes:
    """The audit key: ``THANTHIEN_AUDIT_KEY`` when set, else the key file (made on first use)."""
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        return hashlib.sha256(env.encode("utf-8")).digest()
    if not key_file.exists():
        with contextlib.suppress(FileExistsError):  # another worker made it first
            create_private_file(key_file, secrets.token_hex(32).encode("ascii"))
    make_private(key_file)
    text = key_file.read_text(encoding="ascii").strip()
    if len(text) < 32:
        from .errors import ThanthienError

        raise ThanthienError(f"Khóa nhật ký kiểm toán trong {key_file} quá ngắn (cần ít nhất 32 ký tự).")
    return hashlib.sha256(text.encode("ascii")).digest()


@attrs.define
class Keyring:
    """The key and checkpoint file one database uses (set by :func:`configure`)."""

    key: bytes
    checkpoint_file: Path
    every: int = 100
    last_checkpoint: int = -1  # seq of the newest checkpoint this process knows


def configure(db, key: bytes, checkpoint_file: Path, every: int = 100) -> Keyring:
    """Bind the key and the checkpoint file to ``db``; the first time the checkpoint file
    is made, a signed checkpoint records the entries written before the key (unsigned)."""
    ring = Keyring(key, Path(checkpoint_file), every)
    setattr(db, _ATTR, ring)
    with db.connection_context():
        if not ring.checkpoint_file.exists():
            checkpoint(db, initial=True)
        else:
            make_private(ring.checkpoint_file)
            latest = latest_checkpoint(ring)
            ring.last_checkpoint = latest["seq"] if latest else 0
    return ring


def configure_from_settings(db, settings) -> Keyring:
    return configure(
        db, load_key(settings.audit_key_file), settings.audit_checkpoint_file, settings.audit.checkpoint_every
    )


def keyring(db=None) -> Keyring | None:
    db = db or database_proxy.obj
    return getattr(db, _ATTR, None)


def _mac(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()


def _sign_checkpoint(key: bytes, body: dict) -> str:
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, b"checkpoint:" + payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _read_checkpoints(ring: Keyring) -> list[tuple[int, dict | None]]:
    """(line number, checkpoint or None when the line is not JSON) for each line."""
    out: list[tuple[int, dict | None]] = []
    try:
        lines = ring.checkpoint_file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return out
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            item = None
        out.append((number, item if isinstance(item, dict) else None))
    return out


def _valid(ring: Keyring, item: dict | None) -> bool:
    if not item or not isinstance(item.get("sig"), str):
        return False
    body = {k: v for k, v in item.items() if k != "sig"}
    return hmac.compare_digest(item["sig"], _sign_checkpoint(ring.key, body))


def current_checkpoints(ring: Keyring) -> list[dict]:
    """The validly signed checkpoints since the last restore (file order)."""
    out: list[dict] = []
    for _, item in _read_checkpoints(ring):
        if _valid(ring, item):
            if item.get("restore"):  # type: ignore[union-attr]
                out = []
            out.append(item)  # type: ignore[arg-type]
    return out


def latest_checkpoint(ring: Keyring) -> dict | None:
    """The validly signed checkpoint (since the last restore) with the highest sequence number."""
    valid = current_checkpoints(ring)
    return max(valid, key=lambda c: c["seq"]) if valid else None


def checkpoint(db=None, *, initial: bool = False) -> dict | None:
    """Append a signed checkpoint (newest seq, its hash) to the checkpoint file."""
    db = db or database_proxy.obj
    ring = keyring(db)
    if ring is None:
        return None
    head = AuditRow.select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).first()
    previous = latest_checkpoint(ring)
    if previous is not None:
        unsigned_upto = previous["unsigned_upto"]
    else:  # the entries written before the key: the checkpoint vouches for them
        last_plain = (
            AuditRow.select(AuditRow.seq)
            .where(AuditRow.mac.is_null(True) | (AuditRow.mac == ""))
            .order_by(AuditRow.seq.desc())
            .first()
        )
        unsigned_upto = last_plain.seq if last_plain else 0
    return append_checkpoint(
        ring, head.seq if head else 0, head.hash if head else GENESIS, unsigned_upto, initial=initial
    )


def append_checkpoint(
    ring: Keyring, seq: int, head_hash: str, unsigned_upto: int, *, initial: bool = False, restore: bool = False
) -> dict:
    """Sign and append one checkpoint line. ``restore``: the database was restored from a
    backup (``thanthien restore``, run by someone holding the key); the checkpoints before
    it no longer describe the database."""
    body = {
        "seq": seq,
        "hash": head_hash,
        "at": now().isoformat(timespec="seconds"),
        "unsigned_upto": unsigned_upto,
        "initial": initial,
        "restore": restore,
    }
    line = json.dumps({**body, "sig": _sign_checkpoint(ring.key, body)}, sort_keys=True) + "\n"
    if not ring.checkpoint_file.exists():
        with contextlib.suppress(FileExistsError):
            create_private_file(ring.checkpoint_file)
    with ring.checkpoint_file.open("a", encoding="utf-8") as fh:
        fh.write(line)
    ring.last_checkpoint = seq if restore else max(ring.last_checkpoint, seq)
    return body


def maybe_checkpoint(db=None) -> dict | None:
    """A checkpoint when ``every`` entries were written since the last one. Only outside a
    transaction: a checkpoint must never name an entry that could still roll back."""
    db = db or database_proxy.obj
    ring = keyring(db)
    if ring is None or db.in_transaction():
        return None
    head = AuditRow.select(AuditRow.seq).order_by(AuditRow.seq.desc()).first()
    if head is None or head.seq - ring.last_checkpoint < ring.every:
        return None
    return checkpoint(db)


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


def entry_hash(
    seq: int,
    at: dt.datetime,
    actor_id,
    actor_name: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Any,
    after: Any,
    reason: str,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [seq, at.isoformat(), actor_id, actor_name, action, entity, entity_id, before, after, reason, prev_hash],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: the append's statements, their SQL text built once (issue 16)
_NEXT_SQL: dict[str, str] = {}
_PREV_SQL: dict[str, str] = {}


def reserve() -> Callable[[], tuple[int, str]]:
    """Take the next sequence number (from the ``audit`` counter, whose row lock serialises
    writers) and read the hash of the entry before it; returns a function giving
    ``(seq, previous hash)``. Call inside a write transaction.

    On SQLite one statement does both (the writing transaction holds the database's write
    lock from its start, so it sees every committed entry). On PostgreSQL they are two
    statements — a statement's subquery reads the snapshot taken when the statement
    began, before it waited for the counter's row lock, so it could miss the entry just
    committed by the writer it waited for; the second statement starts after the lock is
    held — sent together and read when the function is called, so that inside
    :func:`~thanthien.core.storage.db.pipelined` they share one round trip with the
    statements queued beside them.
    """
    db = database_proxy.obj
    counter, table = CounterRow._meta.table_name, AuditRow._meta.table_name
    key = db.param
    if is_sqlite(db):
        sql = _NEXT_SQL.get(key)
        if sql is None:
            sql = _NEXT_SQL[key] = (
                f'UPDATE "{counter}" SET "value" = "value" + 1 WHERE "series" = {db.param} '
                f'RETURNING "value", (SELECT "hash" FROM "{table}" WHERE "{table}"."seq" = "{counter}"."value" - 1)'
            )
        row = db.execute_sql(sql, ("audit",)).fetchone()
        return lambda: _reserved(row, row[1] if row else None)
    sql = _NEXT_SQL.get(key)
    if sql is None:
        sql = _NEXT_SQL[key] = (
            f'UPDATE "{counter}" SET "value" = "value" + 1 WHERE "series" = {db.param} RETURNING "value"'
        )
        _PREV_SQL[key] = (
            f'SELECT "hash" FROM "{table}" WHERE "seq" = '
            f'(SELECT "value" - 1 FROM "{counter}" WHERE "series" = {db.param})'
        )
    taken = db.execute_sql(sql, ("audit",))
    previous = db.execute_sql(_PREV_SQL[key], ("audit",))

    def fetch() -> tuple[int, str]:
        row = taken.fetchone()
        prev = previous.fetchone()
        return _reserved(row, prev[0] if prev else None)

    return fetch


def _reserved(row: Any, prev_hash: str | None) -> tuple[int, str]:
    if row is None:  # the first entry of the database: the counter row is created
        seq = next_value("audit")
        prev = _PREVIOUS.first(seq=seq - 1)
        return seq, prev.hash if prev else GENESIS
    return int(row[0]), prev_hash or GENESIS


_PREVIOUS = Compiled(lambda: AuditRow.select(AuditRow.hash).where(AuditRow.seq == P("seq")).limit(1))
_APPEND = Insert(
    AuditRow,
    (
        "seq",
        "at",
        "actor_id",
        "actor_name",
        "action",
        "entity",
        "entity_id",
        "before",
        "after",
        "reason",
        "prev_hash",
        "hash",
        "mac",
    ),
    returning=None,
)


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
    db = database_proxy.obj
    # inside the caller's transaction the entry joins it (no savepoint: an error rolls the
    # whole transaction back, as it propagates); otherwise it opens its own
    with contextlib.nullcontext() if db.in_transaction() else write_transaction():
        seq, prev_hash = reserve()()
        entry = append(
            seq, prev_hash, action, entity, entity_id, actor=actor, before=before, after=after, reason=reason
        )
    appended(entry)
    return entry


def append(
    seq: int,
    prev_hash: str,
    action: str,
    entity: str,
    entity_id: Any = "",
    *,
    actor: Actor | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Write entry ``seq`` (from :func:`reserve`) after ``prev_hash``: its hash, its keyed
    signature. Call inside the write transaction that reserved ``seq``, then :func:`appended`."""
    actor = actor or SYSTEM_ACTOR
    before, after = _canonical(before), _canonical(after)
    ring = keyring()
    at = now()
    digest = entry_hash(
        seq, at, actor.person_id, actor.name, action, entity, str(entity_id), before, after, reason, prev_hash
    )
    _APPEND.run(
        seq=seq,
        at=at,
        actor_id=actor.person_id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=before,
        after=after,
        reason=reason,
        prev_hash=prev_hash,
        hash=digest,
        mac=_mac(ring.key, digest) if ring else None,
    )
    return AuditEntry(
        seq, at, actor.person_id, actor.name, action, entity, str(entity_id), before, after, reason, prev_hash, digest
    )


def appended(entry: AuditEntry) -> None:
    """After an entry is written: a signed checkpoint every ``checkpoint_every`` entries."""
    ring = keyring()
    if ring is not None and entry.seq - ring.last_checkpoint >= ring.every:
        maybe_checkpoint()


@attrs.frozen
class VerifyResult:
    ok: bool
    checked: int
    problems: tuple[str, ...]


def verify_chain(batch: int = 5000) -> VerifyResult:
    """Recompute every hash; report gaps, broken links and altered rows; with the key
    (:func:`configure`), also every entry's keyed signature and the signed checkpoints:
    a re-hashed chain and removed newest entries are reported."""
    problems: list[str] = []
    ring = keyring()
    checkpoints: list[dict] = []
    unsigned_upto = 0
    if ring is not None:
        for number, item in _read_checkpoints(ring):
            if not _valid(ring, item):
                problems.append(f"điểm kiểm tra dòng {number}: chữ ký không hợp lệ")
        checkpoints = current_checkpoints(ring)
        if not checkpoints:
            problems.append(f"không có điểm kiểm tra hợp lệ nào trong {ring.checkpoint_file}")
        else:
            unsigned_upto = min(c["unsigned_upto"] for c in checkpoints)
    at_seq = {c["seq"]: c["hash"] for c in checkpoints}
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
            digest = entry_hash(
                row.seq,
                row.at,
                row.actor_id,
                row.actor_name,
                row.action,
                row.entity,
                row.entity_id,
                row.before,
                row.after,
                row.reason,
                row.prev_hash,
            )
            if digest != row.hash:
                problems.append(f"bản ghi {row.seq}: nội dung đã bị thay đổi")
            if ring is not None:
                if row.mac:
                    if not hmac.compare_digest(row.mac, _mac(ring.key, row.hash)):
                        problems.append(f"bản ghi {row.seq}: chữ ký khóa không khớp (chuỗi đã bị tính lại)")
                elif row.seq > unsigned_upto:
                    problems.append(f"bản ghi {row.seq}: thiếu chữ ký khóa")
                if row.seq in at_seq and at_seq[row.seq] != row.hash:
                    problems.append(f"bản ghi {row.seq}: khác với điểm kiểm tra đã ký")
            prev_hash = row.hash
            expected_seq = row.seq + 1
            last = row.seq
    if checkpoints:
        newest = max(checkpoints, key=lambda c: c["seq"])
        if last < newest["seq"]:
            problems.append(
                f"thiếu các bản ghi mới nhất: điểm kiểm tra đã ký lúc {_when(newest['at'])} ghi nhận "
                f"{newest['seq']} bản ghi, cơ sở dữ liệu chỉ còn đến bản ghi {last}"
            )
    return VerifyResult(not problems, checked, tuple(problems))


def _when(iso: str) -> str:
    try:
        return f"{dt.datetime.fromisoformat(iso):%H:%M:%S %d/%m/%Y}"
    except ValueError:
        return iso


def entries(
    entity: str | None = None,
    entity_id: Any = None,
    action: str | None = None,
    limit: int = 100,
    before_seq: int | None = None,
) -> list[AuditEntry]:
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
