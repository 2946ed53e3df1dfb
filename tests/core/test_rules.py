"""Legal rules as configuration (docs/rules.md): catalogue, parameters, versions, overrides, CLI,
and the reference document generated from them."""
from __future__ import annotations

import io
import re
import textwrap
from datetime import date
from fractions import Fraction
from pathlib import Path

import pluggy
import pytest

from thanthien.core import hookspecs
from thanthien.core.cli import CliContext, build_parser
from thanthien.core.commands.rules import cli_command
from thanthien.core.errors import RuleError, ThanthienError
from thanthien.core.rules import (
    TO_VERIFY_LABEL,
    UNITS,
    RuleBook,
    load_rulebook,
    shipped_files,
)
from thanthien.core.settings import RulesSettings, Settings

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"\bR-[A-Z]+-\d{2,}\b")
#: folders whose files may cite a rule ID
CITING_FOLDERS = ("core", "web", "plugins", "testing", "tests", "examples", "bench", "scripts", "docs")
CITING_SUFFIXES = {".py", ".html", ".toml", ".md", ".txt"}
#: IDs the tests use precisely because no such rule exists
NOT_RULES = {"R-XX-99", "R-XX-01", "R-ZZ-01", "R-XP-01", "R-KN-99"}
AREAS = {"ck", "bq", "yk", "td", "kn", "tc", "pa", "tt", "mc", "ttnd", "gs", "dt", "lv", "vb", "dl", "dv"}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook(Settings())


def ward_book(tmp_path: Path, text: str, name: str = "quy_dinh_phuong.toml") -> RuleBook:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = Settings(rules=RulesSettings(file=name), source=str(tmp_path / "thanthien.toml"))
    return load_rulebook(settings)


def run_cli(argv: list[str], settings: Settings | None = None) -> str:
    out = io.StringIO()
    ctx = CliContext(settings=settings or Settings(), pm=None, out=out)
    args = build_parser([cli_command()]).parse_args(argv)
    status = args._command.run(args, ctx)
    assert not status
    return out.getvalue()


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------


def test_one_shipped_file_per_area():
    assert {p.stem for p in shipped_files()} == AREAS


def _citing_files():
    yield ROOT / "README.md"
    for folder in CITING_FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in CITING_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                yield path


def _declared_rule_ids() -> set[str]:
    """Rule IDs of every rule file in the repository: the shipped ones and those plugins
    or test fixtures declare (register_rule_files)."""
    import tomllib

    ids = set()
    for folder in ("core", "plugins", "tests", "examples"):
        for path in (ROOT / folder).rglob("*.toml"):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            ids |= {rec["id"] for rec in data.get("rule", []) if isinstance(rec, dict) and "id" in rec}
    return ids


def test_every_rule_id_cited_in_the_repository_exists(book):
    """Code, tests, templates and documents cite rules by ID (``# R-KN-04``,
    ``@pytest.mark.rule("R-KN-04")``): each cited ID is in the rules data."""
    known = {r.id for r in book.rules()} | _declared_rule_ids()
    cited: dict[str, set[str]] = {}
    for path in _citing_files():
        for rule_id in RULE_ID.findall(path.read_text(encoding="utf-8", errors="replace")):
            cited.setdefault(rule_id, set()).add(str(path.relative_to(ROOT)))
    assert len(cited) > 150
    unknown = {rule_id: sorted(files) for rule_id, files in cited.items() if rule_id not in known | NOT_RULES}
    assert unknown == {}


def test_docs_rules_md_is_generated_from_the_shipped_rules():
    """docs/rules.md is what ``thanthien rules doc`` writes today (regenerate it with
    ``thanthien rules doc --output docs/rules.md`` after changing core/data)."""
    from thanthien.core.commands.rules import rules_markdown

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(load_rulebook(Settings())), (
        "docs/rules.md is out of date: run 'thanthien rules doc --output docs/rules.md'")


def test_rules_doc_command_writes_the_file(tmp_path):
    target = tmp_path / "rules.md"
    out = run_cli(["rules", "doc", "--output", str(target)])
    assert str(target) in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Legal rules") and "### R-KN-04" in text and "`R-KN-04.days` | 30 | days" in text
    assert text == run_cli(["rules", "doc"])  # the same text on stdout


def test_catalogue_entries_are_complete(book):
    owners = {"congkhai", "bieuquyet", "tiepdan", "motcua", "thanhtra", "giamsat", "core"}
    for r in book.rules():
        assert r.statement and r.key_phrase and r.source, r.id
        assert r.owner in owners, r.id
    assert book.rule("R-DT-05").owner == "motcua"
    assert book.rule("R-DT-01").owner == "bieuquyet"
    assert book.rule("R-VB-10").owner == "core"
    assert book.rule("R-TTND-11").owner == "thanhtra"


