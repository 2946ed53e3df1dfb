"""The community vote engine (đếm biểu quyết của cộng đồng dân cư): one way to count.

Any module that lets residents decide uses this: ``bieuquyet`` (matters of Luật DCCS
Art. 15, meetings, household ballots, online votes), ``thanhtra``'s board elections
(R-BQ-33), group-head elections (R-BQ-32). The module organises the vote; the engine
keeps the electorate, the choices and the count.

Electorate
----------
The electorate of a vote is **every active household of the household register**
(``core_household``) in the vote's residential groups, snapshotted when the vote opens
(:func:`open_vote`; the per-household voter list of R-BQ-23). A ward-wide vote covers all
community units (``COMMUNITY_UNIT_KINDS``). Thresholds are counted against this whole
electorate — never against those present or voting (R-BQ-28).

Choices and channels
--------------------
A household's choice is recorded per **channel**:

=============  ===========================================  ===========================
channel        method                                       how
=============  ===========================================  ===========================
``meeting``    ``show_of_hands`` or ``secret_ballot``        the representative or proxy
                                                            at the meeting (R-BQ-09, 15)
``paper``      ``household_ballot``                         one ballot per household
                                                            (R-BQ-21), code on the ballot
``online``     ``online``                                   one-time code (R-BQ-23)
=============  ===========================================  ===========================

**One count per household per vote, whatever the mix of channels** (the precedence):

1. Within one channel the latest record is the household's choice there: recording
   again *supersedes* the earlier record (a correction; the earlier row is kept with
   ``superseded_at`` and the id of the record that replaced it).
2. Across channels the household's counted choice is the one of the channel of highest
   :data:`PRECEDENCE`: ``meeting`` > ``paper`` > ``online``. The representative present
   in person is identified face to face (R-BQ-09); the paper ballot is a signed
   per-household document; the online vote rests on a code. The other channels' records
   stay, marked "not counted" in :func:`choices`. The order in which records are entered
   never changes the count.
3. A voided record (an invalid ballot, :func:`void_choice`) never counts; the household's
   next channel in precedence counts instead.

Thresholds (R-BQ-26, R-BQ-28…34)
--------------------------------
:func:`threshold_for` reads the rule data (``core/data/rules/bq.toml``) in force on the
vote's day: k.1–k.2 in a group ≥ 2/3 of households (R-BQ-29); k.1–k.2 ward-wide ≥ 2/3 of
all groups, each group approving by R-BQ-29 (R-BQ-30); k.3 R-BQ-31, k.4 R-BQ-32, k.5
R-BQ-33, k.6 R-BQ-34 (> 50 %); an online vote R-BQ-26 (> 50 % of all households). Each
option is tested on its own (``option_passed``): a board election gives each candidate
its own result; a decision passes when its ``agree_option`` does.
:func:`procedural_passes` is R-BQ-14 (> 50 % of the representatives present).

Closing
-------
:func:`close_vote` counts, stores the :class:`VoteResult` and fires the ``vote_closed``
hook in the same transaction. Every change (open, record, supersede, void, close,
cancel) is recorded in the audit log with who and when; nothing is deleted.

Public output
-------------
:class:`VoteResult` carries only aggregates: no household, representative or code, so
it may be published as it is. :func:`choices` (with households) is for staff only.

API (stable; add, do not rename)
--------------------------------
:func:`open_vote`, :func:`get_vote`, :func:`votes_for`, :func:`electorate`,
:func:`electorate_size`, :func:`register_households`, :func:`record_choice`,
:func:`void_choice`, :func:`choices`, :func:`voted_households`, :func:`tally`,
:func:`close_vote`, :func:`cancel_vote`, :func:`threshold_for`, :func:`passes`,
:func:`procedural_passes`; types :class:`Vote`, :class:`Choice`, :class:`Threshold`,
:class:`GroupTally`, :class:`VoteResult`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import peewee as pw

from . import audit
from .errors import NotFound, ValidationError
from .models import HouseholdRow, UnitRow
from .storage.db import BaseModel, JSONField, now, write_transaction
from .types import COMMUNITY_UNIT_KINDS, SYSTEM_ACTOR, Actor

if TYPE_CHECKING:
    from .services import CoreServices

ENTITY = "vote"

#: channels and the methods each takes
CHANNELS = {"meeting": "Tại cuộc họp", "paper": "Phiếu lấy ý kiến", "online": "Trực tuyến"}
METHODS = {
    "show_of_hands": ("meeting", "Biểu quyết giơ tay"),
    "secret_ballot": ("meeting", "Bỏ phiếu kín tại cuộc họp"),
    "household_ballot": ("paper", "Phiếu lấy ý kiến hộ gia đình"),
    "online": ("online", "Biểu quyết trực tuyến"),
}
#: the counted channel of a household is its highest (see the module doc)
PRECEDENCE = {"meeting": 3, "paper": 2, "online": 1}
#: the forms a vote is organised in (R-BQ-06)
FORMS = ("meeting", "ballot", "online")
#: R-BQ-24: the three options of an online vote, also the default of any decision
STANDARD_OPTIONS = ("dong_y", "khong_dong_y", "y_kien_khac")
OPTION_LABELS = {"dong_y": "Đồng ý", "khong_dong_y": "Không đồng ý", "y_kien_khac": "Ý kiến khác"}
STATES = {"open": "Đang biểu quyết", "closed": "Đã kết thúc", "cancelled": "Đã hủy"}
#: matter kinds whose ward-wide vote counts groups (R-BQ-30)
GROUP_COUNTED_KINDS = (1, 2)
#: matter kind → threshold rule (R-BQ-29, R-BQ-31…34)
KIND_RULES = {1: "R-BQ-29", 2: "R-BQ-29", 3: "R-BQ-31", 4: "R-BQ-32", 5: "R-BQ-33", 6: "R-BQ-34"}


# ---------------------------------------------------------------------------
# Tables (core migration 0005)
# ---------------------------------------------------------------------------


class VoteRow(BaseModel):
    ref = pw.CharField(max_length=128, index=True)  # the owner: "bieuquyet.matter:12", "thanhtra.election:3"
    title = pw.CharField(max_length=400)
    kind = pw.IntegerField()  # matter kind 1..6 (Luật DCCS Art. 15)
    scope = pw.CharField(max_length=16)  # group | ward
    form = pw.CharField(max_length=16)  # meeting | ballot | online
    unit_ids = JSONField(default=list)
    options = JSONField(default=list)
    option_labels = JSONField(default=dict)
    agree_option = pw.CharField(max_length=64, default="")
    max_choices = pw.IntegerField(default=1)
    rule_id = pw.CharField(max_length=16)
    state = pw.CharField(max_length=16, index=True, default="open")
    opened_at = pw.DateTimeField(default=now)
    opened_by_id = pw.IntegerField(null=True)
    opened_by_name = pw.CharField(max_length=255, default="")
    closes_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    closed_by_id = pw.IntegerField(null=True)
    closed_by_name = pw.CharField(max_length=255, default="")
    cancel_reason = pw.TextField(default="")
    electorate_total = pw.IntegerField(default=0)
    result = JSONField(null=True)
    data = JSONField(default=dict)

    class Meta:
        table_name = "core_vote"


class VoteElectorRow(BaseModel):
    vote = pw.ForeignKeyField(VoteRow, backref="electors", on_delete="RESTRICT")
    vote_id: int
    household_id = pw.IntegerField()
    group_id = pw.IntegerField()

    class Meta:
        table_name = "core_vote_elector"
        indexes = ((("vote", "household_id"), True),)


class VoteChoiceRow(BaseModel):
    vote = pw.ForeignKeyField(VoteRow, backref="choices", on_delete="RESTRICT")
    vote_id: int
    household_id = pw.IntegerField(index=True)
    group_id = pw.IntegerField()
    channel = pw.CharField(max_length=16)
    method = pw.CharField(max_length=32)
    options = JSONField(default=list)
    representative = pw.CharField(max_length=255, default="")  # personal data (staff only)
    proxy = pw.BooleanField(default=False)
    note = pw.TextField(default="")
    cast_at = pw.DateTimeField()
    recorded_at = pw.DateTimeField(default=now)
    recorded_by_id = pw.IntegerField(null=True)
    recorded_by_name = pw.CharField(max_length=255, default="")
    superseded_at = pw.DateTimeField(null=True)
    superseded_by = pw.IntegerField(null=True)
    voided_at = pw.DateTimeField(null=True)
    void_reason = pw.TextField(default="")

    class Meta:
        table_name = "core_vote_choice"
        indexes = ((("vote", "household_id", "channel"), False),)


VOTING_MODELS = [VoteRow, VoteElectorRow, VoteChoiceRow]


# ---------------------------------------------------------------------------
# Types
# ---------------------------------------------------------------------------


@attrs.frozen
class Vote:
    id: int
    ref: str
    title: str
    kind: int
    scope: str
    form: str
    unit_ids: tuple[int, ...]
    options: tuple[str, ...]
    option_labels: dict[str, str]
    agree_option: str
    max_choices: int
    rule_id: str
    state: str
    opened_at: dt.datetime
    closes_at: dt.datetime | None
    closed_at: dt.datetime | None
    electorate_total: int

    @property
    def state_name(self) -> str:
        return STATES[self.state]


@attrs.frozen
class Choice:
    """One record of a household's choice (staff only: names a household)."""

    id: int
    vote_id: int
    household_id: int
    group_id: int
    channel: str
    method: str
    options: tuple[str, ...]
    representative: str
    proxy: bool
    cast_at: dt.datetime
    recorded_at: dt.datetime
    recorded_by_name: str
    superseded_at: dt.datetime | None
    voided_at: dt.datetime | None
    void_reason: str
    counted: bool = False


