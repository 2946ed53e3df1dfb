"""Satisfaction: the per-dossier rating (R-MC-19) with the receipt's secret, and SIPAS
surveys on the five factors (R-MC-20) and the five-point scale (R-MC-21)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from thanthien.core import audit
from thanthien.core.errors import NotFound, ValidationError
from thanthien.core.models import CaseRow, PersonRow
from thanthien.core.storage.db import now, write_transaction
from thanthien.core.text import format_date
from thanthien.core.types import SYSTEM_ACTOR, Actor

from ..casetypes import FEEDBACK
from ..models import RatingRow, SurveyResponseRow, SurveyRow
from ..types import (P_REPORT, RATING_LEVELS, SIPAS_FACTORS, SIPAS_SATISFIED_FROM, SIPAS_SCALE,
                     UNHAPPY_LEVELS)
from .public import dossier_for_action
from .rollups import bump
from .scope import centre_scope

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def rate(core: CoreServices, code: str, *, secret: str, level: str, comment: str = "", channel: str = "web",
         at: dt.datetime | None = None) -> dict[str, Any]:
    """A resident rates a returned dossier once (R-MC-19), with the secret printed on its
    receipt (the code alone is guessable). An unhappy rating opens a feedback case for the
    head of the handling unit."""
    row = dossier_for_action(code, secret)
    case = CaseRow.get_by_id(row.case_id)
    errors = []
    if case.state != "returned":
        errors.append(("ma", "Chỉ đánh giá được hồ sơ đã trả kết quả."))
    if level not in RATING_LEVELS:
        errors.append(("level", "Vui lòng chọn một mức: " + ", ".join(RATING_LEVELS.values()) + "."))
    if channel not in ("web", "kiosk"):
        errors.append(("channel", "Kênh đánh giá không hợp lệ."))
    comment = (comment or "").strip()[:2000]
    if errors:
        raise ValidationError(errors)
    if RatingRow.select().where(RatingRow.dossier == row.id).exists():
        raise ValidationError([("ma", f"Hồ sơ {row.code} đã được đánh giá. Xin cảm ơn ông/bà.")])
    when = at or now()
    officer = row.handler_id or row.received_by_id
    with write_transaction():
        feedback = None
        if level in UNHAPPY_LEVELS:
            feedback = core.cases.open(
                FEEDBACK.key, f"Người dân không hài lòng với kết quả giải quyết hồ sơ {row.code}",
                received_at=when, unit_id=case.unit_id,
                data={"dossier_code": row.code, "procedure_code": row.procedure_code, "comment": comment},
            )
        RatingRow.create(dossier=row.id, level=level, comment=comment, channel=channel, rated_at=when,
                         procedure_code=row.procedure_code, officer=officer,
                         feedback_case=feedback.id if feedback else None)
        bump(when, row.procedure_code, f"rating_{level}")
        audit.record("motcua.rating", "motcua_dossier", row.code, after={"level": level, "channel": channel})
    return {"level": level, "label": RATING_LEVELS[level], "feedback_case": feedback.number if feedback else None}


def create_survey(core: CoreServices, *, title: str, start: dt.date | None, end: dt.date | None,
                  actor: Actor) -> int:
    """Open a SIPAS survey over a period (the centre's staff and leaders)."""
    core.access.require(actor, P_REPORT, centre_scope(core),
                        message="Bạn không có quyền mở đợt khảo sát sự hài lòng.")
    errors = []
    if not (title or "").strip():
        errors.append(("title", "Vui lòng nhập tên đợt khảo sát."))
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        errors.append(("end", "Thời gian khảo sát không hợp lệ (ngày kết thúc phải sau ngày bắt đầu)."))
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = SurveyRow.create(title=title.strip(), start=start, end=end)
        audit.record("motcua.survey.create", "motcua_survey", row.id, actor=actor,
                     after={"title": row.title, "start": start, "end": end})
    return row.id


def answer_survey(core: CoreServices, survey_id: int, *, scores: dict[str, int], answered_on: dt.date,
                  procedure_code: str = "", officer_id: int | None = None, comment: str = "") -> int:
    """One SIPAS answer: each of the five factors (R-MC-20) on the 5-point scale (R-MC-21)."""
    survey = SurveyRow.get_or_none(SurveyRow.id == survey_id)
    if survey is None:
        raise NotFound("Không tìm thấy đợt khảo sát.")
    errors = []
    if not survey.start <= answered_on <= survey.end:
        errors.append(("answered_on", f"Đợt khảo sát diễn ra từ {format_date(survey.start)} đến "
                       f"{format_date(survey.end)}."))
    clean = {}
    for key, label in SIPAS_FACTORS.items():
        try:
            value = int((scores or {}).get(key))
        except (TypeError, ValueError):
            value = 0
        if value not in SIPAS_SCALE:
            errors.append((f"scores.{key}", f"Yếu tố '{label}': chọn mức từ 1 đến {max(SIPAS_SCALE)}."))
        clean[key] = value
    extra = set(scores or {}) - set(SIPAS_FACTORS)
    errors += [(f"scores.{k}", "Yếu tố không có trong bộ câu hỏi SIPAS.") for k in sorted(extra)]
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = SurveyResponseRow.create(survey=survey_id, answered_on=answered_on, procedure_code=procedure_code,
                                       officer=officer_id, scores=clean, comment=(comment or "").strip())
        audit.record("motcua.survey.answer", "motcua_survey", survey_id, after={"response": row.id})
    return row.id


def survey_results(core: CoreServices, survey_id: int, by: str = "procedure", *,
                   actor: Actor | None = SYSTEM_ACTOR) -> list[dict[str, Any]]:
    """Share satisfied (score ≥ "Hài lòng", R-MC-21) per factor, grouped by procedure,
    officer or month."""
    core.access.require(actor, P_REPORT, centre_scope(core))
    if by not in ("procedure", "officer", "month"):
        raise ValidationError([("by", "Chỉ tổng hợp theo thủ tục, công chức hoặc tháng.")])
    groups: dict[str, dict[str, list[int]]] = {}
    names = {}
    for r in SurveyResponseRow.select().where(SurveyResponseRow.survey == survey_id):
        if by == "procedure":
            key = r.procedure_code or "(không rõ)"
        elif by == "officer":
            key = str(r.officer_id or "")
            if r.officer_id and key not in names:
                names[key] = PersonRow.get_by_id(r.officer_id).full_name
        else:
            key = r.answered_on.strftime("%m/%Y")
        g = groups.setdefault(key, {f: [0, 0] for f in SIPAS_FACTORS})
        for f, v in r.scores.items():
            g[f][1] += 1
            g[f][0] += 1 if v >= SIPAS_SATISFIED_FROM else 0
    out = []
    for key, g in sorted(groups.items()):
        total_sat = sum(v[0] for v in g.values())
        total = sum(v[1] for v in g.values())
        out.append({"group": names.get(key, key) or "(không rõ)", "responses": max(v[1] for v in g.values()),
                    "factors": {f: round(100 * v[0] / v[1], 1) if v[1] else None for f, v in g.items()},
                    "index": round(100 * total_sat / total, 1) if total else None})
    return out
