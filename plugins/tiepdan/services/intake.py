"""Public intake (cổng thông tin) and staff entry of feedback: the feedback form with its
tracking code, the public look-up, the "not resolved" answer, throttling (R-PA-02 …
R-PA-04, R-PA-09, R-DL-04, R-DL-14).

The look-up by code shows a matter's kind, dates and states — never a name or its content
(R-DL-14); a petition's public answer is written for it. Public submissions are counted
per client address (stored hashed) and refused beyond ``public_rate_limit`` per window.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import TYPE_CHECKING

from thanthien.core import audit
from thanthien.core.cases import kv_get, kv_set
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.types import Actor, Case

from ..models import MatterRow, PartyRow, ThrottleRow, TrackingRow
from ..types import (
    FEEDBACK_KINDS,
    PARTY_FIELDS,
    PETITION,
    PETITION_TYPE,
    STAFF_FEEDBACK_CHANNELS,
    PartyInput,
    Reopened,
    Submitted,
    Tracked,
    TrackedStep,
    kind_of,
)
from .common import CITIZEN, TooManyRequests, clean, config
from .feedback import FeedbackExtra, check_extra, store_extra
from .identity import party_errors
from .matters import clock_start, matter_row, open_matter, receive, tracking_code

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def _client_key(client: str) -> str:
    salt = kv_get("tiepdan.client_salt")
    if not salt:
        salt = secrets.token_hex(16)
        with write_transaction():
            kv_set("tiepdan.client_salt", salt)
    return hashlib.sha256(f"{salt}:{client}".encode()).hexdigest()[:40]


def throttle(core: CoreServices, client: str, action: str, *, at: dt.datetime | None = None) -> None:
    """Count a public attempt from ``client`` (its address, stored hashed) and refuse it
    beyond ``public_rate_limit`` attempts per window — a junk attempt counts too."""
    cfg = config(core)
    when = at or now()
    since = when - dt.timedelta(minutes=cfg.public_rate_window_minutes)
    key = _client_key(client or "unknown")
    with write_transaction():
        ThrottleRow.delete().where(ThrottleRow.at < since - dt.timedelta(days=1)).execute()
        count = ThrottleRow.select().where(ThrottleRow.client == key, ThrottleRow.action == action,
                                           ThrottleRow.at > since).count()
        if count >= cfg.public_rate_limit:
            raise TooManyRequests(f"Bạn đã gửi quá nhiều lần trong {cfg.public_rate_window_minutes} phút. "
                                  "Vui lòng thử lại sau.")
        ThrottleRow.create(client=key, action=action, at=when)


def submit_feedback(core: CoreServices, *, kind: str, subject: str, content: str, sender: PartyInput,
                    consent: bool, client: str, at: dt.datetime | None = None,
                    extra: FeedbackExtra | None = None) -> Submitted:
    """A resident's feedback or petition from the portal (R-PA-02, R-PA-03), counted against
    the client's quota first. Every field is checked before anything is stored; the answer
    carries the tracking code and the date by which the status reply is due. ``extra``: the
    public subject it is about, the residential group, the place and a photo
    (:mod:`.feedback`)."""
    throttle(core, client, "feedback", at=at)
    cfg = config(core)
    errors: list[tuple[str, str]] = []
    if kind not in FEEDBACK_KINDS:
        errors.append(("kind", "Vui lòng chọn phản ánh hoặc kiến nghị."))
    subject, content = clean(subject), clean(content)
    if not subject:
        errors.append(("subject", "Vui lòng nhập tiêu đề."))
    elif len(subject) > 200:
        errors.append(("subject", "Tiêu đề dài quá 200 ký tự."))
    if not content:
        errors.append(("content", "Vui lòng nhập nội dung phản ánh, kiến nghị."))
    elif len(content) > cfg.public_max_chars:
        errors.append(("content", f"Nội dung dài quá {cfg.public_max_chars} ký tự; vui lòng rút gọn."))
    errors += [(f.removeprefix("."), m) for f, m in party_errors("", sender, require_contact=True)]
    values = sender.values()
    if not values["phone"] and not values["email"]:  # R-PA-03: phone (or mailing address)
        errors.append(("phone", "Vui lòng nhập số điện thoại hoặc thư điện tử để nhận trả lời."))
    if not consent:  # R-DL-04: clear, affirmative, never by default
        errors.append(("consent", "Vui lòng đồng ý cho Ủy ban nhân dân xử lý thông tin cá nhân để giải quyết "
                                  "phản ánh, kiến nghị."))
    extra = extra or FeedbackExtra()
    extra_errors, photo, photo_name, photo_type = check_extra(core, extra)
    errors += extra_errors
    if errors:
        raise ValidationError(errors)
    sender = PartyInput(**{k: values[k] for k in ("full_name", "address", "phone", "email")})
    with write_transaction():
        case = receive(core, PETITION, subject=f"{FEEDBACK_KINDS[kind]}: {subject}", channel="cong_thong_tin",
                       parties=[sender], content=content, received_at=at, actor=CITIZEN)
        store_extra(core, case.id, extra, photo, photo_name, photo_type)
    return Submitted(tracking_code(case.id), case.id, case.due_date)


def record_feedback(core: CoreServices, *, channel: str, subject: str, content: str, sender: PartyInput | None,
                    kind: str = PETITION, actor: Actor, received_at: dt.datetime | None = None) -> Case:
    """Staff entry of a hotline call (transcribed faithfully, R-PA-04), a suggestion-box slip
    (R-PA-09), a letter or an online reception (R-TD-05)."""
    if channel not in STAFF_FEEDBACK_CHANNELS:
        raise ValidationError([("channel", "Kênh không hợp lệ: đường dây nóng, hòm thư góp ý, đơn thư hoặc "
                                           "trực tuyến.")])
    if not clean(content):
        raise ValidationError([("content", "Vui lòng ghi trung thực nội dung phản ánh (R-PA-04).")])
    return open_matter(core, kind, subject=subject, channel=channel, parties=[sender] if sender else [],
                       content=content, received_at=received_at, actor=actor)


def case_for_code(code: str) -> int:
    """The case a tracking code was issued for (staff and demo use; the public sees :func:`track`)."""
    row = TrackingRow.get_or_none(TrackingRow.code == normalise_tracking_code(code))
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu.")
    return row.case_id


def _latest(core: CoreServices, case: Case) -> Case:
    """The last reopening of a matter (itself when never reopened)."""
    latest = case
    while True:
        child = MatterRow.get_or_none(MatterRow.parent == latest.id, MatterRow.kind == kind_of(latest.case_type))
        if child is None:
            return latest
        latest = core.cases.get(child.case_id)


def normalise_tracking_code(text: str) -> str:
    """A tracking code as a resident types it: upper case, spaces and hyphens anywhere
    ("abcd efgh jkmn", "ABCDEFGHJKMN") read as the printed ``ABCD-EFGH-JKMN``."""
    raw = re.sub(r"[\s\-_.]+", "", clean(text)).upper()
    if len(raw) == 12:
        return "-".join(raw[i:i + 4] for i in range(0, 12, 4))
    return clean(text).upper()


def track(core: CoreServices, code: str) -> Tracked:
    """The public status of a matter by its tracking code: no names, no content (R-DL-14)."""
    row = TrackingRow.get_or_none(TrackingRow.code == normalise_tracking_code(code))
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu. Vui lòng kiểm tra lại mã trên phiếu tiếp nhận.")
    first = core.cases.get(row.case_id)
    latest = _latest(core, first)
    matter = matter_row(latest.id)
    steps = [TrackedStep(e.at, e.to_state) for e in core.cases.events(latest.id)
             if e.to_state and e.action not in ("assign", "update")]
    return Tracked(row.code, first, latest, matter.kind, steps,
                   matter.public_answer if matter.kind == PETITION else "", _reopen_problem(core, latest) is None)


def _reopen_problem(core: CoreServices, case: Case, today: dt.date | None = None) -> str | None:
    cfg = config(core)
    matter = matter_row(case.id)
    if matter.kind != PETITION or case.state != "answered" or matter.answered_at is None:
        return "Chỉ phản ánh, kiến nghị đã được trả lời mới có thể báo chưa được giải quyết."
    if matter.reopen_count >= cfg.reopen_max:
        return f"Phản ánh này đã được mở lại {matter.reopen_count} lần, là số lần tối đa."
    if ((today or now().date()) - matter.answered_at.date()).days > cfg.reopen_within_days:
        return f"Đã quá {cfg.reopen_within_days} ngày kể từ ngày trả lời."
    return None


def report_not_resolved(core: CoreServices, code: str, *, reason: str, client: str,
                        at: dt.datetime | None = None) -> Reopened:
    """A citizen answers "chưa được giải quyết": the petition reopens as a new linked case
    with a fresh clock, within the limits of ``reopen_max`` and ``reopen_within_days``."""
    throttle(core, client, "reopen", at=at)
    reason = clean(reason)
    if not reason:
        raise ValidationError([("reason", "Vui lòng cho biết vì sao vấn đề chưa được giải quyết.")])
    if len(reason) > config(core).public_max_chars:
        raise ValidationError([("reason", "Nội dung quá dài; vui lòng rút gọn.")])
    row = TrackingRow.get_or_none(TrackingRow.code == normalise_tracking_code(code))
    if row is None:
        raise NotFound("Không tìm thấy mã tra cứu.")
    latest = _latest(core, core.cases.get(row.case_id))
    problem = _reopen_problem(core, latest, (at or now()).date())
    if problem:
        raise ValidationError([("code", problem)])
    old = matter_row(latest.id)
    with write_transaction():
        case = core.cases.open(PETITION_TYPE, latest.subject, actor=CITIZEN, received_at=at, unit_id=latest.unit_id,
                               data={**latest.data, "reopened_from": latest.number},
                               note="Công dân báo chưa được giải quyết")
        MatterRow.create(case=case.id, kind=PETITION, channel=old.channel, received_at=case.received_at,
                         content=reason, parent=latest.id, reopen_count=old.reopen_count + 1)
        for p in PartyRow.select().where(PartyRow.case == latest.id):
            PartyRow.create(case=case.id, role=p.role, confidential=p.confidential,
                            **{k: getattr(p, k) for k in PARTY_FIELDS})
        clock_start(case, "open", "R-PA-07", case.received_at)
        audit.record("tiepdan.matter.reopen", "case", case.id, actor=CITIZEN,
                     after={"number": case.number, "from": latest.number})
    return Reopened(row.code, case.id, case.number, case.due_date)