def test_r_and_u_and_verify_marked_rules_are_to_verify(book):
    for r in book.rules():
        tags = set(r.tag.split("/"))
        marked = bool(re.search(r"\((?:[^()]*;\s*)?verify\b[^()]*\)", r.statement))
        assert r.verify == (bool(tags & {"R", "U"}) or marked), r.id
        if r.verify:
            for p in book.params(r.id):
                assert p.verify, p.ref
    # spot checks of the flag
    assert book.rule("R-KN-04").verify and book.rule("R-MC-12").verify
    assert book.rule("R-BQ-40").verify  # "(…; verify)"
    assert not book.rule("R-TC-03").verify  # "verify the denouncer" is not a mark
    assert not book.rule("R-VB-06").verify


def test_every_param_is_well_formed(book):
    for p in book.params():
        assert p.unit in UNITS, p.ref
        assert re.fullmatch(r"[a-z][a-z0-9_]*", p.key), p.ref
        assert p.legal_basis and p.tag
        assert p.origin == "shipped"
        # tags [R]/[U] on a version always mean "to verify"
        if set(p.tag.split("/")) & {"R", "U"}:
            assert p.verify, p.ref


# ---------------------------------------------------------------------------
# Parameter values against the legal reference (docs/rules.md)
# ---------------------------------------------------------------------------

SPOT = date(2026, 11, 1)


@pytest.mark.parametrize(
    "ref, value, unit",
    [
        ("R-CK-03.max_working_days", 5, "working_days"),
        ("R-CK-05.items", (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12), "list"),
        ("R-CK-06.min_consecutive_days", 30, "days"),
        ("R-CK-07.items", (4, 13), "list"),
        ("R-CK-09.items", (7, 8, 9, 10, 11, 12), "list"),
        ("R-CK-09.min_consecutive_days", 3, "days"),
        ("R-BQ-04.min_household_percent", 10, "percent"),
        ("R-BQ-05.consent_validity_months", 3, "months"),
        ("R-BQ-11.cluster_min_households", 200, "households"),
        ("R-BQ-12.min_days_before", 2, "days"),
        ("R-BQ-16.count_board_min", 3, "persons"),
        ("R-BQ-16.count_board_max", 5, "persons"),
        ("R-BQ-29.min_ratio", "2/3", "ratio"),
        ("R-BQ-26.more_than_percent", 50, "percent"),
        ("R-BQ-35.max_working_days", 5, "working_days"),
        ("R-YK-07.min_days", 20, "days"),
        ("R-TD-07.min_working_days_before", 5, "working_days"),
        ("R-TD-13.max_working_days", 10, "working_days"),
        ("R-TD-14.max_representatives", 5, "persons"),
        ("R-KN-01.days", 90, "days"),
        ("R-KN-04.days", 30, "days"),
        ("R-KN-04.days_complex", 45, "days"),
        ("R-KN-04.days_remote", 45, "days"),
        ("R-KN-04.days_remote_complex", 60, "days"),
        ("R-KN-04.unit", "days", "text"),
        ("R-KN-07.days_remote_complex", 70, "days"),
        ("R-TC-03.working_days", 7, "working_days"),
        ("R-TC-03.working_days_multi_site", 10, "working_days"),
        ("R-TC-07.days", 30, "days"),
        ("R-TC-07.extension_days", 30, "days"),
        ("R-TC-07.max_extensions", 2, "count"),
        ("R-TC-07.extensions_complex", 1, "count"),
        ("R-TC-07.max_total_days", 90, "days"),
        ("R-PA-06.max_working_days", 5, "working_days"),
        ("R-TT-09.complex_max_working_days", 15, "working_days"),
        ("R-TT-10.simple_max_working_days", 5, "working_days"),
        ("R-MC-12.cutoff", "15:00", "time"),
        ("R-MC-16.max_reappointments", 1, "count"),
        ("R-MC-21.target_2030_percent", 95, "percent"),
        ("R-TTND-02.min_members", 5, "persons"),
        ("R-TTND-05.by_election_min_remaining_months", 6, "months"),
        ("R-TTND-11.max_days", 15, "days"),
        ("R-GS-04.max_resident_members", 5, "persons"),
        ("R-GS-09.min_days_before", 45, "days"),
        ("R-DT-03.min_days_before", 5, "days"),
        ("R-LV-01.total_days", 11, "days"),
        ("R-LV-01.lunar_new_year_days", 5, "days"),
        ("R-LV-10.weekly_hours", 40, "hours"),
        ("R-VB-03.margin_left_min", 30, "mm"),
        ("R-VB-03.margin_right_max", 20, "mm"),
        ("R-VB-06.size_min", 12, "pt"),
        ("R-VB-07.size_max", 14, "pt"),
        ("R-VB-14.gap_after_number", 6, "pt"),
        ("R-VB-16.first_line_indent_alt", 12.7, "mm"),
        ("R-VB-20.list_size", 11, "pt"),
        ("R-VB-22.size", 10, "pt"),
        ("R-DV-03.commune_units", 3321, "count"),
        ("R-DV-09.tdp_min_households_plains", 400, "households"),
        ("R-DV-10.min_days_before", 20, "days"),
        ("R-DV-16.petition_min_percent", 50, "percent"),
        ("R-DV-18.max_days", 60, "days"),
    ],
)
def test_param_value_matches_domain(book, ref, value, unit):
    p = book.param(ref, SPOT)
    assert (p.value, p.unit) == (value, unit)


