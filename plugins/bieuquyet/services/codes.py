"""One-time codes (mã dùng một lần): unguessable, single-use, purpose-bound, expiring.

A code proves "this household (or this person) may act once for this purpose": vote
once online (``vote:<id>``), return one paper ballot (``ballot:<id>``), comment on a
consultation (``consultation:<id>``).

* **Unguessable**: :data:`ALPHABET` has 31 symbols without look-alikes (0/O, 1/I/L);
  a code of ``code_length`` (default 10) characters drawn with :mod:`secrets` is one of
  31¹⁰ ≈ 8·10¹⁴ (about 2⁴⁹). Public pages that take a code are rate-limited (``page(rate_limit=…)``).
* **Stored only as a keyed hash**: HMAC-SHA256 of ``<purpose>|<code>`` under a ward key
  kept in the key-value store (``bieuquyet.code_key``, made once with :mod:`secrets`).
  The clear code exists only in the :class:`~..types.IssuedCode` returned by
  :func:`issue` — printed on the household's sheet or sent in one message.
* **Purpose-bound**: the purpose is inside the hash, so a code for ``vote:4`` does not
  verify for ``vote:5`` or ``consultation:4``.
* **Single use, atomically**: :func:`consume` sets ``used_at`` with one conditional
  ``UPDATE … WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at >= now``; of two
  concurrent uses exactly one updates a row. A second use fails with a clear error.
* **One live code per holder and purpose**: issuing again revokes the earlier unused
  code (recorded, never deleted), so a household never holds two codes for one vote.
* **Not linkable in public output**: verification returns a :class:`~..types.CodeHolder`
  to the service that needs it; no page shows a code's household.

Delivery: :func:`send` asks the notifications module through the ``message_requested``
hook (``MessageRequest(kind="bieuquyet.one_time_code", secret=True)``); without such a
module nothing is sent and the printed sheet (:func:`code_sheet`) is the way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

import attrs

from thanthien.core import audit
from thanthien.core.errors import ValidationError
from thanthien.core.models import HouseholdRow, PersonRow, UnitRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.storage.kv import kv_get, kv_set
from thanthien.core.types import SYSTEM_ACTOR, Actor, MessageRequest

from ..models import OneTimeCodeRow
from ..types import PLUGIN, CodeHolder, IssuedCode

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices

#: 31 symbols, no 0/O, 1/I/L look-alikes: read aloud and typed from paper without mistakes
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
KEY_NAME = f"{PLUGIN}.code_key"
MESSAGE_KIND = f"{PLUGIN}.one_time_code"
ENTITY = f"{PLUGIN}.code"

CODE_INVALID = "Mã không đúng, đã hết hạn hoặc không dùng cho việc này."
CODE_USED = "Mã này đã được sử dụng; mỗi mã chỉ dùng được một lần."


def _key() -> bytes:
    value = kv_get(KEY_NAME)
    if not value:
        with write_transaction():
            value = kv_get(KEY_NAME)
            if not value:
                value = secrets.token_hex(32)
                kv_set(KEY_NAME, value)
    return bytes.fromhex(value)


def normalize(code: str) -> str:
    """Upper case, without spaces and dashes (the sheet prints ``ABCDE-FGHJK``)."""
    return "".join(ch for ch in (code or "").upper() if ch not in " -\t\r\n")


def code_hash(purpose: str, code: str) -> str:
    return hmac.new(_key(), f"{purpose}|{normalize(code)}".encode(), hashlib.sha256).hexdigest()


def generate(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def display(code: str) -> str:
    """``ABCDEFGHJK`` → ``ABCDE-FGHJK`` (easier to read and type)."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}"


def _check_purpose(purpose: str) -> None:
    kind, _, ident = purpose.partition(":")
    if not kind or not ident:
        raise ValueError(f"a code purpose is '<kind>:<id>', not {purpose!r}")


