"""The wording of a letter: ``letter_for_event`` chooses the template (a ward's plugin
may choose per event; core's default takes the highest-priority template registered for
the letter's key), rendered autoescaped; broadcast texts of a greeting."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thanthien.core.errors import ThanthienError, ValidationError
from thanthien.core.richtext import html_to_text
from thanthien.core.types import LetterTemplate

from ..types import EVENTS, LETTER_KINDS, Letter
from .common import ward_lower

if TYPE_CHECKING:
    from thanthien.core.services import CoreServices


def template_for(core: CoreServices, event: str, context: dict[str, Any]) -> LetterTemplate:
    """The template of the letter ``event`` drafts (recorded with the draft, so a draft
    keeps its wording)."""
    if event not in EVENTS:
        raise ValidationError([("event", f"Sự kiện không hợp lệ: “{event}”.")])
    chosen = core.pm.hook.letter_for_event(event=event, context={**context, "letter_key": EVENTS[event]}, core=core)
    if chosen is None:
        raise ThanthienError(f"Chưa có mẫu thư cho “{LETTER_KINDS[EVENTS[event]]}”.")
    return chosen


def render_body(core: CoreServices, letter: Letter) -> str:
    """The letter's wording as HTML (autoescaped template), as it will be printed."""
    template = core.documents.env.get_template(letter.template_path)
    return template.render({**letter.context, "addressee": letter.addressee, "subject": letter.subject}).strip()


def broadcast_texts(core: CoreServices, letter: Letter) -> dict[str, str]:
    """Plain text of a greeting for the loudspeaker script and for the residents' social groups."""
    body = html_to_text(render_body(core, letter))
    chair = letter.signer_name or "Chủ tịch UBND"
    ward = ward_lower(core)
    loudspeaker = (f"Kính thưa toàn thể Nhân dân {ward}!\n"
                   f"Sau đây, Đài truyền thanh {ward} xin trân trọng gửi tới quý vị và các bạn "
                   f"{letter.subject[:1].lower() + letter.subject[1:]} của Chủ tịch Ủy ban nhân dân {ward}.\n"
                   f"{body}\n{chair}")
    social = f"{letter.subject.upper()}\n\n{body}\n\n— {chair}, Chủ tịch UBND {ward}"
    return {"loudspeaker": loudspeaker, "social_group": social}
