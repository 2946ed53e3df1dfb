"""Disclosure rules per category (quy định công khai theo từng nội dung), as data.

Nothing here is a literal legal number: each value is the rule parameter in force on
the triggering date (DOMAIN.md §0, table 3.1.1):

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
from typing import Any, Iterable

from .types import DisclosureRule

CUSTOM_KEYS = ("office_and_groups", "permanent", "broadcast", "group_heads")
OTHER_CATEGORY = "khac"  # item 14: "other items required by law or by the democracy regulation"


def ward_options(settings) -> dict[str, Any]:
    """Facts about the ward's means (not legal numbers): ``[plugin.congkhai]``."""
    cfg = settings.for_plugin("congkhai")
    return {
        "website": bool(cfg.get("website", True)),  # R-CK-04 "where the commune has a portal"
        # the portal shows the JSON feed by itself, so publishing is posting on the website
        "website_feed": bool(cfg.get("website_feed", True)),
        "loudspeaker": bool(cfg.get("loudspeaker", True)),  # R-CK-09 "where a system exists"
        "social_groups": bool(cfg.get("social_groups", True)),  # plan III.1.1, III.2.1
        "broadcast_times": tuple(cfg.get("broadcast_times", ("06:30", "17:30"))),
        "max_attachment_bytes": int(cfg.get("max_attachment_bytes", 10 * 1024 * 1024)),
        "propaganda_target_percent": float(cfg.get("propaganda_target_percent", 100)),  # plan III.2.1 KPI
        "expiring_within_days": int(cfg.get("expiring_within_days", 3)),
    }


def disclosure_rule(rules, settings, category, on: dt.date, custom: dict | None = None) -> DisclosureRule:
    """The rule for ``category`` (a core ``NoticeCategory``) in force on ``on``."""
    opts = ward_options(settings)
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
        website=opts["website"],
        office_and_groups=groups,
        min_posting_days=int(rules.value("R-CK-06.min_consecutive_days", on)) if groups else None,
        permanent=permanent,
        broadcast_days=(int(rules.value("R-CK-09.min_consecutive_days", on))
                        if broadcast and opts["loudspeaker"] else None),
        via_group_heads=heads,
        social_groups=opts["social_groups"] and (groups or heads),
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