def issue(core: CoreServices, *, purpose: str, household_id: int | None = None, person_id: int | None = None,
          expires_at: dt.datetime | None = None, actor: Actor = SYSTEM_ACTOR,
          at: dt.datetime | None = None) -> IssuedCode:
    """A new code for one household or one person; revokes their earlier unused code for
    the same purpose (recorded). Returns the clear code — the only time it exists."""
    _check_purpose(purpose)
    if (household_id is None) == (person_id is None):
        raise ValueError("a code belongs to exactly one household or one person")
    settings = core.config(PLUGIN)
    at = at or now()
    expires_at = expires_at or at + dt.timedelta(days=settings.code_valid_days)
    if expires_at <= at:
        raise ValidationError([("expires_at", "Thời hạn của mã phải sau thời điểm cấp.")])
    with write_transaction():
        holder = (OneTimeCodeRow.household_id == household_id) if household_id is not None \
            else (OneTimeCodeRow.person_id == person_id)
        earlier = OneTimeCodeRow.update(revoked_at=at, revoke_reason="Đã cấp mã mới").where(
            OneTimeCodeRow.purpose == purpose, holder, OneTimeCodeRow.used_at.is_null(),
            OneTimeCodeRow.revoked_at.is_null()).execute()
        while True:  # a collision among 31¹⁰ codes is improbable; the unique index makes it impossible
            code = generate(settings.code_length)
            digest = code_hash(purpose, code)
            if not OneTimeCodeRow.select().where(OneTimeCodeRow.code_hash == digest).exists():
                break
        row = OneTimeCodeRow.create(purpose=purpose, code_hash=digest, household_id=household_id,
                                    person_id=person_id, created_at=at, created_by_id=actor.person_id,
                                    created_by_name=actor.name, expires_at=expires_at)
        audit.record("code_issued", ENTITY, row.id, actor=actor,
                     after={"purpose": purpose, "household_id": household_id, "person_id": person_id,
                            "expires_at": expires_at, "revoked_earlier": earlier})
    return IssuedCode(row.id, purpose, code, household_id, person_id, expires_at)


def issue_for_households(core: CoreServices, *, purpose: str, household_ids: list[int],
                         expires_at: dt.datetime | None = None, actor: Actor = SYSTEM_ACTOR,
                         at: dt.datetime | None = None) -> list[IssuedCode]:
    """One code per household (R-BQ-21, R-BQ-23), in one transaction."""
    with write_transaction():
        return [issue(core, purpose=purpose, household_id=h, expires_at=expires_at, actor=actor, at=at)
                for h in household_ids]


def _live(purpose: str, code: str, at: dt.datetime):
    return OneTimeCodeRow.select().where(
        OneTimeCodeRow.code_hash == code_hash(purpose, code), OneTimeCodeRow.purpose == purpose,
        OneTimeCodeRow.revoked_at.is_null(), OneTimeCodeRow.expires_at >= at)


def _holder(row: OneTimeCodeRow) -> CodeHolder:
    return CodeHolder(row.id, row.purpose, row.household_id, row.person_id, row.used_at)


def verify(core: CoreServices, *, purpose: str, code: str, at: dt.datetime | None = None) -> CodeHolder:
    """Whom an unused, unexpired code of ``purpose`` belongs to, without using it.
    Raises :class:`ValidationError` (field ``code``) otherwise."""
    at = at or now()
    if not normalize(code):
        raise ValidationError([("code", "Vui lòng nhập mã.")])
    row = _live(purpose, code, at).first()
    if row is None:
        raise ValidationError([("code", CODE_INVALID)])
    if row.used_at is not None:
        raise ValidationError([("code", CODE_USED)])
    return _holder(row)