@attrs.frozen
class Threshold:
    """A pass threshold: ``min_ratio`` (≥) or ``more_than`` (>) of ``base`` (households
    of the electorate, or groups for R-BQ-30)."""

    rule_id: str
    comparison: str  # min_ratio | more_than
    ratio: Fraction
    base: str = "households"  # households | groups
    group_rule_id: str = ""  # R-BQ-30: each group approves by this rule
    group_ratio: Fraction | None = None

    @property
    def label(self) -> str:
        share = (
            f"{self.ratio.numerator}/{self.ratio.denominator}"
            if self.ratio.denominator in (2, 3) and self.comparison == "min_ratio"
            else f"{float(self.ratio * 100):g}%"
        )
        sign = "Ít nhất" if self.comparison == "min_ratio" else "Quá"
        of = "tổng số tổ dân phố" if self.base == "groups" else "tổng số hộ gia đình"
        return f"{sign} {share} {of}"


@attrs.frozen
class GroupTally:
    group_id: int
    group_name: str
    total: int
    participated: int
    counts: dict[str, int]
    approved: bool | None = None  # R-BQ-30 only


@attrs.frozen
class VoteResult:
    """The count of a vote: aggregates only, safe to publish (no household)."""

    vote_id: int
    ref: str
    title: str
    kind: int
    scope: str
    form: str
    state: str
    rule_id: str
    threshold: str
    options: tuple[str, ...]
    option_labels: dict[str, str]
    electorate_total: int
    participated: int
    counts: dict[str, int]
    by_channel: dict[str, int]
    not_counted: int
    option_passed: dict[str, bool]
    passed_options: tuple[str, ...]
    passed: bool
    groups: tuple[GroupTally, ...]
    groups_total: int
    groups_approved: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    counted_at: dt.datetime

    @property
    def participation_share(self) -> float | None:
        return round(100 * self.participated / self.electorate_total, 1) if self.electorate_total else None