def test_fraction_is_exact(book):
    assert book.fraction("R-BQ-29.min_ratio", SPOT) == Fraction(2, 3)
    assert book.fraction("R-BQ-26.more_than_percent", SPOT) == Fraction(1, 2)
    # 20 of 30 households reach 2/3 exactly
    assert Fraction(20, 30) >= book.fraction("R-BQ-30.min_ratio", SPOT)


# ---------------------------------------------------------------------------
# Version in force on the triggering date
# ---------------------------------------------------------------------------


def test_r_dl_06_version_switches_on_2026_01_01(book):
    old = book.param("R-DL-06.reply_time", date(2025, 12, 31))
    new = book.param("R-DL-06.reply_time", date(2026, 1, 1))
    assert (old.value, old.unit, old.effective_to) == (72, "hours", date(2025, 12, 31))
    assert (new.value, new.unit, new.effective_from) == (2, "working_days", date(2026, 1, 1))
    assert len(book.params("R-DL-06")) == 2


def test_r_td_04_delegation_window_boundary(book):
    assert book.value("R-TD-04.delegation_allowed", date(2026, 6, 30)) is True
    assert book.value("R-TD-04.delegation_allowed", date(2026, 7, 1)) is False


def test_r_mc_04_form_count_boundary(book):
    assert book.value("R-MC-04.form_count", date(2025, 9, 14)) == 6
    assert book.value("R-MC-04.form_count", date(2025, 9, 15)) == 7


def test_not_yet_in_force_and_unknown_ref_raise_rule_error(book):
    assert book.value("R-TD-10.max_working_days", date(2026, 7, 1)) == 3
    with pytest.raises(RuleError, match="không có phiên bản nào có hiệu lực vào ngày 30/06/2026"):
        book.param("R-TD-10.max_working_days", date(2026, 6, 30))
    with pytest.raises(RuleError, match=r"Không có tham số quy định 'R-KN-04\.nope'"):
        book.param("R-KN-04.nope")
    with pytest.raises(RuleError):
        book.rule("R-XX-01")


def test_to_verify_lists_only_params_in_force_marked_verify(book):
    todo = book.to_verify()
    assert todo and all(p.verify and p.in_force(date.today()) for p in todo)
    refs = {p.ref for p in todo}
    assert "R-KN-04.days" in refs and "R-CK-03.max_working_days" in refs
    assert "R-VB-06.size_min" not in refs


# ---------------------------------------------------------------------------
# Ward overrides
# ---------------------------------------------------------------------------


def test_ward_new_version_applies_from_its_date(tmp_path):
    b = ward_book(tmp_path, """
        [[param]]
        rule_id = "R-CK-06"
        key = "min_consecutive_days"
        value = 45
        effective_from = 2027-01-01
        legal_basis = "Quy chế dân chủ phường (thử nghiệm)"
    """)
    assert b.value("R-CK-06.min_consecutive_days", date(2026, 12, 31)) == 30
    p = b.param("R-CK-06.min_consecutive_days", date(2027, 1, 1))
    assert p.value == 45 and p.unit == "days" and p.origin.endswith("quy_dinh_phuong.toml")
    assert p.verify  # R-CK-06 is "(verify)" and the ward did not confirm
    assert len(b.params("R-CK-06")) == 2


