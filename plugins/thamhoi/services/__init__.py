"""Operations of the thamhoi module (thăm hỏi, chúc mừng, động viên — plan III.1.6).

The only code that writes ``thamhoi_*`` tables. A letter (thư) is drafted — by an event
(a birth, marriage or death registered at the one-stop centre, a TTHC result returned
late) or by staff (thank-you letters, apologies for the government's mistakes, the
Chủ tịch's holiday greetings) — then signed, which issues it through core's
:class:`~thanthien.core.documents.DocumentService` as a numbered *Thư công* in the
NĐ 30/2020 layout (R-VB-01, R-VB-11, R-VB-19, R-VB-24), then sent or handed over at a
ceremony or a visit. A holiday greeting is published as a core notice on the
loudspeaker, website and social-group channels: the only public output (R-DL-07).

One module per section:

=================  ==========================================================
``common``         settings, the letters' unit (their scope), row → type
``templates``      the wording: ``letter_for_event``, rendering, broadcast texts
``drafting``       drafts by events and by staff, editing a draft
``signing``        signing (a numbered document), sending, publishing, cancelling
``queries``        reading letters (scoped to the actor's units), their kept counts
``greetings``      holiday greetings dated from the working calendar
``activities``     ceremonies, visits, the yearly meeting with respected people
=================  ==========================================================

Every operation takes core's bundle first (``core``) and the ``actor``; it checks the
permission over the letter's unit with ``core.access.require`` (fail closed).
"""
from .activities import activities, cancel_activity, get_activity, plan_activity, record_activity, view_activity
from .common import ceremony_place, config, letter_scope, office_unit_id
from .drafting import (
    draft,
    draft_mistake_apology,
    draft_thank_you,
    edit_draft,
    life_letter,
    on_case_closed,
    on_life_event,
)
from .greetings import draft_greeting, find_occasion, greeting_for, occasions, plan_greetings
from .queries import count_mismatches, counts, get_letter, letters, view_letter
from .signing import cancel, mark_sent, publish_greeting, sign, signer_for
from .templates import broadcast_texts, render_body, template_for

__all__ = [
    "activities", "broadcast_texts", "cancel", "cancel_activity", "ceremony_place", "config", "count_mismatches",
    "counts", "draft", "draft_greeting", "draft_mistake_apology", "draft_thank_you", "edit_draft", "find_occasion",
    "get_activity", "get_letter", "greeting_for", "letter_scope", "letters", "life_letter", "mark_sent", "occasions",
    "office_unit_id", "on_case_closed", "on_life_event", "plan_activity", "plan_greetings", "publish_greeting",
    "record_activity", "render_body", "sign", "signer_for", "template_for", "view_activity", "view_letter",
]