# ---------------------------------------------------------------------------
# Thresholds
# ---------------------------------------------------------------------------


def _more_than(rules, rule_id: str, on: dt.date) -> Fraction:
    return rules.fraction(f"{rule_id}.more_than_percent", on=on)


def threshold_for(rules, kind: int, scope: str, form: str, on: dt.date) -> Threshold:
    """The pass threshold of a vote of matter ``kind`` in ``scope`` by ``form`` on ``on``,
    from the rule data (R-BQ-26, R-BQ-28…34)."""
    if kind not in KIND_RULES:
        raise ValueError(f"unknown matter kind {kind!r}")
    if form == "online":
        return Threshold("R-BQ-26", "more_than", _more_than(rules, "R-BQ-26", on))  # R-BQ-26
    if kind in GROUP_COUNTED_KINDS:
        group_ratio = rules.fraction("R-BQ-29.min_ratio", on=on)  # R-BQ-29
        if scope == "ward":  # R-BQ-30: ≥ 2/3 of all groups, each approving by R-BQ-29
            return Threshold(
                "R-BQ-30", "min_ratio", rules.fraction("R-BQ-30.min_ratio", on=on), "groups", "R-BQ-29", group_ratio
            )
        return Threshold("R-BQ-29", "min_ratio", group_ratio)
    rule_id = KIND_RULES[kind]  # R-BQ-31…34: > 50 % of all households
    return Threshold(rule_id, "more_than", _more_than(rules, rule_id, on))


