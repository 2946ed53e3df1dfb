"""Disclosure rules per category (quy định công khai theo từng nội dung), as data.

Nothing here is a literal legal number: each value is the rule parameter in force on
the triggering date (docs/rules.md, table 3.1.1):

* R-CK-03 ``max_working_days`` — deadline to disclose after the decision;
* R-CK-04 — every item goes on the ward web portal (where the ward has one);
* R-CK-05 ``items`` — items posted at the office and at each residential group's house;
* R-CK-06 ``min_consecutive_days`` — how long those postings stay up;
* R-CK-07 ``items`` — items posted permanently at the office;
* R-CK-09 ``items``, ``min_consecutive_days`` — loudspeaker broadcast (where a system exists);
* R-CK-10 ``items`` — items sent to each residential-group head.

Item 14 (``khac``) and categories added by plugins follow "the requiring text": the
notice itself says which of these duties apply (``custom``).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable

from .types import DisclosureRule

if TYPE_CHECKING:
    from thanthien.core.types import NoticeCategory

    from .settings import CongkhaiSettings

CUSTOM_KEYS = ("office_and_groups", "permanent", "broadcast", "group_heads")
OTHER_CATEGORY = "khac"  # item 14: "other items required by law or by the democracy regulation"


def disclosure_rule(rules, config: CongkhaiSettings, category: NoticeCategory, on: dt.date,
                    custom: dict | None = None) -> DisclosureRule:
    """The rule for ``category`` in force on ``on``, for a ward with the means of ``config``
    (``[plugin.congkhai]``: portal, loudspeakers, social groups)."""
    item = category.item_no
    custom = custom or {}
    by_law = item is not None and category.key != OTHER_CATEGORY  # Art. 11 items 1–13
    if by_law:
        groups = item in rules.value("R-CK-05.items", on)
        permanent = item in rules.value("R-CK-07.items", on)
        broadcast = item in rules.value("R-CK-09.items", on)
        heads = item in rules.value("R-CK-10.items", on)
    else:  # item 14 / plugin categories: per the requiring text
        groups = bool(custom.get("office_and_groups"))
        permanent = bool(custom.get("permanent"))
        broadcast = bool(custom.get("broadcast"))
        heads = bool(custom.get("group_heads"))
    return DisclosureRule(
        category=category.key,
        item_no=item,
        deadline_working_days=int(rules.value("R-CK-03.max_working_days", on)),
        website=config.website,
        office_and_groups=groups,
        min_posting_days=int(rules.value("R-CK-06.min_consecutive_days", on)) if groups else None,
        permanent=permanent,
        broadcast_days=(int(rules.value("R-CK-09.min_consecutive_days", on))
                        if broadcast and config.loudspeaker else None),
        via_group_heads=heads,
        social_groups=config.social_groups and (groups or heads),
    )


def deadline(rules, calendar, trigger: dt.date) -> dt.date:
    """R-CK-03: the last day to disclose, counted in working days after ``trigger``."""
    n = int(rules.value("R-CK-03.max_working_days", trigger))
    return calendar.add_working_days(dt.datetime.combine(trigger, dt.time(0, 0)), n, None)


def required_places(rule: DisclosureRule, group_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Every (place, group) the notice must reach, with its duration and rule IDs."""
    out: list[dict[str, Any]] = []
    groups = list(group_ids)
    if rule.website:
        out.append({"kind": "website", "unit_id": None, "rule_ids": ["R-CK-04"]})
    if rule.permanent:
        out.append({"kind": "office", "unit_id": None, "permanent": True, "rule_ids": ["R-CK-07"]})
    elif rule.office_and_groups:
        out.append({"kind": "office", "unit_id": None, "min_days": rule.min_posting_days,
                    "rule_ids": ["R-CK-05", "R-CK-06"]})
    if rule.office_and_groups:
        for g in groups:
            out.append({"kind": "group_house", "unit_id": g, "min_days": rule.min_posting_days,
                        "permanent": False, "rule_ids": ["R-CK-05", "R-CK-06"]})
    if rule.broadcast_days:
        out.append({"kind": "loudspeaker", "unit_id": None, "broadcast_days": rule.broadcast_days,
                    "rule_ids": ["R-CK-09"]})
    if rule.via_group_heads:
        for g in groups:
            out.append({"kind": "group_head", "unit_id": g, "rule_ids": ["R-CK-10"]})
    if rule.social_groups:
        for g in groups:
            out.append({"kind": "social_group", "unit_id": g, "rule_ids": ["R-CK-02"]})
    return out


def longest_run(days: Iterable[dt.date]) -> tuple[int, dt.date | None]:
    """Longest run of consecutive dates, and the last date of the latest run (R-CK-09)."""
    ordered = sorted(set(days))
    best, run, last = 0, 0, None
    prev = None
    for d in ordered:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        best = max(best, run)
        prev = d
        last = d
    return best, last