def test_ward_same_window_replaces_and_adds_params(tmp_path):
    b = ward_book(tmp_path, """
        [[param]]
        rule_id = "R-VB-16"
        key = "size_min"
        value = 14
        unit = "pt"
        effective_from = 2020-03-05

        [[param]]
        rule_id = "R-VB-16"
        key = "default_size"
        value = 14
        unit = "pt"
        effective_from = 2020-03-05
        legal_basis = "Quy định nội bộ của phường"
    """)
    assert b.value("R-VB-16.size_min", date(2024, 1, 1)) == 14
    assert b.value("R-VB-16.default_size", date(2024, 1, 1)) == 14
    assert b.param("R-VB-16.size_min").legal_basis == "NĐ 30 Phụ lục I"  # inherited


def test_confirmation_clears_the_to_verify_mark(tmp_path):
    before = load_rulebook(Settings())
    assert before.param("R-MC-12.cutoff").verify
    b = ward_book(tmp_path, """
        [[param]]
        rule_id = "R-MC-12"
        key = "cutoff"
        confirmed_by = "Nguyễn Văn An, Chánh Văn phòng"
        confirmed_document = "NĐ 118/2025/NĐ-CP Điều 19"
        confirmed_on = 2026-09-01
    """)
    p = b.param("R-MC-12.cutoff")
    assert p.value == "15:00" and not p.verify
    assert p.confirmed_by.startswith("Nguyễn Văn An") and p.confirmed_in.endswith("quy_dinh_phuong.toml")
    assert "R-MC-12.cutoff" not in {q.ref for q in b.to_verify()}
    assert len(b.to_verify()) == len(before.to_verify()) - 1
    settings = Settings(rules=RulesSettings(file="quy_dinh_phuong.toml"),
                        source=str(tmp_path / "thanthien.toml"))
    line = next(row for row in run_cli(["rules", "list", "--area", "MC"], settings).splitlines()
                if row.startswith("R-MC-12.cutoff"))
    assert line == "R-MC-12.cutoff\t15:00\ttime\tR/S\t"
    shown = run_cli(["rules", "show", "R-MC-12"], settings)
    assert "đã xác nhận bởi Nguyễn Văn An" in shown and "NĐ 118/2025/NĐ-CP Điều 19" in shown


def test_ward_value_with_confirmation_is_not_to_verify(tmp_path):
    b = ward_book(tmp_path, """
        [[param]]
        rule_id = "R-KN-04"
        key = "unit"
        value = "working_days"
        effective_from = 2026-07-01
        legal_basis = "Luật 136/2025/QH15"
        confirmed_by = "Trần Thị Bình"
        confirmed_document = "Văn bản hợp nhất Luật Khiếu nại 2026"
    """)
    assert b.value("R-KN-04.unit", date(2026, 6, 30)) == "days"
    p = b.param("R-KN-04.unit", date(2026, 7, 1))
    assert p.value == "working_days" and not p.verify


@pytest.mark.parametrize(
    "body, reason",
    [
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = "năm"\n'
         'effective_from = 2027-01-01\n', "giá trị phải là số"),
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 4\nunit = "weeks"\n'
         'effective_from = 2027-01-01\n', "đơn vị 'weeks' không được hỗ trợ"),
        ('[[param]]\nrule_id = "R-ZZ-01"\nkey = "x"\nvalue = 1\nunit = "days"\n'
         'effective_from = 2027-01-01\n', "không có quy định R-ZZ-01"),
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 4\n'
         'effective_from = 2027-01-01\nverify = false\n', "verify = false"),
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 4\n'
         'effective_from = 2027-01-01\n\n[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\n'
         'value = 3\neffective_from = 2027-06-01\n', "chồng lên"),
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 4\n'
         'effective_from = 2027-01-01\neffective_to = 2026-01-01\n', "'effective_to' trước"),
        ('[[param]]\nrule_id = "R-CK-03"\nkey = "max_working_days"\nvalue = 4\n'
         'effective_from = 2027-01-01\ncolour = "đỏ"\n', "trường không được hỗ trợ: colour"),
        ('[[param]]\nrule_id = "R-MC-12"\nkey = "cutoff"\nconfirmed_by = "A"\n',
         "cả 'confirmed_by' và 'confirmed_document'"),
        ('[[param]]\nrule_id = "R-MC-12"\nkey = "cutoff"\nvalue = "3 giờ chiều"\n'
         'effective_from = 2027-01-01\n', "HH:MM"),
        ('[[param]\nrule_id = "R-CK-03"\n', "sai cú pháp TOML"),
    ],
)
def test_bad_ward_file_names_file_record_and_reason(tmp_path, body, reason):
    path = tmp_path / "sai.toml"
    path.write_text(body, encoding="utf-8")
    settings = Settings(rules=RulesSettings(file=str(path)))
    with pytest.raises(RuleError) as exc:
        load_rulebook(settings)
    msg = exc.value.message
    assert str(path) in msg and reason in msg
    assert msg.startswith("Tệp quy định không hợp lệ")
    if "TOML" not in reason:
        assert "[[param]] #" in msg


