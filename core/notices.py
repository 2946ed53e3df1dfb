"""Notices (thông báo công khai): draft → published → withdrawn / expired.

Core keeps the notice itself and its life cycle; the disclosure module (``congkhai``)
adds where and how long each must be posted. Categories are the 14 items of Luật
THDCCS Art. 11 (R-CK-01, keys from table 3.1.1 of docs/rules.md) plus those plugins and wards
add through ``register_notice_categories``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import audit
from .errors import IllegalTransition, NotFound, ValidationError
from .hooks import collect
from .models import NoticeRow, to_type
from .richtext import clean_html
from .storage.db import is_sqlite, now, write_transaction
from .types import SYSTEM_ACTOR, Actor, Notice, NoticeCategory

#: R-CK-01: Art. 11 items (table 3.1.1).
ART11_CATEGORIES = [
    NoticeCategory("ke_hoach_ktxh", "Kế hoạch phát triển kinh tế - xã hội", 1),
    NoticeCategory("ngan_sach", "Dự toán, quyết toán ngân sách", 2),
    NoticeCategory("du_an_dat_dai_quy_hoach", "Dự án đầu tư, đất đai, quy hoạch", 3),
    NoticeCategory("quy_che_dan_chu_nhiem_vu_cb", "Quy chế dân chủ, nhiệm vụ cán bộ", 4),
    NoticeCategory("quy_dong_gop", "Quản lý quỹ, khoản đóng góp", 5),
    NoticeCategory("tai_san_cong", "Tài sản công", 6),
    NoticeCategory("chinh_sach_an_sinh", "Chính sách an sinh, hỗ trợ", 7),
    NoticeCategory("ho_tro_thien_tai", "Hỗ trợ thiên tai, dịch bệnh", 8),
    NoticeCategory("nghia_vu_quan_su_ca", "Nghĩa vụ quân sự, công an", 9),
    NoticeCategory("thanh_tra_tham_nhung_tin_nhiem", "Thanh tra, phòng chống tham nhũng, tín nhiệm", 10),
    NoticeCategory("lay_y_kien", "Lấy ý kiến Nhân dân", 11),
    NoticeCategory("phi_le_phi", "Phí, lệ phí", 12),
    NoticeCategory("tthc", "Thủ tục hành chính", 13),
    NoticeCategory("khac", "Nội dung khác", 14),
]

STATES = {"draft": "Bản nháp", "published": "Đã công khai", "withdrawn": "Đã thu hồi", "expired": "Hết hạn"}


def categories(pm, settings) -> dict[str, NoticeCategory]:
    cats = {c.key: c for c in ART11_CATEGORIES}
    for cat in collect(pm.hook.register_notice_categories, settings=settings):
        cats.setdefault(cat.key, cat)
    return cats


class NoticeService:
    def __init__(self, pm, settings, core=None):
        self.pm = pm
        self.settings = settings
        self.core = core
        self.categories = categories(pm, settings)

    def get(self, notice_id: int) -> Notice:
        row = NoticeRow.get_or_none(NoticeRow.id == notice_id)
        if row is None:
            raise NotFound(f"Không tìm thấy thông báo số {notice_id}.")
        return to_type(Notice, row)

    def create(
        self,
        *,
        category: str,
        title: str,
        body_html: str = "",
        actor: Actor = SYSTEM_ACTOR,
        unit_id: int | None = None,
        decision_ref: str = "",
        decision_date: dt.date | None = None,
        window_start: dt.date | None = None,
        window_end: dt.date | None = None,
        channels: tuple[str, ...] = (),
        parent_id: int | None = None,
        version: int = 1,
    ) -> Notice:
        errors = []
        if category not in self.categories:
            errors.append(("category", "Loại thông tin không hợp lệ."))
        if not title.strip():
            errors.append(("title", "Vui lòng nhập tiêu đề."))
        if window_start and window_end and window_end < window_start:
            errors.append(("window_end", "Ngày kết thúc phải sau ngày bắt đầu."))
        if errors:
            raise ValidationError(errors)
        with write_transaction():
            row = NoticeRow.create(
                category=category,
                title=title.strip()[:500],
                body_html=clean_html(body_html),
                unit=unit_id,
                decision_ref=decision_ref,
                decision_date=decision_date,
                window_start=window_start,
                window_end=window_end,
                channels=list(channels),
                created_by=actor.person_id,
                parent=parent_id,
                version=version,
            )
            notice = to_type(Notice, row)
            audit.record(
                "notice.create", "notice", notice.id, actor=actor, after={"title": notice.title, "category": category}
            )
        return notice

    def update_draft(self, notice_id: int, *, actor: Actor = SYSTEM_ACTOR, **changes) -> Notice:
        """Edit a draft before publication; a published notice changes only by a new
        version (:meth:`revise`, R-CK-12). Allowed keys: category, title, body_html,
        decision_ref, decision_date, window_start, window_end, channels."""
        allowed = {
            "category",
            "title",
            "body_html",
            "decision_ref",
            "decision_date",
            "window_start",
            "window_end",
            "channels",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise ValidationError([(k, "Trường không được hỗ trợ.") for k in sorted(unknown)])
        if "category" in changes and changes["category"] not in self.categories:
            raise ValidationError([("category", "Loại thông tin không hợp lệ.")])
        if "title" in changes:
            if not str(changes["title"]).strip():
                raise ValidationError([("title", "Vui lòng nhập tiêu đề.")])
            changes["title"] = str(changes["title"]).strip()[:500]
        if "body_html" in changes:
            changes["body_html"] = clean_html(changes["body_html"])
        if "channels" in changes:
            changes["channels"] = list(changes["channels"])
        with write_transaction():
            q = NoticeRow.select().where(NoticeRow.id == notice_id)
            row = (q if is_sqlite() else q.for_update()).first()
            if row is None:
                raise NotFound(f"Không tìm thấy thông báo số {notice_id}.")
            if row.state != "draft":
                raise IllegalTransition("Chỉ sửa được bản nháp; thông báo đã công khai thì tạo phiên bản mới.")
            before = to_type(Notice, row)
            if changes:
                NoticeRow.update(**changes).where(NoticeRow.id == notice_id).execute()
            after = self.get(notice_id)
            b, a = audit.diff(attrs.asdict(before), attrs.asdict(after), sorted(changes))
            if a:
                audit.record("notice.update", "notice", notice_id, actor=actor, before=b, after=a)
        return after

    def publish(self, notice_id: int, *, actor: Actor = SYSTEM_ACTOR, at: dt.datetime | None = None) -> Notice:
        with write_transaction():
            notice = self.get(notice_id)
            if notice.state != "draft":
                raise IllegalTransition(f"Chỉ công khai được bản nháp; thông báo đang '{STATES[notice.state]}'.")
            when = at or now()
            changes: dict[str, Any] = {
                "state": "published",
                "published_at": when,
                "window_start": notice.window_start or when.date(),
            }
            NoticeRow.update(**changes).where(NoticeRow.id == notice_id).execute()
            notice = attrs.evolve(notice, **changes)
            audit.record(
                "notice.publish",
                "notice",
                notice_id,
                actor=actor,
                before={"state": "draft"},
                after={"state": "published"},
            )
            self.pm.hook.notice_published(notice=notice, settings=self.settings, core=self.core)
        return notice

    def withdraw(self, notice_id: int, *, reason: str, actor: Actor = SYSTEM_ACTOR) -> Notice:
        if not reason.strip():
            raise ValidationError([("reason", "Vui lòng ghi rõ lý do thu hồi.")])
        with write_transaction():
            notice = self.get(notice_id)
            if notice.state != "published":
                raise IllegalTransition("Chỉ thu hồi được thông báo đang công khai.")
            NoticeRow.update(state="withdrawn", withdrawn_reason=reason).where(NoticeRow.id == notice_id).execute()
            notice = attrs.evolve(notice, state="withdrawn", withdrawn_reason=reason)
            audit.record(
                "notice.withdraw",
                "notice",
                notice_id,
                actor=actor,
                before={"state": "published"},
                after={"state": "withdrawn"},
                reason=reason,
            )
            self.pm.hook.notice_withdrawn(notice=notice, settings=self.settings, core=self.core)
        return notice

    def revise(self, notice_id: int, *, title: str, body_html: str, actor: Actor = SYSTEM_ACTOR) -> Notice:
        """Re-disclose changed information (R-CK-12): a new draft version of the notice."""
        old = self.get(notice_id)
        root = old.parent_id or old.id
        return self.create(
            category=old.category,
            title=title,
            body_html=body_html,
            actor=actor,
            unit_id=old.unit_id,
            decision_ref=old.decision_ref,
            decision_date=old.decision_date,
            channels=old.channels,
            parent_id=root,
            version=old.version + 1,
        )

    def expire_due(self, today: dt.date | None = None) -> int:
        """Mark published notices whose window ended as expired."""
        today = today or dt.date.today()
        n = 0
        with write_transaction():
            for row in NoticeRow.select().where(
                NoticeRow.state == "published", NoticeRow.window_end.is_null(False), NoticeRow.window_end < today
            ):
                NoticeRow.update(state="expired").where(NoticeRow.id == row.id).execute()
                audit.record(
                    "notice.expire", "notice", row.id, before={"state": "published"}, after={"state": "expired"}
                )
                n += 1
        return n

    def published(self, category: str | None = None, limit: int = 50, offset: int = 0) -> list[Notice]:
        q = NoticeRow.select().where(NoticeRow.state == "published")
        if category:
            q = q.where(NoticeRow.category == category)
        q = q.order_by(NoticeRow.published_at.desc(), NoticeRow.id.desc()).limit(limit).offset(offset)
        return [to_type(Notice, r) for r in q]
