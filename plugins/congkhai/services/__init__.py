"""Operations of the disclosure module (công khai — plan III.1.1, III.2.1, III.3, IV.2).

The only code that writes ``congkhai_*`` tables. Notices are core's (draft → published
→ withdrawn), and this module adds where and how long each must go (R-CK-*), the
dissemination ledger, the compliance check and the quarterly register, the public
board, propaganda and training, and information requests (R-TT-*).

One module per section:

===============  ==============================================================
``common``       settings, who a resource belongs to (its scope), row → type
``notices``      drafts, publication (the places fixed), versions, withdrawal, event hooks
``attachments``  files of notices (a published notice gets a new version)
``ledger``       the dissemination ledger: posted, broadcast, delivered, taken down
``compliance``   the compliance check: gaps, pending places, expiring postings, coverage
``register``     the quarterly disclosure register (R-CK-08)
``desk``         the staff desk: the actor's notices, one notice with its places
``propaganda``   conferences, news items and broadcasts; the groups' coverage
``public``       the public board: published notices and files, nothing personal
``requests``     information requests: intake, steps, register, printable forms
===============  ==============================================================

Every operation takes core's bundle first (``core``) and the ``actor``; it checks the
permission over the resource's scope with ``core.access.require`` (fail closed), and
lists are narrowed to the actor's units with ``core.access.units_for``.
"""
from .attachments import add_attachment, attachment_file, remove_attachment
from .common import (
    attachments,
    config,
    get_notice,
    home_unit,
    notice_scope,
    postings,
    requirements,
    residential_groups,
    unit_names,
)
from .compliance import check, compliance, coverage
from .desk import ledger_notices, ledger_slice, notice_desk, place_states, staff_choices, staff_notice, staff_notices
from .ledger import may_record, posting, record_bulk, record_posting, take_down
from .notices import (
    AUTO_WEBSITE,
    build_requirements,
    create_notice,
    meta,
    on_notice_published,
    on_notice_withdrawn,
    publish_notice,
    revise_notice,
    rule_for,
    update_draft,
    versions,
    withdraw_notice,
)
from .propaganda import conferences, media_items, propaganda_coverage, record_conference, record_media
from .public import (
    attachments_of,
    board_page_version,
    board_version,
    last_modified,
    public_attachment,
    public_base,
    public_notices,
    public_text,
    public_texts,
    published_notice,
    redact_public,
    store_public_text,
)
from .register import disclosure_register, quarter_bounds
from .requests import (
    extend_request,
    masked,
    notify_timeline,
    open_request,
    printable_request,
    provide_information,
    refuse_request,
    request_detail,
    request_register,
    view_request,
)

__all__ = [
    "AUTO_WEBSITE",
    "add_attachment",
    "attachment_file",
    "attachments",
    "attachments_of",
    "board_page_version",
    "board_version",
    "build_requirements",
    "check",
    "compliance",
    "conferences",
    "config",
    "coverage",
    "create_notice",
    "disclosure_register",
    "extend_request",
    "get_notice",
    "home_unit",
    "last_modified",
    "ledger_notices",
    "ledger_slice",
    "masked",
    "may_record",
    "media_items",
    "meta",
    "notice_desk",
    "notice_scope",
    "notify_timeline",
    "on_notice_published",
    "on_notice_withdrawn",
    "open_request",
    "place_states",
    "posting",
    "postings",
    "printable_request",
    "propaganda_coverage",
    "provide_information",
    "public_attachment",
    "public_base",
    "public_notices",
    "public_text",
    "public_texts",
    "publish_notice",
    "published_notice",
    "quarter_bounds",
    "record_bulk",
    "record_conference",
    "record_media",
    "record_posting",
    "redact_public",
    "refuse_request",
    "remove_attachment",
    "request_detail",
    "request_register",
    "requirements",
    "residential_groups",
    "revise_notice",
    "rule_for",
    "staff_choices",
    "staff_notice",
    "staff_notices",
    "store_public_text",
    "take_down",
    "unit_names",
    "update_draft",
    "versions",
    "view_request",
    "withdraw_notice",
]