def passes(count: int, total: int, comparison: str, ratio: Fraction) -> bool:
    """``count`` of ``total`` meets ``ratio`` (exact arithmetic; an empty base never passes)."""
    if total <= 0:
        return False
    if comparison == "min_ratio":
        return count * ratio.denominator >= ratio.numerator * total
    if comparison == "more_than":
        return count * ratio.denominator > ratio.numerator * total
    raise ValueError(f"unknown comparison {comparison!r}")


def procedural_passes(rules, yes: int, present: int, on: dt.date) -> bool:
    """R-BQ-14: a procedural vote (secretary, count board, option, method) passes with
    more than half of the household representatives **present**, by show of hands."""
    return passes(yes, present, "more_than", _more_than(rules, "R-BQ-14", on))


# ---------------------------------------------------------------------------
# Electorate
# ---------------------------------------------------------------------------


def community_unit_ids() -> list[int]:
    """Every active residential group / village of the ward (a ward-wide electorate)."""
    q = UnitRow.select(UnitRow.id).where(UnitRow.kind.in_(COMMUNITY_UNIT_KINDS), UnitRow.active == True)  # noqa: E712
    return [u.id for u in q.order_by(UnitRow.sort, UnitRow.id)]


def register_households(unit_ids: Iterable[int]) -> list[tuple[int, int]]:
    """``(household_id, group_id)`` of every active household of the register in the units."""
    ids = list(unit_ids)
    if not ids:
        return []
    q = (
        HouseholdRow.select(HouseholdRow.id, HouseholdRow.group)
        .where(HouseholdRow.group.in_(ids), HouseholdRow.active == True)  # noqa: E712
        .order_by(HouseholdRow.id)
    )
    return [(h.id, h.group_id) for h in q]


def electorate_size(unit_ids: Iterable[int]) -> int:
    """How many households the register holds in the units today (R-BQ-28's base)."""
    ids = list(unit_ids)
    if not ids:
        return 0
    return HouseholdRow.select().where(HouseholdRow.group.in_(ids), HouseholdRow.active == True).count()  # noqa: E712


def electorate(vote_id: int) -> list[tuple[int, int]]:
    """``(household_id, group_id)`` of the vote's electorate (staff only)."""
    q = VoteElectorRow.select().where(VoteElectorRow.vote == vote_id).order_by(VoteElectorRow.household_id)
    return [(e.household_id, e.group_id) for e in q]


# ---------------------------------------------------------------------------
# Votes
# ---------------------------------------------------------------------------


def _to_vote(row: VoteRow) -> Vote:
    return Vote(
        row.id,
        row.ref,
        row.title,
        row.kind,
        row.scope,
        row.form,
        tuple(row.unit_ids),
        tuple(row.options),
        dict(row.option_labels),
        row.agree_option,
        row.max_choices,
        row.rule_id,
        row.state,
        row.opened_at,
        row.closes_at,
        row.closed_at,
        row.electorate_total,
    )


def _row(vote_id: int) -> VoteRow:
    row = VoteRow.get_or_none(VoteRow.id == vote_id)
    if row is None:
        raise NotFound("Không tìm thấy cuộc biểu quyết.")
    return row


def get_vote(vote_id: int) -> Vote:
    return _to_vote(_row(vote_id))


def votes_for(ref: str) -> list[Vote]:
    """The votes of an owner (``ref``), oldest first (a meeting, then its ballot fallback)."""
    return [_to_vote(r) for r in VoteRow.select().where(VoteRow.ref == ref).order_by(VoteRow.id)]