def test_missing_ward_file_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="không tìm thấy tệp"):
        load_rulebook(Settings(rules=RulesSettings(file=str(tmp_path / "khong_co.toml"))))


def test_plugin_rule_files_load_between_shipped_and_ward(tmp_path):
    plugin_file = tmp_path / "plugin_rules.toml"
    plugin_file.write_text(textwrap.dedent("""
        [[rule]]
        id = "R-XP-01"
        statement = "Example plugin rule."
        key_phrase = "ví dụ"
        source = "Quy chế mẫu"
        tag = "D"
        verify = false
        owner = "example"

        [[param]]
        rule_id = "R-XP-01"
        key = "max_days"
        value = 7
        unit = "days"
        effective_from = 2020-01-01

        [[param]]
        rule_id = "R-CK-03"
        key = "max_working_days"
        value = 4
        effective_from = 2023-07-01
    """), encoding="utf-8")

    class Plugin:
        @hookspecs.hookimpl
        def register_rule_files(self, settings):
            return [str(plugin_file)]

    pm = pluggy.PluginManager("thanthien")
    pm.add_hookspecs(hookspecs)
    pm.register(Plugin(), name="example")
    b = load_rulebook(Settings(), pm)
    assert b.rule("R-XP-01").owner == "example"
    assert b.value("R-XP-01.max_days", SPOT) == 7
    assert b.value("R-CK-03.max_working_days", SPOT) == 4
    with pytest.raises(RuleError):  # neither source is in force before Luật DCCS
        b.param("R-CK-03.max_working_days", date(2023, 6, 30))
    assert load_rulebook(Settings(), None).value("R-CK-03.max_working_days", SPOT) == 5


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def test_cli_list_prints_one_tab_separated_line_per_param_in_force(book):
    out = run_cli(["rules", "list"])
    lines = out.splitlines()
    assert len(lines) == len(book.in_force())
    for line in lines:
        _ref, _value, unit, _tag, mark = line.split("\t")
        assert mark in ("", TO_VERIFY_LABEL)
        assert unit in UNITS
    assert "R-CK-03.max_working_days\t5\tworking_days\tT\tCần kiểm tra" in lines
    assert "R-VB-06.size_min\t12\tpt\tT\t" in lines
    assert "R-CK-05.items\t1,2,3,5,6,7,8,9,10,11,12\tlist\tT\tCần kiểm tra" in lines


def test_cli_list_area_and_verify_filters():
    kn = run_cli(["rules", "list", "--area", "kn"]).splitlines()
    assert kn and all(row.startswith("R-KN-") for row in kn)
    todo = run_cli(["rules", "list", "--verify"]).splitlines()
    assert todo and all(row.endswith("\t" + TO_VERIFY_LABEL) for row in todo)
    old = run_cli(["rules", "list", "--area", "DL", "--date", "2025-12-31"])
    assert "R-DL-06.reply_time\t72\thours\tR\tCần kiểm tra" in old.splitlines()
    with pytest.raises(ThanthienError, match="Không có lĩnh vực"):
        run_cli(["rules", "list", "--area", "XYZ"])


def test_cli_show_prints_statement_source_and_every_version():
    out = run_cli(["rules", "show", "R-DL-06"])
    assert out.startswith("R-DL-06: A data-subject request is answered within 2 working days")
    assert "Nguồn: Luật 91/2025; NĐ 356 (frasersvn.com)" in out
    assert "Mức tin cậy: S — Cần kiểm tra" in out
    assert "R-DL-06.reply_time = 72 hours\thiệu lực 01/01/1900 – 31/12/2025" in out
    assert "R-DL-06.reply_time = 2 working_days\thiệu lực 01/01/2026 – nay" in out
    kn = run_cli(["rules", "show", "R-KN-04"])
    for key in ("days", "days_complex", "days_remote", "days_remote_complex", "unit"):
        assert f"R-KN-04.{key} = " in kn


def test_cli_show_unknown_id_is_one_line_vietnamese_error():
    with pytest.raises(ThanthienError) as exc:
        run_cli(["rules", "show", "R-KN-99"])
    assert exc.value.message == "Không có quy định 'R-KN-99'."
