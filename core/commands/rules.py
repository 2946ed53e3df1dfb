"""``thanthien rules list | show | doc``: the legal-rule parameters from the command line.

``list`` prints ``ref<TAB>value<TAB>unit<TAB>tag<TAB>[Cần kiểm tra]`` per parameter in
force; ``show`` explains one rule and every version of its parameters; ``doc`` writes the
Markdown reference of the shipped rules (``docs/rules.md``, regenerated and compared by
the test suite: ``thanthien rules doc --output docs/rules.md``).
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli import CliCommand, CliContext, date_arg
from ..errors import RuleError, ThanthienError
from ..settings import RulesSettings, Settings

if TYPE_CHECKING:
    from ..rules import RuleBook, RuleInfo, RuleParam


def _configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="rules_command", metavar="LỆNH", parser_class=type(parser))
    p_list = sub.add_parser("list", help="liệt kê các tham số quy định đang có hiệu lực")
    p_list.add_argument("--area", metavar="LĨNH_VỰC", help="chỉ một lĩnh vực, ví dụ CK, KN, TTND")
    p_list.add_argument("--verify", action="store_true", help="chỉ các tham số cần kiểm tra")
    p_list.add_argument("--date", metavar="YYYY-MM-DD", help="ngày áp dụng (mặc định hôm nay)")
    p_show = sub.add_parser("show", help="xem một quy định và mọi phiên bản tham số của nó")
    p_show.add_argument("rule_id", metavar="MÃ", help="mã quy định, ví dụ R-KN-04")
    p_doc = sub.add_parser("doc", help="viết tài liệu Markdown của các quy định đi kèm (docs/rules.md)")
    p_doc.add_argument("--output", metavar="PATH", help="tệp ghi ra (mặc định: in ra màn hình)")


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..rules import SHIPPED, TO_VERIFY_LABEL, format_value, load_rulebook
    from ..text import format_date

    book = load_rulebook(ctx.settings, ctx.pm)
    command = getattr(args, "rules_command", None)
    if command == "list":
        on = date_arg(args.date)
        area = (args.area or "").strip().upper().removeprefix("R-")
        known = {r.area for r in book.rules()}
        if area and area not in known:
            raise ThanthienError(f"Không có lĩnh vực quy định '{args.area}'.")
        for p in book.in_force(on):
            if area and p.rule_id.split("-")[1] != area:
                continue
            if args.verify and not p.verify:
                continue
            mark = TO_VERIFY_LABEL if p.verify else ""
            ctx.print(f"{p.ref}\t{format_value(p.value)}\t{p.unit}\t{p.tag}\t{mark}")
        return 0
    if command == "show":
        rule_id = args.rule_id.strip().split(".")[0].upper()
        try:
            rule = book.rule(rule_id)
        except RuleError:
            raise ThanthienError(f"Không có quy định '{args.rule_id}'.") from None
        today = date.today()
        ctx.print(f"{rule.id}: {rule.statement}")
        ctx.print(f"Cụm từ khóa: {rule.key_phrase}")
        ctx.print(f"Nguồn: {rule.source}")
        ctx.print(f"Mức tin cậy: {rule.tag}" + (f" — {TO_VERIFY_LABEL}" if rule.verify else ""))
        ctx.print(f"Phân hệ: {rule.owner}")
        versions = book.params(rule.id)
        if not versions:
            ctx.print("Tham số: (không có)")
            return 0
        ctx.print("Tham số:")
        current = {id(p) for p in book.in_force(today) if p.rule_id == rule.id}
        for p in versions:
            flags = []
            if id(p) in current:
                flags.append("đang áp dụng")
            if p.verify:
                flags.append(TO_VERIFY_LABEL)
            if p.confirmed:
                when = f" ngày {format_date(p.confirmed_on)}" if p.confirmed_on else ""
                flags.append(f"đã xác nhận bởi {p.confirmed_by}{when} theo {p.confirmed_document}")
            origin = "" if p.origin == SHIPPED else f" [tệp: {p.origin}]"
            ctx.print(
                f"  {p.ref} = {format_value(p.value)} {p.unit}\t"
                f"hiệu lực {p.window}\t[{p.tag}] {p.legal_basis}{origin}" + (f"\t{'; '.join(flags)}" if flags else "")
            )
        return 0
    if command == "doc":
        text = rules_markdown(load_rulebook(_shipped_only(ctx.settings)))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            ctx.print(f"Đã ghi {args.output}")
        else:
            ctx.out.write(text)
        return 0
    raise ThanthienError(
        "Cần chỉ rõ lệnh: 'thanthien rules list', 'thanthien rules show MÃ' hoặc 'thanthien rules doc'."
    )


def cli_command() -> CliCommand:
    """``thanthien rules list [--area CK] [--verify] [--date D]``, ``rules show ID``, ``rules doc``."""
    return CliCommand(
        name="rules",
        help="các tham số quy định pháp luật (thời hạn, ngưỡng, cỡ chữ …)",
        configure=_configure,
        run=_run,
    )


# ---------------------------------------------------------------------------
# docs/rules.md
# ---------------------------------------------------------------------------

TAGS = {
    "T": "primary wording (official codification or the gazetted original)",
    "S": "secondary public source (news site, law portal excerpt, provincial portal)",
    "R": "practice or a superseded instrument, not confirmed against the current text",
    "U": "only an unofficial compilation with proven errors: a lead, not a source",
    "D": "a design rule derived from the cited texts, not itself a legal provision",
}
_TITLE = re.compile(r"^#\s*Legal rules R-([A-Z]+):\s*(.+?)\.?\s*$")


def _shipped_only(settings: Settings) -> Settings:
    """The shipped rules only: ``rules doc`` documents what thanthien ships, not a ward's file."""
    return settings.evolve(rules=RulesSettings()) if isinstance(settings, Settings) else Settings()