def open_vote(
    core: CoreServices | None = None,
    *,
    ref: str,
    title: str,
    kind: int,
    scope: str = "group",
    unit_ids: Sequence[int] | None = None,
    form: str = "meeting",
    options: Sequence[str] = STANDARD_OPTIONS,
    option_labels: dict[str, str] | None = None,
    agree_option: str | None = "dong_y",
    max_choices: int = 1,
    closes_at: dt.datetime | None = None,
    rules=None,
    data: dict[str, Any] | None = None,
    actor: Actor = SYSTEM_ACTOR,
    at: dt.datetime | None = None,
) -> Vote:
    """Open a vote of matter ``kind`` (1–6) for residential groups ``unit_ids`` (a
    ``group`` vote: exactly one; ``ward``: ``None`` means every community unit), with its
    electorate snapshotted from the household register. ``options`` default to the three
    of R-BQ-24 (an online vote must use exactly those); an election passes candidate keys
    with ``agree_option=None`` and ``max_choices`` = seats. ``rules``: a RuleBook (default
    ``core.rules``)."""
    at = at or now()
    rules = rules if rules is not None else core.rules  # type: ignore[union-attr]
    errors: list[tuple[str, str]] = []
    if kind not in KIND_RULES:
        errors.append(("kind", "Loại nội dung biểu quyết không hợp lệ."))
    if scope not in ("group", "ward"):
        errors.append(("scope", "Phạm vi biểu quyết không hợp lệ."))
    if form not in FORMS:
        errors.append(("form", "Hình thức biểu quyết không hợp lệ."))
    if not title.strip():
        errors.append(("title", "Vui lòng nhập nội dung biểu quyết."))
    options = tuple(options)
    if len(options) < 2 or len(set(options)) != len(options) or not all(isinstance(o, str) and o for o in options):
        errors.append(("options", "Cần ít nhất hai phương án khác nhau."))
    if form == "online" and len(options) != rules.value("R-BQ-24.options", on=at.date()):  # R-BQ-24
        errors.append(("options", "Biểu quyết trực tuyến có đúng ba phương án: Đồng ý, Không đồng ý, Ý kiến khác."))
    if agree_option is not None and agree_option not in options:
        errors.append(("agree_option", "Phương án đồng ý phải là một trong các phương án."))
    if not 1 <= max_choices <= max(len(options), 1):
        errors.append(("max_choices", "Số phương án được chọn không hợp lệ."))
    if scope == "ward":
        units = list(unit_ids) if unit_ids is not None else community_unit_ids()
    else:
        units = list(unit_ids or [])
        if len(units) != 1:
            errors.append(("unit_ids", "Biểu quyết trong tổ dân phố cần đúng một tổ dân phố."))
    found = {u.id: u for u in UnitRow.select().where(UnitRow.id.in_(units))} if units else {}
    if any(u not in found or found[u].kind not in COMMUNITY_UNIT_KINDS for u in units):
        errors.append(("unit_ids", "Đơn vị biểu quyết phải là tổ dân phố hoặc thôn."))
    if errors:
        raise ValidationError(errors)
    voters = register_households(units)
    if not voters:
        raise ValidationError([("unit_ids", "Sổ hộ chưa có hộ gia đình nào trong phạm vi biểu quyết.")])
    threshold = threshold_for(rules, kind, scope, form, at.date())
    labels = {o: (option_labels or {}).get(o) or OPTION_LABELS.get(o, o) for o in options}
    with write_transaction():
        row = VoteRow.create(
            ref=ref,
            title=title.strip(),
            kind=kind,
            scope=scope,
            form=form,
            unit_ids=units,
            options=list(options),
            option_labels=labels,
            agree_option=agree_option or "",
            max_choices=max_choices,
            rule_id=threshold.rule_id,
            opened_at=at,
            opened_by_id=actor.person_id,
            opened_by_name=actor.name,
            closes_at=closes_at,
            electorate_total=len(voters),
            data=data or {},
        )
        VoteElectorRow.insert_many([{"vote": row.id, "household_id": h, "group_id": g} for h, g in voters]).execute()
        audit.record(
            "vote_opened",
            ENTITY,
            row.id,
            actor=actor,
            after={
                "ref": ref,
                "kind": kind,
                "scope": scope,
                "form": form,
                "unit_ids": units,
                "options": list(options),
                "electorate_total": len(voters),
                "rule_id": threshold.rule_id,
            },
        )
    return _to_vote(row)


