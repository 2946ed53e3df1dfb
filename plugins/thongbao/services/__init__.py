"""Operations of the thongbao module: messages and templates (:mod:`.messages`), consent and
subscriptions (:mod:`.consent`), the events of other modules (:mod:`.events`), the staff
pages' queries (:mod:`.outboxes`)."""
from .consent import consents, has_consent, set_consent, subscribe, subscribers
from .events import digest, on_case, on_case_overdue, on_notice_published
from .messages import (
    TEMPLATES,
    category_of,
    channels,
    fit,
    for_people,
    in_quiet_hours,
    on_message_requested,
    queue,
    render,
    safely,
    sensitive_findings,
)

__all__ = [
    "TEMPLATES", "category_of", "channels", "consents", "digest", "fit", "for_people", "has_consent", "in_quiet_hours",
    "on_case", "on_case_overdue", "on_message_requested", "on_notice_published", "queue", "render", "safely",
    "sensitive_findings", "set_consent", "subscribe", "subscribers",
]