def area_titles() -> dict[str, str]:
    """``{"KN": "Complaints (Luật KN)", …}`` from the first line of each shipped file."""
    from ..rules import shipped_files

    titles: dict[str, str] = {}
    for path in shipped_files():
        first = path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
        m = _TITLE.match(first)
        if m:
            titles[m.group(1)] = m.group(2)
    return titles


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _window(p: RuleParam) -> str:
    start = "" if p.effective_from <= date(1900, 1, 1) else f"from {p.effective_from.isoformat()}"
    end = f"to {p.effective_to.isoformat()}" if p.effective_to else ""
    return " ".join(x for x in (start, end) if x) or "always"


def _rule_section(rule: RuleInfo, params: list[RuleParam]) -> list[str]:
    from ..rules import format_value

    lines = [
        f"### {rule.id}",
        "",
        rule.statement,
        "",
        f"* Vietnamese key phrase: *{rule.key_phrase}*",
        f"* Source: {rule.source}",
        f"* Confidence: [{rule.tag}]" + (" — to verify (*Cần kiểm tra*)" if rule.verify else ""),
        f"* Owner: `{rule.owner}`",
        "",
    ]
    if params:
        lines += [
            "| parameter | value | unit | valid | legal basis | tag | to verify |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for p in params:
            lines.append(
                f"| `{p.ref}` | {_cell(format_value(p.value))} | {p.unit} | {_window(p)} | "
                f"{_cell(p.legal_basis)} | {p.tag} | {'yes' if p.verify else 'no'} |"
            )
        lines.append("")
    return lines


def rules_markdown(book: RuleBook) -> str:
    """The reference of every rule and parameter version in ``book`` (deterministic)."""
    from ..rules import DATA_DIR

    titles = area_titles()
    rules = book.rules()
    by_area: dict[str, list[RuleInfo]] = {}
    for rule in rules:
        by_area.setdefault(rule.area, []).append(rule)
    out = [
        "# Legal rules",
        "",
        "<!-- Generated by `thanthien rules doc --output docs/rules.md` from core/data/rules/*.toml;",
        "     do not edit by hand (tests/core/test_rules.py compares this file with the data). -->",
        "",
        "Every deadline, threshold, count and size the law sets is a versioned parameter",
        '`<rule id>.<key>` read at run time (`core.rules.value("R-KN-04.days", on=date)`), never',
        "a literal in code. Code that enforces a rule names its ID in a comment (`# R-KN-04`)",
        'and a test pins each boundary with `@pytest.mark.rule("R-KN-04")`. The version',
        "applied is the one in force on the triggering date (dossier received, decision",
        "signed), not today's. A ward overrides or confirms a value in its own rules file",
        "(`[rules] file` in `thanthien.toml`); `thanthien rules show R-KN-04` prints the",
        "rule as the ward's installation sees it.",
        "",
        "Confidence tags of the legal basis:",
        "",
        *[f"* **[{tag}]** {text}." for tag, text in TAGS.items()],
        "",
        "A rule or parameter *to verify* (*Cần kiểm tra*) may have changed or is not",
        "confirmed: staff pages show the badge until an administrator confirms the value",
        "against the official text in the ward's rules file (`confirmed_by`,",
        "`confirmed_document`).",
        "",
        f"{len(rules)} rules, {len(book.params())} parameter versions.",
        "",
        "| area | title | rules |",
        "| --- | --- | --- |",
    ]
    for area, items in by_area.items():
        out.append(f"| [R-{area}](#r-{area.lower()}) | {_cell(titles.get(area, ''))} | {len(items)} |")
    out.append("")
    for area, items in by_area.items():
        out += [f"## R-{area}", ""]
        if titles.get(area):
            out += [titles[area] + ".", ""]
        for rule in items:
            out += _rule_section(rule, book.params(rule.id))
    out += ["## Reference tables", "", 'The tables the rule statements cite ("table 3.1.1").', ""]
    tables = DATA_DIR / "tables.md"
    if tables.exists():
        text = tables.read_text(encoding="utf-8")
        out += [re.sub(r"^<!--.*?-->\s*", "", text, flags=re.S).strip(), ""]
    out += _calendar_table()
    return "\n".join(out).rstrip() + "\n"


def _calendar_table() -> list[str]:
    """Table 3.13.1 from the shipped year tables (core/data/calendar), R-LV-14/15."""
    from ..calendar import shipped_tables

    lines = [
        "### Table 3.13.1 — civil-service calendar",
        "",
        "The official year tables shipped in `core/data/calendar/` (R-LV-14, R-LV-15); a ward adds",
        "or replaces a year with its own `<year>.toml` (`[calendar] dir`). `compensatory_off` is a",
        "weekday off that is not itself a holiday; `swapped_workday` a Saturday worked to pay for a",
        "swap. Ordinary Saturdays and Sundays are not listed.",
        "",
        "| date | kind | name | note |",
        "| --- | --- | --- | --- |",
    ]
    for _year, table in sorted(shipped_tables().items()):
        for day in table.days:
            lines.append(f"| {day.date.isoformat()} | {day.kind} | {_cell(day.name)} | {_cell(day.note)} |")
    lines.append("")
    return lines