def _open_row(vote_id: int) -> VoteRow:
    row = _row(vote_id)
    if row.state != "open":
        raise ValidationError([("vote", "Cuộc biểu quyết đã kết thúc hoặc đã hủy; không thể ghi thêm.")])
    return row


def record_choice(
    core: CoreServices | None,
    vote_id: int,
    household_id: int,
    choice: str | Sequence[str],
    *,
    channel: str,
    method: str | None = None,
    representative: str = "",
    proxy: bool = False,
    note: str = "",
    cast_at: dt.datetime | None = None,
    actor: Actor = SYSTEM_ACTOR,
    at: dt.datetime | None = None,
) -> Choice:
    """Record a household's choice in ``channel``; a record in the same channel is
    superseded (kept). Returns the new record with ``counted`` set by the precedence."""
    at = at or now()
    picked = (choice,) if isinstance(choice, str) else tuple(choice)
    method = method or {"meeting": "show_of_hands", "paper": "household_ballot", "online": "online"}.get(channel, "")
    with write_transaction():
        row = _open_row(vote_id)
        errors: list[tuple[str, str]] = []
        if channel not in CHANNELS:
            errors.append(("channel", "Kênh biểu quyết không hợp lệ."))
        elif METHODS.get(method, ("",))[0] != channel:
            errors.append(("method", "Cách biểu quyết không phù hợp với kênh."))
        if not picked:
            errors.append(("choice", "Vui lòng chọn phương án."))
        elif len(set(picked)) != len(picked) or any(p not in row.options for p in picked):
            errors.append(("choice", "Phương án không hợp lệ."))
        elif len(picked) > row.max_choices:
            errors.append(("choice", f"Chỉ được chọn tối đa {row.max_choices} phương án."))
        elector = VoteElectorRow.get_or_none(
            VoteElectorRow.vote == vote_id, VoteElectorRow.household_id == household_id
        )
        if elector is None:
            errors.append(("household_id", "Hộ gia đình không có trong danh sách hộ của cuộc biểu quyết."))
        if errors:
            raise ValidationError(errors)
        assert elector is not None  # a missing elector is one of the errors above
        earlier = list(
            VoteChoiceRow.select().where(
                VoteChoiceRow.vote == vote_id,
                VoteChoiceRow.household_id == household_id,
                VoteChoiceRow.channel == channel,
                VoteChoiceRow.superseded_at.is_null(),
            )
        )
        new = VoteChoiceRow.create(
            vote=vote_id,
            household_id=household_id,
            group_id=elector.group_id,
            channel=channel,
            method=method,
            options=list(picked),
            representative=representative.strip(),
            proxy=proxy,
            note=note.strip(),
            cast_at=cast_at or at,
            recorded_at=at,
            recorded_by_id=actor.person_id,
            recorded_by_name=actor.name,
        )
        for old in earlier:
            VoteChoiceRow.update(superseded_at=at, superseded_by=new.id).where(VoteChoiceRow.id == old.id).execute()
        audit.record(
            "vote_choice_recorded",
            ENTITY,
            vote_id,
            actor=actor,
            before={"superseded": [o.id for o in earlier]} if earlier else None,
            after={
                "choice_id": new.id,
                "household_id": household_id,
                "channel": channel,
                "method": method,
                "options": list(picked),
                "proxy": proxy,
            },
        )
    return next(c for c in choices(vote_id, household_id=household_id) if c.id == new.id)


