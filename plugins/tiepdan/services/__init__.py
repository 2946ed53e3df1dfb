"""Operations of the tiepdan module (tiếp công dân, giải quyết khiếu nại, tố cáo, phản ánh,
kiến nghị — plan III.1.3, III.1.7).

The only code that writes the ``tiepdan_*`` tables. Every operation takes core's bundle
first (``core``) and the acting :class:`~thanthien.core.types.Actor` (``actor=``); it checks
the permission over the resource's scope with ``core.access.require`` (fail closed: the
module's records belong to the reception unit, ``[plugin.tiepdan] reception_unit``; a
matter is also reached by its assigned handler). Every change happens in one write
transaction with its case events and audit entries, so a refused input stores nothing.

One module per section:

=================  ==============================================================
``common``         settings, the reception unit and scopes, input helpers, leaders
``schedule``       the reception schedule, its notice and iCalendar feed (R-TD-01 … R-TD-07)
``register``       the reception register, refusals, receipts, export (R-TD-08 … R-TD-14)
``identity``       who sees a matter's content, masked people, logged reveals (R-TC-09, R-TC-10, R-DL)
``documents``      the documents issued, and who reads them
``matters``        matters on the case engine: opening, clocks, steps, assignment, forwarding, reading
``complaints``     khiếu nại (R-KN)
``denunciations``  tố cáo (R-TC)
``petitions``      phản ánh, kiến nghị and status replies (R-PA, R-TD-13)
``intake``         the public feedback form, tracking look-up, "not resolved", throttling
``feedback``       a feedback's subject, group, place and photo; moderation; the public list
``dialogues``      dialogue conferences (R-DT-01)
``indicators``     figures over a period (chỉ tiêu)
=================  ==============================================================
"""
from .common import (
    CITIZEN,
    TooManyRequests,
    case_scope,
    config,
    reception_place,
    reception_unit_id,
    staff_choices,
)
from .complaints import (
    accept_complaint,
    decide_complaint,
    propose_acceptance,
    refuse_complaint,
    send_decision,
    withdraw_complaint,
)
from .denunciations import (
    accept_denunciation,
    conclude_denunciation,
    extend_denunciation,
    reject_denunciation,
    withdraw_denunciation,
)
from .dialogues import (
    add_question,
    dialogue_coverage,
    get_dialogue,
    invite_dialogue,
    plan_dialogue,
    publish_dialogue_answers,
    published_dialogues,
    record_dialogue,
)
from .documents import case_documents
from .feedback import (
    PUBLICATIONS,
    FeedbackExtra,
    PhotoUpload,
    feedback_info,
    moderate,
    photo_file,
    public_feedback,
    residential_groups,
    subject_of,
    suggested_public_text,
)
from .identity import can_see_content, can_view, masked_visitors, parties, party_errors, reveal_identity
from .indicators import figures
from .intake import case_for_code, record_feedback, report_not_resolved, submit_feedback, throttle, track
from .matters import (
    assign,
    available_actions,
    clocks,
    filing_deadline,
    forward_matter,
    get_matter,
    list_matters,
    open_matter,
    reply_case_of,
    step,
    tracking_code,
)
from .petitions import answer_petition, file_petition, send_status_reply, take_petition
from .register import (
    export_register,
    get_visit,
    issue_receipt,
    record_visit,
    refuse_visit,
    register,
    representative_errors,
)
from .schedule import (
    chairman_coverage,
    create_session,
    get_session,
    latest_publication_date,
    mark_session_held,
    notice_title,
    publish_session,
    reschedule_session,
    schedule_ics,
    sessions,
)

__all__ = [
    "CITIZEN", "PUBLICATIONS", "FeedbackExtra", "PhotoUpload", "TooManyRequests", "accept_complaint",
    "accept_denunciation", "add_question", "answer_petition", "assign", "available_actions", "can_see_content",
    "can_view", "case_documents", "case_for_code", "case_scope", "chairman_coverage", "clocks", "conclude_denunciation",
    "config", "create_session", "decide_complaint", "dialogue_coverage", "export_register", "extend_denunciation",
    "feedback_info", "figures", "file_petition", "filing_deadline", "forward_matter", "get_dialogue", "get_matter",
    "get_session", "get_visit", "invite_dialogue", "issue_receipt", "latest_publication_date", "list_matters",
    "mark_session_held", "masked_visitors", "moderate", "notice_title", "open_matter", "parties", "party_errors",
    "photo_file", "plan_dialogue", "public_feedback", "publish_dialogue_answers", "publish_session",
    "published_dialogues", "reception_place", "reception_unit_id", "record_dialogue", "record_feedback", "record_visit",
    "refuse_complaint", "refuse_visit", "register", "reject_denunciation", "reply_case_of", "report_not_resolved",
    "representative_errors", "reschedule_session", "residential_groups", "reveal_identity", "schedule_ics",
    "send_decision", "send_status_reply", "sessions", "staff_choices", "step", "subject_of", "submit_feedback",
    "suggested_public_text", "take_petition", "throttle", "track", "tracking_code", "withdraw_complaint",
    "withdraw_denunciation",
    "propose_acceptance",
]
