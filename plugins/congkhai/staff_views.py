"""Staff pages of congkhai (trang của cán bộ), mounted under ``/congkhai/staff``.

The notices desk (draft, edit, publish, revise, withdraw, attachments, the loudspeaker
script, the social-group text and the A4 poster), the dissemination ledger (one form
per required place; a residential-group head sees only their own group's places),
propaganda conferences and media, and information requests (register, intake, detail
with the actions the services allow, the printable forms 01a–06). Every page has its
``.json`` twin; the rules are the services' — these views only parse forms and call them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.responses import HTMLResponse, Response
from thanthien.core.errors import NotFound, PermissionDenied, ValidationError
from thanthien.web.forms import date_value
from thanthien.web.render import form_errors, paginate, redirect, respond
from thanthien.web.routing import is_json, page

from . import exports, feeds, policy
from . import services as ck
from .types import (
    AUDIENCES,
    CONFERENCE_KINDS,
    DELIVERY_FORMS,
    MEDIA_CHANNELS,
    MEDIA_KINDS,
    MEDIA_TOPICS,
    PLACE_KINDS,
    REFUSAL_GROUNDS,
    REQUEST_CHANNELS,
    REQUEST_FORMS,
)

BASE = "/congkhai/staff"
CUSTOM_LABELS = {
    "office_and_groups": "Niêm yết tại trụ sở và nhà văn hóa các tổ dân phố",
    "permanent": "Niêm yết thường xuyên",
    "broadcast": "Phát trên hệ thống loa truyền thanh",
    "group_heads": "Gửi Tổ trưởng tổ dân phố",
}
NOTICE_FIELDS = ("category", "title", "body_html", "decision_ref", "decision_date", "responsible_id", "window_end",
                 *(f"custom_{k}" for k in policy.CUSTOM_KEYS))


def _svc(request):
    return request.app.state.services


def _actor(request):
    return request.state.actor


def _id(request, name: str = "id") -> int:
    return int(request.path_params[name])


def _base_url(request) -> str:
    return (request.app.state.settings.web.base_url or str(request.base_url)).rstrip("/")


def _values(form: dict | None) -> dict[str, str]:
    """The fields of a form or JSON body as text (an uploaded file is read by its view)."""
    out: dict[str, str] = {}
    for k, v in (form or {}).items():
        if isinstance(v, bool):
            out[k] = "on" if v else ""
        elif isinstance(v, (str, int, float)):
            out[k] = str(v).strip()
        elif v is None:
            out[k] = ""
        elif not hasattr(v, "filename"):
            raise ValidationError([(k, "Giá trị không hợp lệ.")])
    return out


def _only(values: dict[str, str], allowed: tuple[str, ...]) -> None:
    extra = sorted(set(values) - set(allowed))
    if extra:
        raise ValidationError([(k, "Trường không được hỗ trợ.") for k in extra])


def _opt_int(values: dict[str, str], field: str, message: str) -> int | None:
    raw = values.get(field, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError([(field, message)])
    return int(raw)


def _count(values: dict[str, str], field: str) -> int:
    raw = values.get(field, "") or "0"
    if not raw.isdigit():
        raise ValidationError([(field, "Vui lòng nhập số người (số nguyên không âm).")])
    return int(raw)


def _checked(values: dict[str, str], field: str) -> bool:
    return values.get(field, "") in ("on", "1", "true", "yes")


# ---------------------------------------------------------------------------
# notices desk
# ---------------------------------------------------------------------------

def _notice_form_data(request, values: dict[str, str], **extra: Any) -> dict[str, Any]:
    cats = [(c.key, (f"{c.item_no}. " if c.item_no else "") + c.name) for c in _svc(request).notice_categories.values()]
    return {"categories": cats, "staff": [("", "— Chưa chọn —"), *ck.staff_choices()],
            "custom_labels": CUSTOM_LABELS, "values": values, **extra}


def _notice_kwargs(values: dict[str, str]) -> dict[str, Any]:
    """Form fields → service arguments; a bad date or person is a Vietnamese error per field."""
    _only(values, NOTICE_FIELDS)
    errors: list[tuple[str, str]] = []
    out: dict[str, Any] = {"category": values.get("category", ""), "title": values.get("title", ""),
                           "body_html": values.get("body_html", ""), "decision_ref": values.get("decision_ref", ""),
                           "custom": {k: _checked(values, f"custom_{k}") for k in policy.CUSTOM_KEYS}}
    for field in ("decision_date", "window_end"):
        try:
            out[field] = date_value(values.get(field), field)
        except ValidationError as exc:
            errors += exc.errors
    try:
        out["responsible_id"] = _opt_int(values, "responsible_id", "Vui lòng chọn người phụ trách trong danh sách.")
    except ValidationError as exc:
        errors += exc.errors
    if errors:
        raise ValidationError(errors)
    return out


def notices(request, form):
    """Thông báo công khai: bản nháp, đang công khai, đã thu hồi; lọc nơi còn thiếu."""
    svc = _svc(request)
    q = request.query_params
    state = q.get("state") or None
    category = q.get("category") or None
    missing = q.get("missing") == "1"
    pager = paginate(request, 30)
    rows = ck.staff_notices(svc, _actor(request), state=state, category=category, missing=missing,
                            limit=pager.fetch, offset=pager.offset)
    rows, pager = pager.cut(rows)
    cats = [(c.key, (f"{c.item_no}. " if c.item_no else "") + c.name) for c in svc.notice_categories.values()]
    return respond(request, "congkhai/staff/notices.html",
                   {"notices": rows, "filters": {"state": state or "", "category": category or "", "missing": missing},
                    "may_manage": svc.access.can(_actor(request), ck.P_NOTICES)},
                   breadcrumbs=[("Thông báo công khai", None)],
                   context={"pager": pager, "categories": cats, "states": list(ck.NOTICE_STATES.items())})


def new_notice(request, form):
    """Soạn thông báo công khai (bản nháp)."""
    crumbs = [("Thông báo công khai", f"{BASE}/notices"), ("Soạn thông báo", None)]
    if form is None:
        return respond(request, "congkhai/staff/notice_form.html",
                       _notice_form_data(request, {}, mode="new"), breadcrumbs=crumbs)
    values = _values(form)
    try:
        notice = ck.create_notice(_svc(request), actor=_actor(request), **_notice_kwargs(values))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/notice_form.html",
                           _notice_form_data(request, values, mode="new"), exc.errors)
    return redirect(request, f"{BASE}/notices/{notice.id}", f"Đã lưu bản nháp “{notice.title}”.",
                    data={"notice_id": notice.id})


def _desk(request, **extra) -> dict[str, Any]:
    return {**ck.notice_desk(_svc(request), _id(request), actor=_actor(request)), "values": {}, **extra}


def _desk_context(desk: dict[str, Any]) -> dict[str, Any]:
    return {"breadcrumbs": [("Thông báo công khai", f"{BASE}/notices"), (desk["notice"]["title"], None)]}


def notice(request, form):
    """Một thông báo: nơi phải công khai và việc đã ghi nhận, thiếu sót, phiên bản, tệp đính kèm."""
    desk = _desk(request)
    return respond(request, "congkhai/staff/notice.html", desk, **_desk_context(desk))


def edit_notice(request, form):
    """Sửa bản nháp thông báo."""
    svc = _svc(request)
    n = ck.notice_service_get(_id(request))
    crumbs = [("Thông báo công khai", f"{BASE}/notices"), (n.title, f"{BASE}/notices/{n.id}"), ("Sửa bản nháp", None)]
    if form is None:
        if n.state != "draft":
            return redirect(request, f"{BASE}/notices/{n.id}",
                            "Chỉ sửa được bản nháp; thông báo đã công khai thì tạo phiên bản mới.")
        desk = ck.notice_desk(svc, n.id, actor=_actor(request))["notice"]
        values = {"category": n.category, "title": n.title, "body_html": n.body_html, "decision_ref": n.decision_ref,
                  "decision_date": desk["decision_date"].strftime("%d/%m/%Y") if n.decision_date else "",
                  "window_end": n.window_end.strftime("%d/%m/%Y") if n.window_end else "",
                  "responsible_id": str(desk["responsible_id"] or ""),
                  **{f"custom_{k}": "on" for k, v in desk["custom"].items() if v}}
        return respond(request, "congkhai/staff/notice_form.html",
                       _notice_form_data(request, values, mode="edit", notice_id=n.id, state=n.state),
                       breadcrumbs=crumbs)
    values = _values(form)
    try:
        updated = ck.update_draft(svc, n.id, actor=_actor(request), **_notice_kwargs(values))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/notice_form.html",
                           _notice_form_data(request, values, mode="edit", notice_id=n.id, state=n.state), exc.errors)
    return redirect(request, f"{BASE}/notices/{n.id}", "Đã lưu bản nháp.", data={"notice_id": updated.id})


def publish(request, form):
    """Công khai bản nháp (lập danh sách nơi phải niêm yết theo quy định đang có hiệu lực)."""
    n = ck.publish_notice(_svc(request), _id(request), actor=_actor(request))
    places = len(ck.requirements(n.id))
    return redirect(request, f"{BASE}/notices/{n.id}/ledger",
                    f"Đã công khai thông báo; cần thực hiện ở {places} nơi/kênh, hãy ghi nhận khi niêm yết.",
                    data={"notice_id": n.id, "places": places})


def withdraw(request, form):
    """Thu hồi thông báo đang công khai (ghi rõ lý do)."""
    values = _values(form)
    _only(values, ("reason",))
    try:
        ck.withdraw_notice(_svc(request), _id(request), reason=values.get("reason", ""), actor=_actor(request))
    except ValidationError as exc:
        desk = _desk(request, values=values)
        return form_errors(request, "congkhai/staff/notice.html", desk, exc.errors)
    return redirect(request, f"{BASE}/notices/{_id(request)}",
                    "Đã thu hồi thông báo: đã gỡ khỏi bảng tin công khai và bản tin; hãy ghi nhận gỡ xuống ở các nơi "
                    "đang niêm yết.")


def revise(request, form):
    """Tạo phiên bản mới của thông báo đang công khai (công khai lại thông tin thay đổi, R-CK-12)."""
    svc = _svc(request)
    n = ck.notice_service_get(_id(request))
    crumbs = [("Thông báo công khai", f"{BASE}/notices"), (n.title, f"{BASE}/notices/{n.id}"), ("Phiên bản mới", None)]
    data = {"notice_id": n.id, "version": n.version, "state": n.state}
    if form is None:
        if n.state != "published":
            return redirect(request, f"{BASE}/notices/{n.id}", "Chỉ tạo phiên bản mới cho thông báo đang công khai.")
        return respond(request, "congkhai/staff/revise.html",
                       {**data, "values": {"title": n.title, "body_html": n.body_html}}, breadcrumbs=crumbs)
    values = _values(form)
    try:
        _only(values, ("title", "body_html"))
        if not values.get("title"):
            raise ValidationError([("title", "Vui lòng nhập tiêu đề.")])
        new = ck.revise_notice(svc, n.id, title=values["title"], body_html=values.get("body_html", ""),
                               actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/revise.html", {**data, "values": values}, exc.errors)
    return redirect(request, f"{BASE}/notices/{new.id}",
                    f"Đã tạo bản nháp phiên bản {new.version}; khi công khai, phiên bản cũ được thu hồi.",
                    data={"notice_id": new.id, "version": new.version})


def upload(request, form):
    """Đính kèm tệp PDF hoặc ảnh (kiểm tra loại tệp theo nội dung, giới hạn dung lượng)."""
    svc = _svc(request)
    notice_id = _id(request)
    upload_file = form.get("file")
    try:
        if upload_file is None or isinstance(upload_file, (str, list)) or not hasattr(upload_file, "file"):
            raise ValidationError([("file", "Vui lòng chọn một tệp PDF hoặc ảnh để đính kèm.")])
        data = upload_file.file.read()
        att = ck.add_attachment(svc, notice_id, filename=upload_file.filename or "", data=data,
                                content_type=upload_file.content_type or "", actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/notice.html", _desk(request), exc.errors)
    return redirect(request, f"{BASE}/notices/{notice_id}", f"Đã đính kèm tệp {att.filename}.",
                    data={"attachment": att})


def remove_attachment(request, form):
    """Gỡ tệp đính kèm khỏi bản nháp."""
    att = ck.remove_attachment(_svc(request), _id(request), actor=_actor(request))
    return redirect(request, f"{BASE}/notices/{att.notice_id}", f"Đã gỡ tệp {att.filename}.")


def attachment(request, form):
    """Tệp đính kèm (cán bộ xem cả khi thông báo còn là bản nháp)."""
    att, data = ck.attachment_file(_id(request))
    ck.notice_desk(_svc(request), att.notice_id, actor=_actor(request))  # the notice is one of theirs
    return Response(data, media_type=att.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{feeds.quote(att.filename)}",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def _text(request, text: str, filename: str) -> Response:
    if is_json(request):
        return respond(request, "", {"text": text})
    return Response(text, media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f"inline; filename*=UTF-8''{feeds.quote(filename)}",
                             "X-Content-Type-Options": "nosniff"})


def loudspeaker_script(request, form):
    """Bản tin phát thanh (văn bản cho phát thanh viên, kèm lịch phát)."""
    n = ck.notice_service_get(_id(request))
    ck.notice_desk(_svc(request), n.id, actor=_actor(request))
    return _text(request, exports.loudspeaker_script(_svc(request), n), f"ban-tin-loa-{n.id}.txt")


def social_text(request, form):
    """Nội dung đăng nhóm Zalo/Facebook của tổ dân phố."""
    n = ck.notice_service_get(_id(request))
    ck.notice_desk(_svc(request), n.id, actor=_actor(request))
    return _text(request, exports.social_text(_svc(request), n, _base_url(request)), f"mang-xa-hoi-{n.id}.txt")


def poster(request, form):
    """Bản niêm yết khổ A4 để in."""
    n = ck.notice_service_get(_id(request))
    ck.notice_desk(_svc(request), n.id, actor=_actor(request))
    return HTMLResponse(exports.poster_html(_svc(request), n, _base_url(request)))


# ---------------------------------------------------------------------------
# dissemination ledger
# ---------------------------------------------------------------------------

LEDGER_FIELDS = ("kind", "unit_id", "posted_on", "removed_on", "note")


def _ledger_data(request, notice_id: int, **extra) -> dict[str, Any]:
    """The places the actor records, narrowed by the page's filters (so that a phone
    shows one kind of place, one group, or only what is still to do)."""
    desk = ck.notice_desk(_svc(request), notice_id, actor=_actor(request))
    mine = [p for p in desk["places"] if p["may_record"]]
    q = request.query_params
    kind, todo = q.get("kind", ""), q.get("todo") == "1"
    if kind and kind not in PLACE_KINDS:
        raise ValidationError([("kind", "Nơi/kênh công khai không hợp lệ.")])
    group = _opt_int({"group": q.get("group", "")}, "group", "Tổ dân phố không hợp lệ.")
    places = [p for p in mine if (not kind or p["kind"] == kind) and (not group or p["unit_id"] == group)
              and (not todo or p["status"] != "done")]
    kinds = [(k, PLACE_KINDS[k]) for k in dict.fromkeys(p["kind"] for p in mine)]
    groups = list({p["unit_id"]: p["unit_name"] for p in mine if p["unit_id"]}.items())
    return {"notice": desk["notice"], "places": places, "complete": desk["complete"], "gaps": desk["gaps"],
            "today": dt.date.today(), "values": {}, "place_key": "",
            "filters": {"kind": kind, "group": group or "", "todo": todo}, "kinds": kinds, "groups": groups,
            **extra}


def ledger(request, form):
    """Sổ theo dõi niêm yết: ghi nhận từng nơi niêm yết, phát loa, gửi tổ trưởng, đăng nhóm; gỡ xuống."""
    svc = _svc(request)
    notice_id = _id(request)
    if form is None:
        data = _ledger_data(request, notice_id)
        return respond(request, "congkhai/staff/ledger.html", data,
                       breadcrumbs=[("Thông báo công khai", f"{BASE}/notices"),
                                    (data["notice"]["title"], f"{BASE}/notices/{notice_id}"), ("Ghi nhận niêm yết", None)])
    values = _values(form)
    place_key = f"{values.get('kind', '')}-{values.get('unit_id', '')}"
    try:
        _only(values, LEDGER_FIELDS)
        errors: list[tuple[str, str]] = []
        posted_on = removed_on = None
        try:
            posted_on = date_value(values.get("posted_on"), "posted_on")
            if posted_on is None:
                errors.append(("posted_on", "Vui lòng nhập ngày thực hiện (dd/mm/yyyy)."))
        except ValidationError as exc:
            errors += exc.errors
        try:
            removed_on = date_value(values.get("removed_on"), "removed_on")
        except ValidationError as exc:
            errors += exc.errors
        unit_id = None
        try:
            unit_id = _opt_int(values, "unit_id", "Vui lòng chọn tổ dân phố.")
        except ValidationError as exc:
            errors += exc.errors
        if errors:
            raise ValidationError(errors)
        p = ck.record_posting(svc, notice_id, kind=values.get("kind", ""), unit_id=unit_id, posted_on=posted_on,
                              removed_on=removed_on, note=values.get("note", ""), actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/ledger.html",
                           _ledger_data(request, notice_id, values=values, place_key=place_key), exc.errors)
    where = PLACE_KINDS[p.kind] + (f" – {_unit_name(p.unit_id)}" if p.unit_id else "")
    return redirect(request, f"{BASE}/notices/{notice_id}/ledger",
                    f"Đã ghi nhận: {where}, ngày {p.posted_on:%d/%m/%Y}.", data={"posting": p})


def _unit_name(unit_id: int) -> str:
    from thanthien.core import people

    return people.get_unit(unit_id).name


def take_down(request, form):
    """Ghi nhận gỡ xuống một nơi niêm yết."""
    svc = _svc(request)
    values = _values(form)
    posting_id = _id(request)
    try:
        _only(values, ("removed_on", "note"))
        removed_on = date_value(values.get("removed_on"), "removed_on")
        if removed_on is None:
            raise ValidationError([("removed_on", "Vui lòng nhập ngày gỡ xuống (dd/mm/yyyy).")])
        p = ck.take_down(svc, posting_id, removed_on=removed_on, note=values.get("note", ""), actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/ledger.html",
                           _ledger_data(request, ck.posting(posting_id).notice_id, values=values,
                                        place_key=f"down-{posting_id}"), exc.errors)
    return redirect(request, f"{BASE}/notices/{p.notice_id}/ledger",
                    f"Đã ghi nhận gỡ xuống ngày {p.removed_on:%d/%m/%Y}.", data={"posting": p})


# ---------------------------------------------------------------------------
# propaganda and training
# ---------------------------------------------------------------------------

CONFERENCE_FIELDS = ("kind", "topic", "held_on", "place", "audience", "unit_id", "invited", "attended", "note")
MEDIA_FIELDS = ("kind", "title", "published_on", "channel", "topic", "url")


def _propaganda_data(request, **extra) -> dict[str, Any]:
    svc = _svc(request)
    q = request.query_params
    today = dt.date.today()
    raw = q.get("year", "")
    if raw and not (raw.isdigit() and 2000 <= int(raw) <= 2100):
        raise ValidationError([("year", "Năm không hợp lệ.")])
    year = int(raw) if raw else today.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        "year": year,
        "coverage": [ck.propaganda_coverage(svc, start, end, kind) for kind in CONFERENCE_KINDS],
        "conferences": [_conf(c) for c in ck.conferences(start, end)],
        "media": [_media(m) for m in ck.media_items(start, end)],
        "values": {}, "form": "", **extra,
    }


def _conf(c) -> dict[str, Any]:
    return {"id": c.id, "kind": c.kind, "kind_label": CONFERENCE_KINDS.get(c.kind, c.kind), "topic": c.topic,
            "held_on": c.held_on, "place": c.place, "audience": c.audience,
            "audience_label": AUDIENCES.get(c.audience, c.audience), "unit_id": c.unit_id,
            "unit_name": _unit_name(c.unit_id) if c.unit_id else "", "invited": c.invited, "attended": c.attended,
            "note": c.note}


def _media(m) -> dict[str, Any]:
    return {"id": m.id, "kind": m.kind, "kind_label": MEDIA_KINDS.get(m.kind, m.kind), "title": m.title,
            "published_on": m.published_on, "channel": m.channel, "channel_label": MEDIA_CHANNELS.get(m.channel, ""),
            "topic": m.topic, "topic_label": MEDIA_TOPICS.get(m.topic, ""), "url": m.url}


def _propaganda_context() -> dict[str, Any]:
    units = [("", "— Toàn phường —")] + [(g.id, g.name) for g in ck.residential_groups()]
    return {"conference_kinds": list(CONFERENCE_KINDS.items()), "audiences": list(AUDIENCES.items()), "units": units,
            "media_kinds": list(MEDIA_KINDS.items()), "media_channels": list(MEDIA_CHANNELS.items()),
            "media_topics": list(MEDIA_TOPICS.items())}


def propaganda(request, form):
    """Tuyên truyền, tập huấn: hội nghị theo tổ dân phố (độ phủ so với chỉ tiêu), tin bài, phát thanh."""
    return respond(request, "congkhai/staff/propaganda.html", _propaganda_data(request),
                   breadcrumbs=[("Tuyên truyền, tập huấn", None)], context=_propaganda_context())


def add_conference(request, form):
    """Ghi nhận hội nghị tuyên truyền, tập huấn đã tổ chức."""
    values = _values(form)
    try:
        _only(values, CONFERENCE_FIELDS)
        errors: list[tuple[str, str]] = []
        kwargs: dict[str, Any] = {}
        for field, parse in (("held_on", lambda v: date_value(v, "held_on")),
                             ("unit_id", lambda v: _opt_int(values, "unit_id", "Vui lòng chọn tổ dân phố.")),
                             ("invited", lambda v: _count(values, "invited")),
                             ("attended", lambda v: _count(values, "attended"))):
            try:
                kwargs[field] = parse(values.get(field))
            except ValidationError as exc:
                errors += exc.errors
        if "held_on" in kwargs and kwargs["held_on"] is None:
            errors.append(("held_on", "Vui lòng nhập ngày tổ chức (dd/mm/yyyy)."))
        if errors:
            raise ValidationError(errors)
        c = ck.record_conference(_svc(request), kind=values.get("kind", ""), topic=values.get("topic", ""),
                                 place=values.get("place", ""), audience=values.get("audience", ""),
                                 note=values.get("note", ""), actor=_actor(request), **kwargs)
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/propaganda.html",
                           {**_propaganda_data(request, values=values, form="conference"), **_propaganda_context()},
                           exc.errors)
    return redirect(request, f"{BASE}/tuyen-truyen?year={c.held_on.year}",
                    f"Đã ghi nhận hội nghị ngày {c.held_on:%d/%m/%Y}.", data={"conference_id": c.id})


def add_media(request, form):
    """Ghi nhận tin, bài, phóng sự, chương trình phát thanh."""
    values = _values(form)
    try:
        _only(values, MEDIA_FIELDS)
        published_on = date_value(values.get("published_on"), "published_on")
        if published_on is None:
            raise ValidationError([("published_on", "Vui lòng nhập ngày đăng, phát (dd/mm/yyyy).")])
        m = ck.record_media(_svc(request), kind=values.get("kind", ""), title=values.get("title", ""),
                            published_on=published_on, channel=values.get("channel", ""),
                            topic=values.get("topic", ""), url=values.get("url", ""), actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/propaganda.html",
                           {**_propaganda_data(request, values=values, form="media"), **_propaganda_context()},
                           exc.errors)
    return redirect(request, f"{BASE}/tuyen-truyen?year={m.published_on.year}",
                    f"Đã ghi nhận tin bài “{m.title}”.", data={"media_id": m.id})


# ---------------------------------------------------------------------------
# information requests
# ---------------------------------------------------------------------------

REQUEST_FIELDS = ("channel", "complex", "requester_name", "requester_id_no", "requester_address",
                  "requester_contact", "organisation", "info_requested", "purpose", "delivery_form")


def requests_register(request, form):
    """Sổ theo dõi cung cấp thông tin theo yêu cầu (thông tin người yêu cầu được che)."""
    svc = _svc(request)
    raw = request.query_params.get("year", "")
    if raw and not (raw.isdigit() and 2000 <= int(raw) <= 2100):
        raise ValidationError([("year", "Năm không hợp lệ.")])
    year = int(raw) if raw else dt.date.today().year
    show = request.query_params.get("hien") == "1"
    if show and not svc.access.can(_actor(request), ck.P_REQUESTS_PERSONAL):
        raise PermissionDenied("Bạn không có quyền xem thông tin cá nhân của người yêu cầu.")
    rows = ck.request_register(svc, year, actor=_actor(request) if show else None)
    return respond(request, "congkhai/staff/requests.html", {"year": year, "rows": rows, "personal_shown": show},
                   breadcrumbs=[("Yêu cầu cung cấp thông tin", None)])


def _request_form_data(values: dict[str, str]) -> dict[str, Any]:
    return {"channels": list(REQUEST_CHANNELS.items()), "delivery_forms": list(DELIVERY_FORMS.items()),
            "values": values}


def new_request(request, form):
    """Tiếp nhận yêu cầu cung cấp thông tin: trực tiếp, qua mạng, qua bưu chính/fax."""
    crumbs = [("Yêu cầu cung cấp thông tin", f"{BASE}/yeu-cau"), ("Tiếp nhận yêu cầu", None)]
    if form is None:
        return respond(request, "congkhai/staff/request_form.html", _request_form_data({}), breadcrumbs=crumbs)
    values = _values(form)
    try:
        _only(values, REQUEST_FIELDS)
        case = ck.open_request(_svc(request), channel=values.get("channel", ""), complex=_checked(values, "complex"),
                               requester_name=values.get("requester_name", ""),
                               requester_id_no=values.get("requester_id_no", ""),
                               requester_address=values.get("requester_address", ""),
                               requester_contact=values.get("requester_contact", ""),
                               organisation=values.get("organisation", ""),
                               info_requested=values.get("info_requested", ""), purpose=values.get("purpose", ""),
                               delivery_form=values.get("delivery_form", ""), actor=_actor(request))
    except ValidationError as exc:
        return form_errors(request, "congkhai/staff/request_form.html", _request_form_data(values), exc.errors)
    return redirect(request, f"{BASE}/yeu-cau/{case.id}",
                    f"Đã vào sổ yêu cầu {case.number}; hạn giải quyết {case.due_date:%d/%m/%Y}.",
                    data={"case_id": case.id, "number": case.number, "due_date": case.due_date})


def _request_page(request, values: dict[str, str] | None = None, action: str = ""):
    svc = _svc(request)
    view = ck.request_view(svc, _id(request), actor=_actor(request), personal=request.query_params.get("hien") == "1")
    return view, {"info_request": view, "values": values or {}, "action": action}, {
        "breadcrumbs": [("Yêu cầu cung cấp thông tin", f"{BASE}/yeu-cau"), (view["number"], None)],
        "context": {"grounds": [("", "— Chọn căn cứ từ chối (Điều 28) —"), *REFUSAL_GROUNDS.items()],
                    "forms": list(REQUEST_FORMS.items())}}


def request_detail(request, form):
    """Một yêu cầu cung cấp thông tin: thời hạn theo quy định, các bước, thao tác, biểu mẫu."""
    _, data, extra = _request_page(request)
    data["may_unmask"] = _svc(request).access.can(_actor(request), ck.P_REQUESTS_PERSONAL)
    return respond(request, "congkhai/staff/request.html", data, **extra)


ACTION_FIELDS = {"notify": ("note",), "provide": ("note",), "extend": ("note",),
                 "refuse": ("ground", "reason", "previous_cases")}


def request_action(request, form):
    """Thao tác trên yêu cầu: thông báo thời hạn, gia hạn, cung cấp, từ chối (có căn cứ)."""
    svc = _svc(request)
    case_id = _id(request)
    values = _values(form)
    action = values.pop("action", "")
    try:
        if action not in ACTION_FIELDS:
            raise ValidationError([("action", "Thao tác không hợp lệ.")])
        _only(values, ACTION_FIELDS[action])
        actor = _actor(request)
        if action == "notify":
            case = ck.notify_timeline(svc, case_id, note=values.get("note", ""), actor=actor)
            message = "Đã ghi nhận thông báo thời hạn giải quyết cho người yêu cầu."
        elif action == "provide":
            case = ck.provide_information(svc, case_id, note=values.get("note", ""), actor=actor)
            message = "Đã ghi nhận cung cấp thông tin."
        elif action == "extend":
            case = ck.extend_request(svc, case_id, reason=values.get("note", ""), actor=actor)
            message = f"Đã gia hạn đến ngày {case.due_date:%d/%m/%Y}; gửi Thông báo gia hạn (Mẫu 04) cho người yêu cầu."
        else:
            previous = [p for p in values.get("previous_cases", "").replace(",", "\n").splitlines() if p.strip()]
            case = ck.refuse_request(svc, case_id, ground=values.get("ground", ""), reason=values.get("reason", ""),
                                     previous_cases=tuple(previous), actor=actor)
            message = "Đã từ chối yêu cầu; gửi Thông báo từ chối (Mẫu 05) cho người yêu cầu."
    except ValidationError as exc:
        _, data, extra = _request_page(request, values, action)
        data["may_unmask"] = svc.access.can(_actor(request), ck.P_REQUESTS_PERSONAL)
        return form_errors(request, "congkhai/staff/request.html", {**data, **extra["context"]}, exc.errors)
    return redirect(request, f"{BASE}/yeu-cau/{case_id}", message, data={"state": case.state})


def request_form(request, form):
    """Biểu mẫu in (Mẫu 01a – 06, Nghị định 13/2018/NĐ-CP) điền sẵn từ yêu cầu."""
    key = request.path_params["form"]
    if key not in REQUEST_FORMS:
        raise NotFound("Không có biểu mẫu này.")
    svc = _svc(request)
    ck.request_view(svc, _id(request), actor=_actor(request))  # permission and existence
    return HTMLResponse(exports.request_form_html(svc, _id(request), key))


def routes(settings=None) -> list:
    max_bytes = policy.ward_options(settings)["max_attachment_bytes"] if settings is not None else 10 * 1024 * 1024
    return [
        *page("/staff/notices", notices, permission=ck.P_LEDGER_GROUP),
        *page("/staff/notices/new", new_notice, permission=ck.P_NOTICES, methods=("GET", "POST")),
        *page("/staff/notices/{id:int}", notice, permission=ck.P_LEDGER_GROUP),
        *page("/staff/notices/{id:int}/edit", edit_notice, permission=ck.P_NOTICES, methods=("GET", "POST")),
        *page("/staff/notices/{id:int}/publish", publish, permission=ck.P_NOTICES, methods=("POST",)),
        *page("/staff/notices/{id:int}/withdraw", withdraw, permission=ck.P_NOTICES, methods=("POST",)),
        *page("/staff/notices/{id:int}/revise", revise, permission=ck.P_NOTICES, methods=("GET", "POST")),
        *page("/staff/notices/{id:int}/attachments", upload, permission=ck.P_NOTICES, methods=("POST",),
              max_body=2 * max_bytes + 64 * 1024),
        *page("/staff/notices/{id:int}/loa", loudspeaker_script, permission=ck.P_LEDGER_GROUP),
        *page("/staff/notices/{id:int}/mang-xa-hoi", social_text, permission=ck.P_LEDGER_GROUP),
        *page("/staff/notices/{id:int}/poster", poster, permission=ck.P_LEDGER_GROUP, json_twin=False),
        *page("/staff/notices/{id:int}/ledger", ledger, permission=ck.P_LEDGER_GROUP, methods=("GET", "POST")),
        *page("/staff/postings/{id:int}/take-down", take_down, permission=ck.P_LEDGER_GROUP, methods=("POST",)),
        *page("/staff/attachments/{id:int}/remove", remove_attachment, permission=ck.P_NOTICES, methods=("POST",)),
        *page("/staff/attachments/{id:int}/{filename}", attachment, permission=ck.P_LEDGER_GROUP, json_twin=False),
        *page("/staff/tuyen-truyen", propaganda, permission=ck.P_PROPAGANDA),
        *page("/staff/tuyen-truyen/hoi-nghi", add_conference, permission=ck.P_PROPAGANDA, methods=("POST",)),
        *page("/staff/tuyen-truyen/tin-bai", add_media, permission=ck.P_PROPAGANDA, methods=("POST",)),
        *page("/staff/yeu-cau", requests_register, permission=ck.P_REQUESTS),
        *page("/staff/yeu-cau/new", new_request, permission=ck.P_REQUESTS, methods=("GET", "POST")),
        *page("/staff/yeu-cau/{id:int}", request_detail, permission=ck.P_REQUESTS),
        *page("/staff/yeu-cau/{id:int}/xu-ly", request_action, permission=ck.P_REQUESTS, methods=("POST",)),
        *page("/staff/yeu-cau/{id:int}/mau/{form}", request_form, permission=ck.P_REQUESTS, json_twin=False),
    ]