def void_choice(
    core: CoreServices | None,
    choice_id: int,
    *,
    reason: str,
    actor: Actor = SYSTEM_ACTOR,
    at: dt.datetime | None = None,
) -> Choice:
    """Mark a record invalid (e.g. a spoilt ballot) with the reason; it stays, never counts."""
    if not reason.strip():
        raise ValidationError([("reason", "Vui lòng nêu lý do không tính lựa chọn này.")])
    at = at or now()
    with write_transaction():
        row = VoteChoiceRow.get_or_none(VoteChoiceRow.id == choice_id)
        if row is None:
            raise NotFound("Không tìm thấy lựa chọn.")
        _open_row(row.vote_id)
        if row.voided_at is not None or row.superseded_at is not None:
            raise ValidationError([("reason", "Lựa chọn này đã không còn hiệu lực.")])
        row.voided_at, row.void_reason = at, reason.strip()
        row.save()
        audit.record(
            "vote_choice_voided", ENTITY, row.vote_id, actor=actor, reason=reason.strip(), after={"choice_id": row.id}
        )
    return next(c for c in choices(row.vote_id, household_id=row.household_id) if c.id == choice_id)


def _counted_ids(rows: Iterable[VoteChoiceRow]) -> dict[int, VoteChoiceRow]:
    """household → its counted record (the precedence of the module doc)."""
    best: dict[int, VoteChoiceRow] = {}
    for r in rows:
        if r.superseded_at is not None or r.voided_at is not None:
            continue
        cur = best.get(r.household_id)
        if cur is None or (PRECEDENCE[r.channel], r.id) > (PRECEDENCE[cur.channel], cur.id):
            best[r.household_id] = r
    return best


def choices(vote_id: int, *, household_id: int | None = None) -> list[Choice]:
    """Every record of the vote (staff only), with ``counted`` marking each household's
    counted one."""
    q = VoteChoiceRow.select().where(VoteChoiceRow.vote == vote_id)
    all_rows = list(q.order_by(VoteChoiceRow.id))
    counted = {r.id for r in _counted_ids(all_rows).values()}
    out = []
    for r in all_rows:
        if household_id is not None and r.household_id != household_id:
            continue
        out.append(
            Choice(
                r.id,
                r.vote_id,
                r.household_id,
                r.group_id,
                r.channel,
                r.method,
                tuple(r.options),
                r.representative,
                r.proxy,
                r.cast_at,
                r.recorded_at,
                r.recorded_by_name,
                r.superseded_at,
                r.voided_at,
                r.void_reason,
                r.id in counted,
            )
        )
    return out


def voted_households(vote_id: int) -> set[int]:
    """Households whose choice counts (for participation shares; staff only)."""
    return counted_households(VoteChoiceRow.select().where(VoteChoiceRow.vote == vote_id))


def counted_households(rows: Iterable[VoteChoiceRow]) -> set[int]:
    """Households whose choice counts among ``rows``, the records of ONE vote (a caller
    tallying many votes reads their records in one query and splits them by vote)."""
    return set(_counted_ids(rows))