def consume(core: CoreServices, *, purpose: str, code: str, at: dt.datetime | None = None,
            actor: Actor = SYSTEM_ACTOR) -> CodeHolder:
    """Verify and use the code in one step (atomic): of two concurrent uses exactly one
    succeeds. Call it inside the transaction that records what the code allows, so a
    failure after it leaves the code unused."""
    at = at or now()
    with write_transaction():
        holder = verify(core, purpose=purpose, code=code, at=at)
        changed = OneTimeCodeRow.update(used_at=at).where(
            OneTimeCodeRow.id == holder.id, OneTimeCodeRow.used_at.is_null(),
            OneTimeCodeRow.revoked_at.is_null()).execute()
        if changed != 1:
            raise ValidationError([("code", CODE_USED)])
        # the audit entry names the code row, not the household: the link stays in this table
        audit.record("code_used", ENTITY, holder.id, actor=actor, after={"purpose": purpose})
    return attrs.evolve(holder, used_at=at)


def revoke(core: CoreServices, code_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR,
           at: dt.datetime | None = None) -> None:
    """Withdraw an unused code (lost sheet, wrong household): kept with the reason."""
    if not reason.strip():
        raise ValidationError([("reason", "Vui lòng nêu lý do thu hồi mã.")])
    at = at or now()
    with write_transaction():
        changed = OneTimeCodeRow.update(revoked_at=at, revoke_reason=reason.strip()).where(
            OneTimeCodeRow.id == code_id, OneTimeCodeRow.used_at.is_null(),
            OneTimeCodeRow.revoked_at.is_null()).execute()
        if changed != 1:
            raise ValidationError([("reason", "Mã đã được sử dụng hoặc đã bị thu hồi.")])
        audit.record("code_revoked", ENTITY, code_id, actor=actor, reason=reason.strip())


def send(core: CoreServices, issued: IssuedCode, *, text: str, person_id: int | None = None,
         link: str | None = None, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> None:
    """Ask the notifications module to deliver the code (``message_requested``); ``text``
    may hold ``{code}``. For a household code ``person_id`` is the member to reach
    (default: the head of household)."""
    if person_id is None:
        person_id = issued.person_id
    if person_id is None and issued.household_id is not None:
        person_id = HouseholdRow.get_by_id(issued.household_id).head_id
    if person_id is None:
        raise ValidationError([("person_id", "Hộ gia đình chưa có chủ hộ trong sổ hộ; hãy in phiếu mã.")])
    message = MessageRequest(kind=MESSAGE_KIND, text=text.format(code=display(issued.code)), person_id=person_id,
                             subject="Mã dùng một lần", personal=True, secret=True, link=link,
                             ref=issued.purpose)
    with write_transaction():
        core.pm.hook.message_requested(message=message, core=core)
        OneTimeCodeRow.update(sent_at=at or now()).where(OneTimeCodeRow.id == issued.id).execute()
        audit.record("code_sent", ENTITY, issued.id, actor=actor, after={"purpose": issued.purpose})


@attrs.frozen
class SheetLine:
    """One cut-out slip of the printed code sheet (for the household only)."""

    household_code: str
    head_name: str
    address: str
    group_name: str
    code: str
    expires_at: dt.datetime


def code_sheet(issued: list[IssuedCode]) -> list[SheetLine]:
    """The printable per-household slips of codes just issued (the paper way). The sheet
    is handed out in sealed slips; it is never kept or shown again."""
    lines = []
    for item in issued:
        if item.household_id is None:
            continue
        hh = HouseholdRow.get_by_id(item.household_id)
        head = PersonRow.get_or_none(PersonRow.id == hh.head_id) if hh.head_id else None
        group = UnitRow.get_by_id(hh.group_id)
        lines.append(SheetLine(hh.code, head.full_name if head else "", hh.address, group.name,
                               display(item.code), item.expires_at))
    return lines


def stats(purpose: str) -> dict[str, int]:
    """Issued, used, revoked and live counts of a purpose (no holders)."""
    q = OneTimeCodeRow.select().where(OneTimeCodeRow.purpose == purpose)
    return {"issued": q.count(), "used": q.where(OneTimeCodeRow.used_at.is_null(False)).count(),
            "revoked": q.where(OneTimeCodeRow.revoked_at.is_null(False)).count(),
            "live": q.where(OneTimeCodeRow.used_at.is_null(), OneTimeCodeRow.revoked_at.is_null()).count()}
