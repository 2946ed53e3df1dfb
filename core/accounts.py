"""Staff accounts, server-side sessions and login throttling (tài khoản cán bộ).

* One account per staff :class:`~thanthien.core.types.Person`; passwords hashed with
  argon2id (argon2-cffi), never stored or logged in clear (docs/architecture.md, "Measured choices").
* Sessions are rows: the browser holds an opaque 128-bit id, the table holds its
  SHA-256. A session ends at logout, password change, account disable, after
  ``web.session_idle_minutes`` without activity and ``web.session_absolute_hours``
  after login (OWASP ASVS 3.3, 7.4.1).
* Login throttling happens before hashing, per account **and client** (issue 10 item 7):
  from the 5th failure of one account from one address, each further try waits a
  growing delay (30 s, 1, 2, 4, 8, then 15 minutes), so nobody can lock the chairperson
  out from elsewhere; an address that fails on many accounts waits too. Each delay is
  audit-logged.
* Passwords are checked with the zxcvbn strength estimator (score 3 or more): common
  passwords, the product's and ward's names and simple sequences are refused. An
  administrator's reset makes the account choose a new password at its next login.
* A TOTP second factor (pyotp); a code is accepted once (its time step is stored). It is
  required for the roles listed in ``web.require_totp_roles`` and, unless
  ``web.totp_for_privileged_roles`` is false, for every role holding a privileged
  permission (revealing protected identities, managing accounts); the demo ward's
  accounts (the public demo password) are exempt from that default.

The current time comes from :data:`clock` so tests can move it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

import attrs
import peewee as pw
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import audit
from .demo import DEMO_PASSWORD, STAFF, is_demo_ward
from .errors import NotFound, PermissionDenied, ThanthienError, ValidationError
from .models import PersonRow, RoleGrantRow
from .people import roles_of
from .storage.db import BaseModel, Compiled, P, now, write_transaction
from .types import SYSTEM_ACTOR, Actor

#: Time source (tests replace it).
clock: Callable[[], dt.datetime] = now

#: argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile).
hasher = PasswordHasher()

MAX_FAILURES = 5  # failures of one account from one client before the delays start
IP_MAX_FAILURES = 20  # failures from one client, whatever the account, before the delays
LOCK_MINUTES = 15  # the longest delay, and how long a failure is remembered
FIRST_DELAY_SECONDS = 30
MIN_PASSWORD = 8
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0 too guessable … 4 very unguessable; 3 = "safely unguessable"
PASSWORD_HINTS = (
    "thanthien",
    "thân thiện",
    "chinh quyen than thien",
    "matkhau",
    "mật khẩu",
    "admin",
    "quantri",
    "ubnd",
    "phuong",
    "phường",
)
MAX_PASSWORD = 1024
LAST_SEEN_STEP = dt.timedelta(seconds=60)  # write last_seen at most once a minute
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")

# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


class AccountRow(BaseModel):
    person = pw.ForeignKeyField(PersonRow, unique=True, on_delete="CASCADE")
    person_id: int
    username = pw.CharField(max_length=64, unique=True)
    password_hash = pw.CharField(max_length=255)
    totp_secret = pw.CharField(max_length=64, default="")
    totp_last_step = pw.BigIntegerField(null=True)  # the last time step accepted (no replay)
    must_change_password = pw.BooleanField(null=True)  # an administrator's reset (migration 0007)
    demo = pw.BooleanField(null=True)  # an account of the demo ward
    disabled = pw.BooleanField(default=False)
    password_changed_at = pw.DateTimeField(default=now)
    created_at = pw.DateTimeField(default=now)
    last_login_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "core_account"


class SessionRow(BaseModel):
    id_hash = pw.CharField(max_length=64, primary_key=True)
    account = pw.ForeignKeyField(AccountRow, backref="sessions", on_delete="CASCADE")
    account_id: int
    stage = pw.CharField(max_length=16, default="full")  # full | totp (password ok, code pending)
    created_at = pw.DateTimeField()
    last_seen = pw.DateTimeField()
    expires_at = pw.DateTimeField()
    revoked_at = pw.DateTimeField(null=True)
    ip = pw.CharField(max_length=64, default="")
    user_agent = pw.CharField(max_length=255, default="")

    class Meta:
        table_name = "core_session"


class LoginThrottleRow(BaseModel):
    key = pw.CharField(max_length=160, primary_key=True)  # client:<username>|<address> | ip:<address>
    failures = pw.IntegerField(default=0)
    last_failure_at = pw.DateTimeField(null=True)
    locked_until = pw.DateTimeField(null=True)

    class Meta:
        table_name = "core_login_throttle"


#: core's account tables (``register_models``; created by migration 0002)
ACCOUNT_MODELS = [AccountRow, SessionRow, LoginThrottleRow]

# ---------------------------------------------------------------------------
# types
# ---------------------------------------------------------------------------


@attrs.frozen
class Account:
    id: int
    person_id: int
    username: str
    full_name: str
    disabled: bool
    totp_enabled: bool
    password_changed_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    last_login_at: dt.datetime | None = None
    must_change_password: bool = False
    demo: bool = False


@attrs.frozen
class Session:
    """A live session: who, and whether the second factor is still pending."""

    account: Account
    actor: Actor
    stage: str
    created_at: dt.datetime
    expires_at: dt.datetime


class LoginError(ThanthienError):
    code = "login"
    status = 401


class LockedOut(LoginError):
    code = "locked"
    status = 429


def _account(row: AccountRow, full_name: str | None = None) -> Account:
    return Account(
        row.id,
        row.person_id,
        row.username,
        row.person.full_name if full_name is None else full_name,
        row.disabled,
        bool(row.totp_secret),
        row.password_changed_at,
        row.created_at,
        row.last_login_at,
        bool(row.must_change_password),
        bool(row.demo),
    )


def _hash_id(raw: str) -> str:
    return hashlib.sha256(raw.encode("ascii", "replace")).hexdigest()


# ---------------------------------------------------------------------------
# accounts
# ---------------------------------------------------------------------------


def check_password_strength(password: str, username: str = "", *, hints: tuple[str, ...] = ()) -> None:
    """Refuse short, over-long and guessable passwords (zxcvbn score below
    :data:`MIN_PASSWORD_SCORE`; the username, the product's name and ``hints`` such as
    the person's name count as known words)."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError([("password", f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")])
    if len(password) > MAX_PASSWORD:
        raise ValidationError([("password", "Mật khẩu quá dài.")])
    if username and password.lower() == username.lower():
        raise ValidationError([("password", "Mật khẩu không được trùng tên đăng nhập.")])
    if password_score(password, (username, *hints)) < MIN_PASSWORD_SCORE:
        raise ValidationError(
            [
                (
                    "password",
                    "Mật khẩu quá dễ đoán (mật khẩu phổ biến, tên phần mềm, tên người "
                    "hoặc dãy ký tự đơn giản). Hãy dùng một câu dài gồm vài từ.",
                )
            ]
        )


def password_score(password: str, hints: tuple[str, ...] = ()) -> int:
    """zxcvbn's score 0–4 (the first 100 characters: longer ones are strong anyway)."""
    from zxcvbn import zxcvbn

    words = [w for hint in (*PASSWORD_HINTS, *hints) if hint for w in (hint, *hint.split())]
    return int(zxcvbn(password[:100], user_inputs=words)["score"])


def _person_hints(person_id: int | None) -> tuple[str, ...]:
    person = PersonRow.get_or_none(PersonRow.id == person_id) if person_id else None
    if person is None:
        return ()
    return (person.full_name, person.search_name, person.search_name.replace(" ", ""), person.email.split("@")[0])


def create_account(
    person_id: int, username: str, password: str, *, actor: Actor = SYSTEM_ACTOR, must_change: bool = False
) -> Account:
    """A staff member's account. ``must_change``: the password was chosen by someone else (an
    administrator in the browser) and its owner must change it at the first login."""
    username = (username or "").strip().lower()
    errors = []
    if not USERNAME_RE.match(username):
        errors.append(("username", "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch."))
    elif AccountRow.get_or_none(AccountRow.username == username):
        errors.append(("username", f"Tên đăng nhập '{username}' đã được dùng."))
    person = PersonRow.get_or_none(PersonRow.id == person_id)
    if person is None:
        errors.append(("person_id", "Không tìm thấy cán bộ."))
    elif not person.is_staff:
        errors.append(("person_id", "Chỉ cán bộ, công chức mới có tài khoản."))
    elif AccountRow.get_or_none(AccountRow.person == person_id):
        errors.append(("person_id", "Cán bộ này đã có tài khoản."))
    # the public demo password only for accounts of the demo ward (marked as such)
    demo = password == DEMO_PASSWORD and is_demo_ward()
    if not demo:
        try:
            check_password_strength(password, username, hints=_person_hints(person_id))
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        raise ValidationError(errors)
    digest = hasher.hash(password)
    with write_transaction():
        row = AccountRow.create(
            person=person_id,
            username=username,
            password_hash=digest,
            password_changed_at=clock(),
            created_at=clock(),
            demo=demo or None,
            must_change_password=must_change or None,
        )
        audit.record(
            "account.create", "account", row.id, actor=actor, after={"username": username, "person_id": person_id}
        )
    return _account(row)


def get_account(account_id: int) -> Account:
    row = AccountRow.get_or_none(AccountRow.id == account_id)
    if row is None:
        raise NotFound(f"Không tìm thấy tài khoản số {account_id}.")
    return _account(row)


def account_by_username(username: str) -> Account | None:
    row = AccountRow.get_or_none(AccountRow.username == (username or "").strip().lower())
    return _account(row) if row else None


def account_for_person(person_id: int) -> Account | None:
    row = AccountRow.get_or_none(AccountRow.person == person_id)
    return _account(row) if row else None


def list_accounts() -> list[Account]:
    # the accounts first (a small table), then their people by primary key: joined, the
    # people table (it grows with the ward's residents) may be walked whole for the match
    rows = list(AccountRow.select().order_by(AccountRow.username))
    ids = sorted({r.person_id for r in rows})
    people = PersonRow.select(PersonRow.id, PersonRow.full_name).where(PersonRow.id.in_(ids)) if ids else []
    names = {p.id: p.full_name for p in people}
    return [_account(r, names.get(r.person_id, "")) for r in rows]


def _require(username_or_id: str | int) -> AccountRow:
    if isinstance(username_or_id, int):
        row = AccountRow.get_or_none(AccountRow.id == username_or_id)
    else:
        row = AccountRow.get_or_none(AccountRow.username == username_or_id.strip().lower())
    if row is None:
        raise NotFound(f"Không tìm thấy tài khoản '{username_or_id}'.")
    return row


def password_matches(account_id: int, password: str) -> bool:
    """Whether ``password`` is the account's current password (argon2id verify)."""
    row = AccountRow.get_or_none(AccountRow.id == account_id)
    if row is None:
        return False
    try:
        return bool(hasher.verify(row.password_hash, password))
    except Exception:  # noqa: BLE001 - argon2 raises on any mismatch or a malformed hash
        return False


def set_password(username_or_id: str | int, password: str, *, actor: Actor = SYSTEM_ACTOR) -> Account:
    """Change the password; every session of the account is revoked. Set by anyone but
    the account's owner (an administrator's reset, the command line), the new password
    must be changed at the next login (issue 10 item 7)."""
    row = _require(username_or_id)
    check_password_strength(password, row.username, hints=_person_hints(row.person_id))
    digest = hasher.hash(password)
    reset = actor.person_id != row.person_id
    with write_transaction():
        AccountRow.update(password_hash=digest, password_changed_at=clock(), must_change_password=reset or None).where(
            AccountRow.id == row.id
        ).execute()
        revoke_all(row.id)
        LoginThrottleRow.delete().where(LoginThrottleRow.key.startswith(f"client:{row.username}|")).execute()
        audit.record(
            "account.password", "account", row.id, actor=actor, after={"username": row.username, "must_change": reset}
        )
    return get_account(row.id)


def set_disabled(username_or_id: str | int, disabled: bool, *, actor: Actor = SYSTEM_ACTOR) -> Account:
    row = _require(username_or_id)
    with write_transaction():
        AccountRow.update(disabled=disabled).where(AccountRow.id == row.id).execute()
        if disabled:
            revoke_all(row.id)
        audit.record(
            "account.disable" if disabled else "account.enable",
            "account",
            row.id,
            actor=actor,
            after={"username": row.username, "disabled": disabled},
        )
    return get_account(row.id)


# ---------------------------------------------------------------------------
# throttling (before hashing)
# ---------------------------------------------------------------------------


def _delay(failures: int, threshold: int) -> dt.timedelta:
    """How long to wait after ``failures`` failures: nothing below ``threshold``, then
    30 s, 1, 2, 4, 8 minutes …, at most :data:`LOCK_MINUTES`."""
    if failures < threshold:
        return dt.timedelta(0)
    seconds = FIRST_DELAY_SECONDS * 2 ** min(failures - threshold, 10)
    return dt.timedelta(seconds=min(seconds, LOCK_MINUTES * 60))


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    """The throttle keys of a try and their thresholds: the account from this client, and
    the client itself. Never the account alone: a stranger cannot lock its owner out."""
    keys = [(f"client:{username}|{ip}", MAX_FAILURES)]
    return [*keys, (f"ip:{ip}", IP_MAX_FAILURES)] if ip else keys


def _locked_until(key: str, at: dt.datetime) -> dt.datetime | None:
    row = LoginThrottleRow.get_or_none(LoginThrottleRow.key == key)
    if row and row.locked_until and row.locked_until > at:
        return row.locked_until
    return None


def _fail(key: str, at: dt.datetime, threshold: int = MAX_FAILURES) -> dt.datetime | None:
    """Count a failure; the time until which the key must wait, when it must."""
    with write_transaction():
        row = LoginThrottleRow.get_or_none(LoginThrottleRow.key == key)
        if row is None:
            LoginThrottleRow.insert(key=key, failures=0).on_conflict_ignore().execute()
            row = LoginThrottleRow.get(LoginThrottleRow.key == key)
        failures = row.failures
        if row.last_failure_at and at - row.last_failure_at > dt.timedelta(minutes=LOCK_MINUTES):
            failures = 0
        failures += 1
        delay = _delay(failures, threshold)
        until = at + delay if delay else None
        LoginThrottleRow.update(failures=failures, last_failure_at=at, locked_until=until).where(
            LoginThrottleRow.key == key
        ).execute()
        if until:
            kind, _, value = key.partition(":")
            audit.record(
                "login.locked",
                "account" if kind == "client" else "ip",
                value,
                after={"failures": failures, "locked_until": until},
            )
        return until


def _locked_message(until: dt.datetime) -> str:
    return (
        f"Đăng nhập sai nhiều lần; vui lòng chờ đến {until:%H:%M:%S %d/%m/%Y} rồi thử lại "
        f"(thời gian chờ tăng dần sau mỗi lần sai, tối đa {LOCK_MINUTES} phút)."
    )


def _check_not_waiting(username: str, ip: str, at: dt.datetime) -> None:
    for key, _ in _keys(username, ip):
        until = _locked_until(key, at)
        if until:
            raise LockedOut(_locked_message(until))


def _count_failure(username: str, ip: str, at: dt.datetime) -> None:
    waits = [until for key, threshold in _keys(username, ip) if (until := _fail(key, at, threshold))]
    if waits:
        raise LockedOut(_locked_message(max(waits)))


def authenticate(username: str, password: str, *, ip: str = "") -> Account:
    """The account for these credentials, or LoginError / LockedOut (one Vietnamese line)."""
    at = clock()
    username = (username or "").strip().lower()[:64]
    _check_not_waiting(username, ip, at)
    row = AccountRow.get_or_none(AccountRow.username == username) if username else None
    ok = False
    if row is not None and not row.disabled and password and len(password) <= MAX_PASSWORD:
        try:
            ok = hasher.verify(row.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    elif password:
        # spend comparable time for unknown users (no username enumeration by timing)
        with contextlib.suppress(VerifyMismatchError, VerificationError, InvalidHashError):
            hasher.verify(_DUMMY_HASH(), password[:MAX_PASSWORD])
    if not ok:
        _count_failure(username, ip, at)
        raise LoginError("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert row is not None  # ok implies an account
    with write_transaction():
        LoginThrottleRow.delete().where(LoginThrottleRow.key == f"client:{username}|{ip}").execute()
        if hasher.check_needs_rehash(row.password_hash):
            AccountRow.update(password_hash=hasher.hash(password)).where(AccountRow.id == row.id).execute()
    return _account(row)


_dummy: list[str] = []


def _DUMMY_HASH() -> str:
    if not _dummy:
        _dummy.append(hasher.hash(secrets.token_hex(8)))
    return _dummy[0]


# ---------------------------------------------------------------------------
# sessions
# ---------------------------------------------------------------------------


def start_session(account: Account, settings, *, ip: str = "", user_agent: str = "", stage: str = "full") -> str:
    """A new session; returns the raw id for the cookie (only its hash is stored)."""
    raw = secrets.token_urlsafe(16)  # 128 bits
    at = clock()
    with write_transaction():
        SessionRow.create(
            id_hash=_hash_id(raw),
            account=account.id,
            stage=stage,
            created_at=at,
            last_seen=at,
            expires_at=at + dt.timedelta(hours=settings.web.session_absolute_hours),
            ip=ip[:64],
            user_agent=user_agent[:255],
        )
        if stage == "full":
            AccountRow.update(last_login_at=at).where(AccountRow.id == account.id).execute()
            audit.record(
                "login",
                "account",
                account.id,
                actor=Actor(account.person_id, account.full_name),
                after={"username": account.username, "ip": ip},
            )
    return raw


#: the two statements behind every staff request, their SQL text built once (issue 16)
_SESSION_BY_HASH = Compiled(
    lambda: (
        SessionRow.select(SessionRow, AccountRow, PersonRow)
        .join(AccountRow)
        .join(PersonRow)
        .where(SessionRow.id_hash == P("id_hash"))
        .limit(1)
    )
)
_GRANTS_OF = Compiled(lambda: RoleGrantRow.select().where(RoleGrantRow.person == P("person")))


def resolve_session(raw: str | None, settings) -> Session | None:
    """The live session for a cookie value, or None (revoked, expired, idle, disabled)."""
    if not raw or len(raw) > 64:
        return None
    at = clock()
    row = _SESSION_BY_HASH.first(id_hash=_hash_id(raw))
    if row is None or row.revoked_at is not None:
        return None
    account = row.account
    idle = dt.timedelta(minutes=settings.web.session_idle_minutes)
    if account.disabled or at >= row.expires_at or at - row.last_seen >= idle or not account.person.active:
        return None
    if at - row.last_seen >= LAST_SEEN_STEP:
        with write_transaction():
            SessionRow.update(last_seen=at).where(SessionRow.id_hash == row.id_hash).execute()
    acc = _account(account)
    actor = actor_for_account(acc) if row.stage == "full" else None
    return Session(acc, actor, row.stage, row.created_at, row.expires_at)  # type: ignore[arg-type]


def actor_for_account(account: Account) -> Actor:
    grants = _GRANTS_OF.rows(person=account.person_id)
    return Actor(account.person_id, account.full_name, frozenset((g.role, g.unit_id) for g in grants), "staff")


def revoke_session(raw: str | None) -> None:
    if not raw or len(raw) > 64:
        return
    with write_transaction():
        SessionRow.update(revoked_at=clock()).where(
            SessionRow.id_hash == _hash_id(raw), SessionRow.revoked_at.is_null(True)
        ).execute()


def revoke_all(account_id: int) -> int:
    with write_transaction():
        return (
            SessionRow.update(revoked_at=clock())
            .where(SessionRow.account == account_id, SessionRow.revoked_at.is_null(True))
            .execute()
        )


def upgrade_session(raw: str, settings, *, ip: str = "", user_agent: str = "") -> str:
    """Second factor passed: revoke the pending session, open a full one with a new id."""
    session = resolve_session(raw, settings)
    if session is None or session.stage != "totp":
        raise PermissionDenied("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.")
    revoke_session(raw)
    return start_session(session.account, settings, ip=ip, user_agent=user_agent, stage="full")


# ---------------------------------------------------------------------------
# second factor (TOTP)
# ---------------------------------------------------------------------------


def totp_required(account: Account, settings, access=None) -> bool:
    """Whether this login needs the second factor: an enrolled account; a role listed in
    ``web.require_totp_roles``; by default (``web.totp_for_privileged_roles``) a role
    holding a privileged permission (``access.privileged_roles()``), the demo ward's
    accounts excepted. Without ``access`` every role counts as privileged (fail closed)."""
    if account.totp_enabled:
        return True
    roles = {g.role for g in RoleGrantRow.select().where(RoleGrantRow.person == account.person_id)}
    if roles & set(settings.web.require_totp_roles):
        return True
    if not settings.web.totp_for_privileged_roles or account.demo or not roles:
        return False
    return access is None or bool(roles & access.privileged_roles())


def new_totp_secret() -> str:
    import pyotp

    return pyotp.random_base32()


def totp_uri(account: Account, secret: str, issuer: str) -> str:
    import pyotp

    return pyotp.TOTP(secret).provisioning_uri(name=account.username, issuer_name=issuer)


def verify_totp(account: Account, code: str, *, secret: str | None = None, ip: str = "") -> bool:
    """Check a 6-digit code (±1 step). A code is accepted once: the step it belongs to
    must be later than the last one accepted (no replay within its window). Failures
    count towards the delays like passwords."""
    import pyotp

    at = clock()
    _check_not_waiting(account.username, ip, at)
    row = AccountRow.get_by_id(account.id)
    if secret is None:
        secret = row.totp_secret
    code = re.sub(r"\s+", "", code or "")
    step = None
    if secret and code.isdigit() and len(code) == 6:
        totp = pyotp.TOTP(secret)
        for offset in (0, -1, 1):
            when = at + dt.timedelta(seconds=offset * totp.interval)
            if hmac.compare_digest(totp.at(when), code):
                step = totp.timecode(when)
                break
    ok = False
    if step is not None:
        with write_transaction():  # claim the step: a second use of the code finds it taken
            ok = bool(
                AccountRow.update(totp_last_step=step)
                .where(
                    AccountRow.id == account.id,
                    AccountRow.totp_last_step.is_null(True) | (AccountRow.totp_last_step < step),
                )
                .execute()
            )
    if not ok:
        _count_failure(account.username, ip, at)
    return ok


def set_totp(username_or_id: str | int, secret: str, *, actor: Actor = SYSTEM_ACTOR) -> Account:
    """Enable (a secret) or remove ("") the second factor; sessions are kept."""
    row = _require(username_or_id)
    with write_transaction():
        AccountRow.update(totp_secret=secret).where(AccountRow.id == row.id).execute()
        audit.record(
            "account.totp", "account", row.id, actor=actor, after={"username": row.username, "enabled": bool(secret)}
        )
    return get_account(row.id)


# ---------------------------------------------------------------------------
# demo ward
# ---------------------------------------------------------------------------


def create_demo_accounts(services) -> list[dict[str, str]]:
    """An account for each demo staff login (core.demo.STAFF), password DEMO_PASSWORD;
    the list returned also names the accounts plugins' demo data created (e.g. the Front
    Committee officer of giamsat), so ``thanthien demo`` prints every login."""
    labels = {key: role.label for key, role in services.access.roles.items()}
    out = []
    for login, role, _position, _unit_code in STAFF:
        person = (
            PersonRow.select()
            .where(PersonRow.is_staff == True, PersonRow.email.startswith(f"{login}@"))  # noqa: E712
            .first()
        )
        if person is None:
            continue
        if AccountRow.get_or_none(AccountRow.username == login) is None:
            create_account(person.id, login, DEMO_PASSWORD)
        out.append({"username": login, "role_label": labels.get(role, role)})
    listed = {o["username"] for o in out}
    for account in list_accounts():
        if account.username not in listed and not account.disabled:
            roles = sorted({labels.get(g.role, g.role) for g in roles_of(account.person_id)})
            out.append({"username": account.username, "role_label": ", ".join(roles)})
    return out


# ---------------------------------------------------------------------------
# privileged roles: granted by two people (issue 10 item 2)
# ---------------------------------------------------------------------------

PENDING_GRANTS = "roles.pending_grants"  # core_kv: the requests waiting for a second person
P_APPROVE_GRANT = "core.users.approve_grant"


def request_role(
    access, person_id: int, role: str, unit_id: int | None = None, *, actor: Actor = SYSTEM_ACTOR
) -> dict | None:
    """Grant ``role``; a privileged role (one that reveals protected identities or manages
    accounts, ``access.privileged_roles()``) is only requested: a second person approves it
    (:func:`decide_role_request`). Nobody requests a privileged role for themselves. The
    very first privileged grant of a new installation (from the command line) is direct:
    there is nobody yet to approve it. Returns the pending request, or None when granted."""
    from . import people
    from .storage.kv import kv_get, kv_set

    privileged = access.privileged_roles()
    if role not in privileged:
        people.grant_role(person_id, role, unit_id, actor=actor)
        return None
    if actor.person_id is not None and actor.person_id == person_id:
        raise PermissionDenied(
            "Không thể tự cấp cho mình một vai trò được xem danh tính người tố cáo hoặc "
            "quản lý tài khoản; cần người khác đề nghị và người thứ hai phê duyệt."
        )
    first = actor.person_id is None and not (
        RoleGrantRow.select().where(RoleGrantRow.role.in_(sorted(privileged))).exists()
    )
    if first:
        with write_transaction():
            people.grant_role(person_id, role, unit_id, actor=actor)
            audit.record(
                "role.grant_first",
                "person",
                person_id,
                actor=actor,
                after={"role": role, "unit_id": unit_id},
                reason="vai trò đặc biệt đầu tiên khi khởi tạo hệ thống",
            )
        return None
    with write_transaction():
        pending = list(kv_get(PENDING_GRANTS) or [])
        for item in pending:
            if (item["person_id"], item["role"], item["unit_id"]) == (person_id, role, unit_id):
                return item
        item = {
            "id": secrets.token_hex(6),
            "person_id": person_id,
            "role": role,
            "unit_id": unit_id,
            "requested_by": actor.person_id,
            "requested_by_name": actor.name,
            "at": clock().isoformat(timespec="seconds"),
        }
        kv_set(PENDING_GRANTS, [*pending, item])
        audit.record("role.grant_requested", "person", person_id, actor=actor, after=item)
    return item


def role_requests() -> list[dict]:
    """The privileged grants waiting for a second person."""
    from .storage.kv import kv_get

    return list(kv_get(PENDING_GRANTS) or [])


def decide_role_request(access, request_id: str, approve: bool, *, actor: Actor, reason: str = "") -> dict:
    """The second person approves or refuses a pending privileged grant. Neither the one
    who asked nor the one who would receive the role may decide."""
    from . import people
    from .storage.kv import kv_get, kv_set

    if not access.can(actor, P_APPROVE_GRANT, None):
        raise PermissionDenied("Bạn không có quyền phê duyệt việc cấp vai trò này.")
    with write_transaction():
        pending = list(kv_get(PENDING_GRANTS) or [])
        item = next((i for i in pending if i["id"] == request_id), None)
        if item is None:
            raise NotFound("Không tìm thấy đề nghị cấp vai trò (có thể đã được xử lý).")
        if actor.person_id in (item["requested_by"], item["person_id"]):
            raise PermissionDenied(
                "Người đề nghị hoặc người được cấp vai trò không thể tự phê duyệt; cần một người thứ hai."
            )
        kv_set(PENDING_GRANTS, [i for i in pending if i["id"] != request_id])
        if approve:
            people.grant_role(item["person_id"], item["role"], item["unit_id"], actor=actor)
        audit.record(
            "role.grant_approved" if approve else "role.grant_refused",
            "person",
            item["person_id"],
            actor=actor,
            after={**item, "decided_by": actor.name},
            reason=reason,
        )
    return item