def tally(core: CoreServices | None, vote_id: int, *, rules=None, at: dt.datetime | None = None) -> VoteResult:
    """Count the vote now (open or closed): one household once, against the whole
    electorate (R-BQ-28)."""
    row = _row(vote_id)
    rules = rules if rules is not None else core.rules  # type: ignore[union-attr]
    at = at or now()
    on = (row.closed_at or row.opened_at).date()
    threshold = threshold_for(rules, row.kind, row.scope, row.form, on)
    options = tuple(row.options)
    group_totals = Counter(e.group_id for e in VoteElectorRow.select().where(VoteElectorRow.vote == vote_id))
    all_rows = list(VoteChoiceRow.select().where(VoteChoiceRow.vote == vote_id))
    counted = _counted_ids(all_rows)
    counts = dict.fromkeys(options, 0)
    by_channel = dict.fromkeys(CHANNELS, 0)
    per_group: dict[int, Counter] = {g: Counter() for g in group_totals}
    per_group_part: Counter = Counter()
    for r in counted.values():
        by_channel[r.channel] += 1
        per_group_part[r.group_id] += 1
        for o in r.options:
            counts[o] += 1
            per_group[r.group_id][o] += 1
    # records still in force that lose to a household's higher channel (module doc, precedence)
    not_counted = sum(1 for r in all_rows if r.superseded_at is None and r.voided_at is None) - len(counted)
    names = {u.id: u.name for u in UnitRow.select().where(UnitRow.id.in_(list(group_totals)))} if group_totals else {}
    total = row.electorate_total
    option_passed: dict[str, bool] = {}
    groups: list[GroupTally] = []
    approved_count = 0
    if threshold.base == "groups":  # R-BQ-30
        group_ratio = threshold.group_ratio
        assert group_ratio is not None  # set by threshold_for for a group-counted threshold
        approvals: dict[str, int] = dict.fromkeys(options, 0)
        for g, gtotal in group_totals.items():
            for o in options:
                if passes(per_group[g][o], gtotal, "min_ratio", group_ratio):  # R-BQ-29 per group
                    approvals[o] += 1
        ngroups = len(group_totals)
        option_passed = {o: passes(approvals[o], ngroups, threshold.comparison, threshold.ratio) for o in options}
        focus = row.agree_option or None
        for g, gtotal in group_totals.items():
            ok = passes(per_group[g][focus], gtotal, "min_ratio", group_ratio) if focus else None
            approved_count += bool(ok)
            groups.append(
                GroupTally(g, names.get(g, ""), gtotal, per_group_part[g], {o: per_group[g][o] for o in options}, ok)
            )
    else:
        option_passed = {o: passes(counts[o], total, threshold.comparison, threshold.ratio) for o in options}
        for g, gtotal in group_totals.items():
            groups.append(
                GroupTally(g, names.get(g, ""), gtotal, per_group_part[g], {o: per_group[g][o] for o in options})
            )
    passed_options = tuple(o for o in options if option_passed[o])
    passed = option_passed[row.agree_option] if row.agree_option else bool(passed_options)
    groups.sort(key=lambda t: (t.group_name, t.group_id))
    return VoteResult(
        row.id,
        row.ref,
        row.title,
        row.kind,
        row.scope,
        row.form,
        row.state,
        threshold.rule_id,
        threshold.label,
        options,
        dict(row.option_labels),
        total,
        len(counted),
        counts,
        by_channel,
        not_counted,
        option_passed,
        passed_options,
        passed,
        tuple(groups),
        len(group_totals),
        approved_count,
        row.opened_at,
        row.closed_at,
        at,
    )


def close_vote(
    core: CoreServices, vote_id: int, *, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None
) -> VoteResult:
    """Close the vote, count it, store the result and fire ``vote_closed`` (one
    transaction: a failing listener rolls the closing back)."""
    at = at or now()
    with write_transaction():
        row = _open_row(vote_id)
        row.state, row.closed_at, row.closed_by_id, row.closed_by_name = "closed", at, actor.person_id, actor.name
        row.save()
        result = tally(core, vote_id, at=at)
        row.result = _jsonable(result)
        row.save()
        audit.record(
            "vote_closed",
            ENTITY,
            vote_id,
            actor=actor,
            before={"state": "open"},
            after={
                "state": "closed",
                "participated": result.participated,
                "counts": result.counts,
                "passed": result.passed,
                "rule_id": result.rule_id,
            },
        )
        core.pm.hook.vote_closed(vote=result, core=core)
    return result


def cancel_vote(
    core: CoreServices | None, vote_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None
) -> Vote:
    """Cancel an open vote (recorded with the reason; its records stay)."""
    if not reason.strip():
        raise ValidationError([("reason", "Vui lòng nêu lý do hủy cuộc biểu quyết.")])
    at = at or now()
    with write_transaction():
        row = _open_row(vote_id)
        row.state, row.closed_at, row.cancel_reason = "cancelled", at, reason.strip()
        row.closed_by_id, row.closed_by_name = actor.person_id, actor.name
        row.save()
        audit.record(
            "vote_cancelled",
            ENTITY,
            vote_id,
            actor=actor,
            reason=reason.strip(),
            before={"state": "open"},
            after={"state": "cancelled"},
        )
    return _to_vote(row)


def stored_result(vote_id: int) -> dict[str, Any] | None:
    """The result stored when the vote closed (JSON), or None while open."""
    return _row(vote_id).result


def _jsonable(result: VoteResult) -> dict[str, Any]:
    def conv(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): conv(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [conv(v) for v in value]
        return value

    return conv(attrs.asdict(result, recurse=True))
