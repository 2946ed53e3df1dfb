"""Official documents (văn bản hành chính) in the Nghị định 30/2020 layout (R-VB-*).

A :class:`DocumentType` names a kind of document (Thông báo, Quyết định, công văn …) and
the Jinja template of its body. :meth:`DocumentService.issue` gives a document its
number inside the writing transaction (R-VB-10, R-VB-24), renders the body once and
stores it as a snapshot in the register (sổ văn bản đi). The register entry can then be
rendered as a printable A4 HTML page (:meth:`DocumentService.render_html`) or as a
Word file (:meth:`DocumentService.render_docx`); both show the same parts in the same
order (R-VB-01).

Every number of the layout (margins, font, sizes) is a rule parameter read for the
date of issue (docs/rules.md), never a literal here.

What is snapshotted at issue, under ``context["_document"]``: the issuing body and its
parent, the place name, the type name and kind, the signing authority, the addressees
and the drafting unit. A document issued before the ward was renamed or a plugin was
disabled therefore still renders as it was issued.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable, Sequence
from fractions import Fraction
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import jinja2
from markupsafe import Markup

from . import audit
from .access import Scope
from .counters import next_value
from .errors import NotFound, RuleError, ThanthienError, ValidationError
from .hooks import collect
from .models import DocumentRow, to_type
from .rules import load_rulebook
from .storage.db import now, write_transaction
from .text import letter_date
from .types import Document

# ---------------------------------------------------------------------------
# Document types
# ---------------------------------------------------------------------------

DOCUMENT_KINDS = ("document", "letter")
META_KEY = "_document"  # reserved context key holding the snapshot of the layout
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # R-VB-06
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # R-VB-07: title case, hyphens with spaces
DEFAULT_ISSUER_SYMBOL = "UBND"
DEFAULT_SIGNING_AUTHORITY = "TM. ỦY BAN NHÂN DÂN"
ARCHIVE_LABEL = "Lưu: VT"  # R-VB-20: văn thư keeps the archive copy

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# R-VB-10: symbol in UPPER case, "-" inside, no spaces ("QĐ", "TB", "KH"). NĐ 30 Phụ lục III
# itself abbreviates a few types with a trailing lower-case letter ("TTr" Tờ trình, "CTr"
# Chương trình), so each part must start upper case and may continue in lower case.
_SYMBOL_RE = re.compile(r"^[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*$")
# R-VB-18: no academic title before the signer's name.
_ACADEMIC_TITLE_RE = re.compile(r"^\s*(GS\.?TS|GS|PGS|TSKH|TS|ThS|Ths|KS|BS|DS|CN|LS)\.\s*")


def _check_key(instance, attribute, value):
    if not _KEY_RE.match(value):
        raise ValueError(f"DocumentType.key must be a lower-case slug, got {value!r}")


def _check_kind(instance, attribute, value):
    if value not in DOCUMENT_KINDS:
        raise ValueError(f"DocumentType.kind must be one of {DOCUMENT_KINDS}, got {value!r}")


@attrs.frozen
class Issuer:
    """An issuing body other than the People's Committee (cơ quan ban hành): a board
    (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng) or the Front Committee.

    ``name`` heads the document (R-VB-09), ``parent_body`` is the line above it (R-VB-08,
    "" for none), ``symbol`` ends the number symbol (R-VB-10, "TB-BTTND").
    """

    name: str
    symbol: str
    parent_body: str = ""


@attrs.frozen
class DocumentType:
    """A type of official document (loại văn bản) and the template of its body.

    ``symbol`` is the type's abbreviation ("TB"); the number symbol is then
    "TB-UBND" (R-VB-10). A ``letter`` (công văn) has no type symbol: its number symbol
    is the issuer's, optionally followed by the drafting unit ("UBND-VP"), it carries
    "V/v …" under the number (R-VB-14) and a "Kính gửi:" block (R-VB-19).
    """

    key: str = attrs.field(validator=_check_key)
    name: str
    symbol: str
    template: str
    kind: str = attrs.field(default="document", validator=_check_kind)
    plugin: str = "core"

    def __attrs_post_init__(self) -> None:
        if self.symbol and not _SYMBOL_RE.match(self.symbol):  # R-VB-10
            raise ValueError(f"DocumentType.symbol must be UPPER case without spaces, got {self.symbol!r}")
        if self.kind == "document" and not self.symbol:
            raise ValueError(f"DocumentType {self.key!r} needs a symbol")
        if not self.name.strip():
            raise ValueError(f"DocumentType {self.key!r} needs a name")


#: Core's generic types; a plugin may replace one by registering the same key.
GENERIC_TYPES: tuple[DocumentType, ...] = (
    DocumentType("thong_bao", "Thông báo", "TB", "documents/thong_bao.html"),
    DocumentType("cong_van", "Công văn", "", "documents/cong_van.html", kind="letter"),
    DocumentType("quyet_dinh", "Quyết định", "QĐ", "documents/quyet_dinh.html"),
    DocumentType("ke_hoach", "Kế hoạch", "KH", "documents/ke_hoach.html"),
    DocumentType("bao_cao", "Báo cáo", "BC", "documents/bao_cao.html"),
    DocumentType("giay_moi", "Giấy mời", "GM", "documents/giay_moi.html"),
)


def default_template_dir() -> Path:
    """Core's template folder (``core/templates``); document templates are under ``documents/``."""
    return Path(__file__).resolve().parent / "templates"


# ---------------------------------------------------------------------------
# Layout parameters (R-VB-03 … R-VB-20), read from the rules in force
# ---------------------------------------------------------------------------

#: ISO 216 paper sizes in millimetres (width, height), portrait.
PAPER_SIZES_MM = {"A4": (210, 297)}


class _RuleFile:
    """Fallback reader of core's ``data/rules/vb.toml`` when no rulebook is available.

    It applies the same choice as the rulebook (the version in force on the date) but
    does not see a ward's overrides; pass ``rules=`` to :class:`DocumentService` for those.
    """

    def __init__(self, path: Path):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        self._params: dict[str, list[dict]] = {}
        for p in data.get("param", []):
            self._params.setdefault(f"{p['rule_id']}.{p['key']}", []).append(p)

    def value(self, ref: str, on: dt.date) -> Any:
        versions = [
            p
            for p in self._params.get(ref, ())
            if _as_date(p["effective_from"]) <= on and (not p.get("effective_to") or on <= _as_date(p["effective_to"]))
        ]
        if not versions:
            raise RuleError(f"Chưa có tham số quy định {ref} áp dụng ngày {on:%d/%m/%Y}")
        return max(versions, key=lambda p: _as_date(p["effective_from"]))["value"]


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _num(value: Any) -> float:
    """A rule value as a number; whole numbers stay ``int`` so CSS reads "20mm"."""
    number = float(Fraction(value)) if isinstance(value, str) and "/" in value else float(value)
    return int(number) if number.is_integer() else number


@attrs.frozen
class Layout:
    """The numbers of the NĐ 30 page for one date, in mm and pt."""

    page_width: float
    page_height: float
    margin_top: float  # R-VB-03
    margin_bottom: float
    margin_left: float
    margin_right: float
    font: str  # R-VB-04
    color: str
    page_number_size: float  # R-VB-05
    first_page_numbered: bool
    national_name_size: float  # R-VB-06
    motto_size: float  # R-VB-07
    parent_body_size: float  # R-VB-08
    issuer_size: float  # R-VB-09
    issuer_rule_ratio: float
    number_size: float  # R-VB-10
    place_date_size: float  # R-VB-11
    type_size: float  # R-VB-12
    subject_size: float  # R-VB-13
    subject_rule_ratio: float
    vv_size: float  # R-VB-14
    vv_gap: float
    basis_size: float  # R-VB-15
    body_size: float  # R-VB-16
    first_line_indent: float
    paragraph_spacing: float
    line_spacing: float
    article_size: float  # R-VB-17
    signer_size: float  # R-VB-18
    signer_name_size: float
    addressee_size: float  # R-VB-19
    recipients_label_size: float  # R-VB-20
    recipients_size: float

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @classmethod
    def from_rules(cls, rules, on: dt.date) -> Layout:
        def v(ref: str) -> Any:
            return rules.value(ref, on)

        paper = str(v("R-VB-03.paper"))
        if paper not in PAPER_SIZES_MM:
            raise ThanthienError(f"Khổ giấy chưa được hỗ trợ: {paper}")
        width, height = PAPER_SIZES_MM[paper]
        if str(v("R-VB-03.orientation")) == "landscape":
            width, height = height, width
        # Where a rule gives a range, the header lines take the lower bound and the
        # reading text the upper bound, as in the samples of NĐ 30 Phụ lục I.
        return cls(
            page_width=width,
            page_height=height,
            margin_top=_num(v("R-VB-03.margin_top_min")),
            margin_bottom=_num(v("R-VB-03.margin_bottom_min")),
            margin_left=_num(v("R-VB-03.margin_left_min")),
            margin_right=_num(v("R-VB-03.margin_right_min")),
            font=str(v("R-VB-04.font_family")),
            color=str(v("R-VB-04.color")),
            page_number_size=_num(v("R-VB-05.size_min")),
            first_page_numbered=bool(v("R-VB-05.first_page_numbered")),
            national_name_size=_num(v("R-VB-06.size_min")),
            motto_size=_num(v("R-VB-07.size_min")),
            parent_body_size=_num(v("R-VB-08.size_min")),
            issuer_size=_num(v("R-VB-09.size_min")),
            issuer_rule_ratio=_num(v("R-VB-09.underline_max_ratio")),
            number_size=_num(v("R-VB-10.size")),
            place_date_size=_num(v("R-VB-11.size_max")),
            type_size=_num(v("R-VB-12.size_max")),
            subject_size=_num(v("R-VB-13.size_max")),
            subject_rule_ratio=_num(v("R-VB-13.underline_min_ratio")),
            vv_size=_num(v("R-VB-14.size_min")),
            vv_gap=_num(v("R-VB-14.gap_after_number")),
            basis_size=_num(v("R-VB-15.size_max")),
            body_size=_num(v("R-VB-16.size_max")),
            first_line_indent=_num(v("R-VB-16.first_line_indent")),
            paragraph_spacing=_num(v("R-VB-16.min_paragraph_spacing")),
            line_spacing=_num(v("R-VB-16.line_spacing_min")),
            article_size=_num(v("R-VB-17.heading_size_max")),
            signer_size=_num(v("R-VB-18.size_max")),
            signer_name_size=_num(v("R-VB-18.name_size_max")),
            addressee_size=_num(v("R-VB-19.size_max")),
            recipients_label_size=_num(v("R-VB-20.label_size")),
            recipients_size=_num(v("R-VB-20.list_size")),
        )


# ---------------------------------------------------------------------------
# Jinja environment and filters
# ---------------------------------------------------------------------------

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numerals for Phần, Chương and plan sections (R-VB-17)."""
    n = int(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def clause_end(text: Any, last: bool) -> str:
    """End a list line with ";" or, for the last one, "." (R-VB-15, R-VB-19, R-VB-20)."""
    return str(text).strip().rstrip(";.,: ") + ("." if last else ";")


def as_list(value: Any) -> list:
    """A context value as a list: ``None`` → [], a string → its non-empty blank-line blocks."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"\n\s*\n", value) if part.strip()]
    if isinstance(value, dict):
        return [value]
    return list(value)


def install_filters(env: jinja2.Environment) -> jinja2.Environment:
    """Add the filters the document templates use (kept if the caller defined them)."""
    env.filters.setdefault("roman", roman)
    env.filters.setdefault("clause_end", clause_end)
    env.filters.setdefault("as_list", as_list)
    return env


def make_document_env(settings, pm) -> jinja2.Environment:
    """Autoescaping environment: ward override folder, plugin folders, core templates.

    ``{% extends "default:documents/_layout.html" %}`` reaches core's original.
    """
    search: list[Path] = []
    if settings.web.template_dir:
        search.append(settings.resolve(settings.web.template_dir))
    if pm is not None:
        search.extend(Path(p) for p in collect(pm.hook.register_template_dirs, settings=settings))
    search.append(default_template_dir())
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(p) for p in search]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(default_template_dir()))}, delimiter=":"),
        ]
    )
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return install_filters(env)


# ---------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------


def _clean_lines(values: Iterable[str] | None) -> list[str]:
    """Strip list punctuation the caller may have typed ("- Sở Nội vụ;" → "Sở Nội vụ")."""
    out = []
    for value in values or ():
        text = re.sub(r"^\s*[-–•+]\s*", "", str(value)).strip().rstrip(";.,").strip()
        if text:
            out.append(text)
    return out


def parent_body_name(ward) -> str:
    """The parent body line (R-VB-08): "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"."""
    province = (ward.province or "").strip()
    if not province:
        return ""
    lowered = province.lower()
    if not lowered.startswith(("tỉnh ", "thành phố ")):
        province = ("Thành phố " if lowered in _CENTRAL_CITIES else "Tỉnh ") + province
    return ("Ủy ban nhân dân " + province).upper()


#: Centrally-run cities (thành phố trực thuộc trung ương), after the 2025 merger.
_CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})


class DocumentService:
    """Issue, register and render official documents (R-VB-*)."""

    def __init__(self, pm, settings, env: jinja2.Environment | None = None, *, rules=None, core=None):
        self.pm = pm
        self.settings = settings
        self.core = core
        self.env = install_filters(env) if env is not None else make_document_env(settings, pm)
        self._rules = rules

    # -- configuration ---------------------------------------------------

    @cached_property
    def types(self) -> dict[str, DocumentType]:
        """Core's generic types, replaced or extended by ``register_document_types``."""
        types = {t.key: t for t in GENERIC_TYPES}
        owners: dict[str, str] = {}
        found = collect(self.pm.hook.register_document_types, settings=self.settings) if self.pm else []
        for dtype in found:
            if not isinstance(dtype, DocumentType):
                raise ThanthienError(f"register_document_types trả về giá trị không hợp lệ: {dtype!r}")
            if dtype.plugin == "core":
                types.setdefault(dtype.key, dtype)
                continue
            other = owners.get(dtype.key)
            if other and other != dtype.plugin:
                raise ThanthienError(
                    f"Loại văn bản '{dtype.key}' được khai báo bởi hai phân hệ: {other} và {dtype.plugin}"
                )
            owners[dtype.key] = dtype.plugin
            types[dtype.key] = dtype
        return types

    @property
    def issuer_symbol(self) -> str:
        """The issuer part of every number symbol (R-VB-10), "UBND" unless configured
        as ``[plugin.core] document_issuer_symbol``."""
        return str(self.settings.for_plugin("core").get("document_issuer_symbol", DEFAULT_ISSUER_SYMBOL))

    @cached_property
    def rules(self):
        if self._rules is not None:
            return self._rules
        return load_rulebook(self.settings, self.pm)

    def layout(self, on: dt.date) -> Layout:
        return Layout.from_rules(self.rules, on)

    # -- issuing -----------------------------------------------------------

    def issue(
        self,
        doc_type: str,
        *,
        subject: str,
        context: dict,
        signer_name: str,
        signer_title: str,
        signing_authority: str = DEFAULT_SIGNING_AUTHORITY,
        recipients: list[str],
        addressees: Sequence[str] = (),
        issued_on: dt.date | None = None,
        case_id: int | None = None,
        unit_id: int | None = None,
        drafting_unit: str = "",
        archive_copies: int | None = None,
        actor=None,
        issuer: Issuer | None = None,
        owner: tuple[str, int] | None = None,
        view_permission: str = "",
    ) -> Document:
        """Number, render and register a document, in one write transaction.

        Every document belongs to something: its case (``case_id``), or an ``owner`` of the
        plugin (``("thamhoi.letter", 12)``), and a unit (``unit_id``); ``view_permission``
        is what a reader needs over that unit (default ``core.documents.view``). A document
        of none of these is a ward resource: only ward-wide grants read it.

        ``drafting_unit`` (e.g. "VP") goes on the "Lưu: VT, VP." line (R-VB-20) and, for
        a công văn, into the number symbol ("UBND-VP"). ``issuer`` names another issuing
        body than the People's Committee (a board, the Front Committee): its name heads the
        document (R-VB-09) and its symbol ends the number ("05/TB-BTTND", R-VB-10).
        """
        dtype = self.types.get(doc_type)
        subject = (subject or "").strip()
        signer_name = (signer_name or "").strip()
        signer_title = (signer_title or "").strip()
        drafting_unit = (drafting_unit or "").strip().upper()
        recipients_clean = _clean_lines(recipients)
        addressees_clean = _clean_lines(addressees)
        errors: list[tuple[str, str]] = []
        if dtype is None:
            errors.append(("doc_type", f"Loại văn bản không hợp lệ: “{doc_type}”."))
        if not subject:
            errors.append(("subject", "Trích yếu nội dung không được để trống."))
        elif len(subject) > DocumentRow.subject.max_length:
            errors.append(("subject", f"Trích yếu nội dung dài quá {DocumentRow.subject.max_length} ký tự."))
        if context is None:
            context = {}
        if not isinstance(context, dict):
            errors.append(("context", "Nội dung văn bản phải là một bảng giá trị (dict)."))
        elif META_KEY in context:
            errors.append(("context", f"Khóa “{META_KEY}” được dành riêng cho hệ thống."))
        if not recipients_clean:
            errors.append(("recipients", "Phải có ít nhất một nơi nhận."))
        if not signer_name:
            errors.append(("signer_name", "Thiếu họ tên người ký."))
        elif _ACADEMIC_TITLE_RE.match(signer_name):  # R-VB-18
            errors.append(("signer_name", "Không ghi học hàm, học vị trước họ tên người ký."))
        if not signer_title:
            errors.append(("signer_title", "Thiếu chức vụ người ký."))
        if drafting_unit and not _SYMBOL_RE.match(drafting_unit):  # R-VB-10
            errors.append(("drafting_unit", "Ký hiệu đơn vị soạn thảo chỉ gồm chữ in hoa, chữ số và dấu gạch nối."))
        if dtype is not None and dtype.kind == "letter" and not addressees_clean:  # R-VB-19
            errors.append(("addressees", "Công văn phải có ít nhất một nơi gửi (Kính gửi)."))
        if issuer is not None and (not issuer.name.strip() or not _SYMBOL_RE.match(issuer.symbol)):
            errors.append(("issuer", "Cơ quan ban hành cần có tên và ký hiệu viết hoa (ví dụ BTTND)."))
        if archive_copies is not None and archive_copies < 1:
            errors.append(("archive_copies", "Số bản lưu phải lớn hơn 0."))
        if errors:
            raise ValidationError(errors)
        assert dtype is not None  # an unknown type is one of the errors above

        if isinstance(issued_on, dt.datetime):
            issued_on = issued_on.date()
        issued_on = issued_on or now().date()
        year = issued_on.year
        symbol = self._symbol(dtype, drafting_unit, issuer.symbol if issuer else self.issuer_symbol)
        ward = self.settings.ward
        meta = {
            "type_name": dtype.name,
            "kind": dtype.kind,
            "plugin": dtype.plugin,
            "issuer": issuer.name.upper() if issuer else ward.committee_name,  # R-VB-09
            "parent_body": issuer.parent_body.upper() if issuer else self._parent_body(),  # R-VB-08
            "place_name": ward.place_name,  # R-VB-11
            "signing_authority": (signing_authority or "").strip(),
            "addressees": addressees_clean,
            "drafting_unit": drafting_unit,
            "archive_copies": archive_copies,
        }
        template_vars = {
            "document_type": dtype,
            "ward": ward,
            "committee_name": ward.committee_name,
            "subject": subject,
            "issued_on": issued_on,
            **context,
        }
        body_html = self.env.get_template(dtype.template).render(template_vars).strip()

        with write_transaction():
            # R-VB-24: the number and symbol are unique per calendar year, from 01 on 01/01:
            # one series per symbol, so letters of several types sharing "UBND-VP" never collide.
            number = next_value(f"doc:{symbol}:{year}")
            row = DocumentRow.create(
                doc_type=dtype.key,
                number=number,
                year=year,
                symbol=symbol,
                subject=subject,
                issued_on=issued_on,
                body_html=body_html,
                context={**context, META_KEY: meta},
                case=case_id,
                unit=unit_id,
                owner_kind=owner[0] if owner else "",
                owner_id=owner[1] if owner else None,
                view_permission=view_permission or "",
                signer_name=signer_name,
                signer_title=signer_title,
                recipients=recipients_clean,
                created_by=getattr(actor, "person_id", None),
            )
            document = self._to_document(DocumentRow.get_by_id(row.id))
            audit.record(
                "document.issue",
                "document",
                document.id,
                actor=actor,
                after={
                    "doc_type": document.doc_type,
                    "number_symbol": document.number_symbol,
                    "subject": document.subject,
                    "issued_on": document.issued_on,
                    "signer_name": document.signer_name,
                    "case_id": document.case_id,
                },
            )
            if self.pm is not None:
                self.pm.hook.document_issued(document=document, settings=self.settings, core=self.core)
        return document

    @staticmethod
    def _symbol(dtype: DocumentType, drafting_unit: str, issuer_symbol: str) -> str:
        """R-VB-10: "TB-UBND"; a công văn: "UBND" or "UBND-VP"."""
        if dtype.kind == "letter":
            return issuer_symbol + (f"-{drafting_unit}" if drafting_unit else "")
        return f"{dtype.symbol}-{issuer_symbol}"

    def _parent_body(self) -> str:
        override = self.settings.for_plugin("core").get("document_parent_body")
        if override is not None:
            return str(override).upper()
        return parent_body_name(self.settings.ward)

    # -- who reads a document -------------------------------------------------

    def scope_of(self, doc: Document) -> Scope:
        """Access scope of a document: its unit and its owner (its case, or the plugin's
        record it was issued for)."""
        if doc.owner_kind:
            return Scope(unit_id=doc.unit_id, owner=doc.owner_kind, owner_id=doc.owner_id)
        if doc.case_id is not None:
            return Scope(unit_id=doc.unit_id, owner="case", owner_id=doc.case_id)
        return Scope(unit_id=doc.unit_id)

    def can_read(self, actor, doc: Document) -> bool:
        """May ``actor`` read the document in full? A case's document: whoever may open
        the case and see its content (R-TC-10); another: ``view_permission`` (default
        ``core.documents.view``) over its scope — fail closed, a document without unit or
        owner is a ward resource."""
        core = self.core
        if core is None or actor is None:
            return actor is not None and actor.kind == "system"
        if doc.case_id is not None and not doc.owner_kind:
            case = core.cases.get(doc.case_id)
            return core.cases.can_view(actor, case) and core.cases.content_visible(actor, case)
        return core.access.can(actor, doc.view_permission or "core.documents.view", self.scope_of(doc))

    # -- the register (sổ văn bản đi) -------------------------------------

    def register(
        self, year: int | None = None, doc_type: str | None = None, limit: int = 200, offset: int = 0
    ) -> list[Document]:
        """Issued documents, newest first."""
        q = DocumentRow.select()
        if year is not None:
            q = q.where(DocumentRow.year == year)
        if doc_type is not None:
            q = q.where(DocumentRow.doc_type == doc_type)
        q = q.order_by(DocumentRow.issued_on.desc(), DocumentRow.id.desc()).limit(limit).offset(offset)
        return [self._to_document(r) for r in q]

    def get(self, document_id: int) -> Document:
        row = DocumentRow.get_or_none(DocumentRow.id == document_id)
        if row is None:
            raise NotFound(f"Không tìm thấy văn bản có mã {document_id}.")
        return self._to_document(row)

    @staticmethod
    def _to_document(row: DocumentRow) -> Document:
        return to_type(
            Document,
            row,
            case_id=row.case_id,
            unit_id=row.unit_id,
            created_by=row.created_by_id,
            recipients=tuple(row.recipients or ()),
            issued_on=_as_date(row.issued_on),
        )

    # -- rendering -----------------------------------------------------------

    def view(self, document: Document) -> dict[str, Any]:
        """The parts of the page, in order (R-VB-01), shared by HTML and .docx."""
        meta = dict(document.context.get(META_KEY) or {})
        dtype = self.types.get(document.doc_type)
        ward = self.settings.ward
        kind = meta.get("kind") or (dtype.kind if dtype else "document")
        type_name = meta.get("type_name") or (dtype.name if dtype else document.doc_type)
        subject = document.subject
        vv = ""
        if kind == "letter":  # R-VB-14
            vv = subject if subject.lower().startswith("v/v") else f"V/v {subject}"
        addressees = list(meta.get("addressees") or ())
        recipients = [clause_end(r, False) for r in document.recipients]  # R-VB-20
        archive = [ARCHIVE_LABEL]
        if meta.get("drafting_unit"):
            archive.append(meta["drafting_unit"])
        if meta.get("archive_copies"):
            archive.append(str(meta["archive_copies"]))
        recipients.append(", ".join(archive) + ".")
        return {
            "kind": kind,
            "parent_body": meta.get("parent_body", self._parent_body()),  # R-VB-08
            "issuer": meta.get("issuer") or ward.committee_name,  # R-VB-09
            "national_name": NATIONAL_NAME,  # R-VB-06
            "motto": MOTTO,  # R-VB-07
            "number_line": f"Số: {document.number_symbol}",  # R-VB-10
            "vv": vv,
            "place_date": letter_date(meta.get("place_name") or ward.place_name, document.issued_on),  # R-VB-11
            "title": "" if kind == "letter" else type_name.upper(),  # R-VB-12
            "subject": "" if kind == "letter" else subject,  # R-VB-13
            "addressees": addressees,  # R-VB-19
            "addressee_lines": [clause_end(a, i == len(addressees) - 1) for i, a in enumerate(addressees)],
            "signing_authority": (meta.get("signing_authority", DEFAULT_SIGNING_AUTHORITY) or "").upper(),  # R-VB-18
            "signer_title": document.signer_title.upper(),
            "signer_name": document.signer_name,
            "recipients_label": "Nơi nhận:",  # R-VB-20
            "recipient_lines": [f"- {line}" for line in recipients],
            "page_title": f"{type_name} số {document.number_symbol}",
        }

    def render_html(self, document: Document) -> str:
        """A standalone printable A4 page with its print CSS embedded (R-VB-03 … R-VB-20)."""
        template = self.env.get_template("documents/_layout.html")
        return template.render(
            v=self.view(document),
            L=self.layout(document.issued_on),
            body=Markup(document.body_html),  # snapshot made by our autoescaped templates
            document=document,
        )

    def render_docx(self, document: Document) -> bytes:
        """The same page as a Word file (python-docx)."""
        return _DocxWriter(self.layout(document.issued_on)).write(self.view(document), document.body_html)


# ---------------------------------------------------------------------------
# .docx writer
# ---------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "img",
}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "wbr", "area", "base", "source"}
_SKIP_TAGS = {"script", "style", "head", "title"}
_WS = re.compile(r"[ \t\n\r\f]+")  # HTML white space only: keep &nbsp;


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    """A forgiving HTML → tree parser for the body snapshot."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: (v or "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root


class _DocxWriter:
    BR = object()

    def __init__(self, layout: Layout):
        self.L = layout

    # -- low-level helpers ---------------------------------------------------

    def _fonts(self, rpr_owner) -> None:
        """Set the font on every script slot, so Vietnamese text stays Times New Roman."""
        from docx.oxml.ns import qn

        rpr = rpr_owner.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), self.L.font)

    def _para(
        self,
        container,
        text: str = "",
        *,
        size=None,
        bold=False,
        italic=False,
        underline=False,
        align="center",
        before=0.0,
        after=0.0,
        indent_first=None,
        left=None,
        right=None,
        keep_next=False,
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = self.L.line_spacing
        if indent_first is not None:
            fmt.first_line_indent = Mm(indent_first)
        if left is not None:
            fmt.left_indent = Mm(left)
        if right is not None:
            fmt.right_indent = Mm(right)
        if keep_next:
            fmt.keep_with_next = True
        if text:
            self._run(p, text, size=size, bold=bold, italic=italic, underline=underline)
        return p

    def _run(self, p, text, *, size=None, bold=False, italic=False, underline=False):
        from docx.shared import Pt

        run = p.add_run(text)
        run.font.name = self.L.font
        self._fonts(run._r)
        if size:
            run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
        return run

    def _short_rule(self, container, width: float, ratio: float):
        """A centred line over ``ratio`` of ``width`` mm (R-VB-09, R-VB-13)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        side = width * (1 - ratio) / 2
        p = self._para(container, "", left=side, right=side)
        p.paragraph_format.line_spacing = Pt(2)
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        ppr.insert_element_before(
            borders,
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
        return p

    def _borderless(self, table) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        tbl_pr.insert_element_before(
            borders,
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        )

    def _table(self, container, rows: int, widths: list[float], borderless=True):
        from docx.shared import Mm

        table = container.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        if borderless:
            self._borderless(table)
        for i, w in enumerate(widths):
            table.columns[i].width = Mm(w)
            for cell in table.columns[i].cells:
                cell.width = Mm(w)
        return table

    @staticmethod
    def _trim_first(cell) -> None:
        """Drop the empty paragraph a new cell starts with, once it has content."""
        paragraphs = cell.paragraphs
        if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0].runs:
            el = paragraphs[0]._p
            el.getparent().remove(el)

    def _page_number_field(self, p) -> None:
        """A centred PAGE field (R-VB-05)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        def fld(run, kind):
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)

        run = self._run(p, "", size=self.L.page_number_size)
        fld(run, "begin")
        run = self._run(p, "", size=self.L.page_number_size)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        run._r.append(instr)
        run = self._run(p, "", size=self.L.page_number_size)
        fld(run, "separate")
        self._run(p, "2", size=self.L.page_number_size)
        run = self._run(p, "", size=self.L.page_number_size)
        fld(run, "end")

    # -- the page --------------------------------------------------------------

    def write(self, v: dict[str, Any], body_html: str) -> bytes:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt, RGBColor

        L = self.L
        d = docx.Document()
        section = d.sections[0]
        # R-VB-03: A4 portrait and its margins.
        section.orientation = WD_ORIENT.LANDSCAPE if L.page_width > L.page_height else WD_ORIENT.PORTRAIT
        section.page_width = Mm(L.page_width)
        section.page_height = Mm(L.page_height)
        section.top_margin = Mm(L.margin_top)
        section.bottom_margin = Mm(L.margin_bottom)
        section.left_margin = Mm(L.margin_left)
        section.right_margin = Mm(L.margin_right)
        section.header_distance = Mm(L.margin_top / 2)
        section.footer_distance = Mm(L.margin_bottom / 2)

        # R-VB-04: Times New Roman, black, body size (R-VB-16).
        normal = d.styles["Normal"]
        normal.font.name = L.font
        normal.font.size = Pt(L.body_size)
        if L.color == "black":
            normal.font.color.rgb = RGBColor(0, 0, 0)
        self._fonts(normal.element)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = L.line_spacing

        # R-VB-05: page number centred in the top margin, not on page 1.
        section.different_first_page_header_footer = not L.first_page_numbered
        section.first_page_header.is_linked_to_previous = False
        header_p = section.header.paragraphs[0]
        header_p.alignment = 1  # centre
        self._page_number_field(header_p)

        text_w = L.text_width
        left_w = round(text_w * 0.4, 1)
        right_w = round(text_w - left_w, 1)

        # Header: issuing body left; Quốc hiệu and Tiêu ngữ right; number; place and date.
        head = self._table(d, 2, [left_w, right_w])
        c = head.cell(0, 0)
        if v["parent_body"]:
            self._para(c, v["parent_body"], size=L.parent_body_size)  # R-VB-08
        self._para(c, v["issuer"], size=L.issuer_size, bold=True)  # R-VB-09
        self._short_rule(c, left_w, L.issuer_rule_ratio)
        self._trim_first(c)
        c = head.cell(0, 1)
        self._para(c, v["national_name"], size=L.national_name_size, bold=True)  # R-VB-06
        self._para(c, v["motto"], size=L.motto_size, bold=True, underline=True)  # R-VB-07
        self._trim_first(c)
        c = head.cell(1, 0)
        self._para(c, v["number_line"], size=L.number_size, before=6)  # R-VB-10
        if v["vv"]:
            self._para(c, v["vv"], size=L.vv_size, before=L.vv_gap)  # R-VB-14
        self._trim_first(c)
        c = head.cell(1, 1)
        self._para(c, v["place_date"], size=L.place_date_size, italic=True, before=6)  # R-VB-11
        self._trim_first(c)

        if v["title"]:
            self._para(d, v["title"], size=L.type_size, bold=True, before=18, keep_next=True)  # R-VB-12
            self._para(d, v["subject"], size=L.subject_size, bold=True, keep_next=True)  # R-VB-13
            self._short_rule(d, text_w, L.subject_rule_ratio)
        if v["addressees"]:  # R-VB-19
            if len(v["addressees"]) == 1:
                self._para(d, f"Kính gửi: {v['addressee_lines'][0]}", size=L.addressee_size, before=12, after=6)
            else:
                self._para(d, "Kính gửi:", size=L.addressee_size, align="left", before=12, left=text_w * 0.2)
                for line in v["addressee_lines"]:
                    self._para(d, f"- {line}", size=L.addressee_size, align="left", left=text_w * 0.35)
                self._para(d, "", after=6)
        else:
            self._para(d, "", after=6)

        _BodyConverter(self).blocks(d, parse_html(body_html).children, level=0)  # R-VB-16

        # Nơi nhận (left) and signature (right).
        foot = self._table(d, 1, [text_w / 2, text_w / 2])
        c = foot.cell(0, 0)
        self._para(
            c, v["recipients_label"], size=L.recipients_label_size, bold=True, italic=True, align="left", before=12
        )  # R-VB-20
        for line in v["recipient_lines"]:
            self._para(c, line, size=L.recipients_size, align="left")
        self._trim_first(c)
        c = foot.cell(0, 1)
        if v["signing_authority"]:
            self._para(c, v["signing_authority"], size=L.signer_size, bold=True, before=12)  # R-VB-18
        self._para(c, v["signer_title"], size=L.signer_size, bold=True, before=0 if v["signing_authority"] else 12)
        self._para(c, v["signer_name"], size=L.signer_name_size, bold=True, before=72)
        self._trim_first(c)

        out = io.BytesIO()
        d.save(out)
        return out.getvalue()


class _BodyConverter:
    """Body HTML (p, br, strong/b, em/i, u, h2/h3, ul/ol/li, table) → docx paragraphs."""

    def __init__(self, writer: _DocxWriter):
        self.w = writer
        self.L = writer.L

    def blocks(self, container, nodes, *, level: int, in_cell: bool = False) -> None:
        inline: list = []
        for node in nodes:
            if isinstance(node, _Node) and node.tag in _SKIP_TAGS:
                continue
            if isinstance(node, _Node) and node.tag in _BLOCK_TAGS:
                self.paragraph(container, inline, in_cell=in_cell)
                inline = []
                self.block(container, node, level=level, in_cell=in_cell)
            else:
                inline.append(node)
        self.paragraph(container, inline, in_cell=in_cell)

    def block(self, container, node: _Node, *, level: int, in_cell: bool) -> None:
        tag = node.tag
        if tag in ("ul", "ol"):
            n = 0
            for child in node.children:
                if isinstance(child, _Node) and child.tag == "li":
                    n += 1
                    marker = f"{n}. " if tag == "ol" else "- "
                    self.list_item(container, child, marker, level=level + 1, in_cell=in_cell)
            return
        if tag == "li":
            self.list_item(container, node, "- ", level=level + 1, in_cell=in_cell)
            return
        if tag == "table":
            self.table(container, node)
            return
        if tag in ("thead", "tbody", "tfoot", "tr", "td", "th"):
            self.blocks(container, node.children, level=level, in_cell=in_cell)
            return
        if tag == "hr":
            return
        if tag == "img":
            self.image(container, node)
            return
        if any(isinstance(c, _Node) and c.tag in _BLOCK_TAGS for c in node.children):
            self.blocks(container, node.children, level=level, in_cell=in_cell)
            return
        heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
        self.paragraph(
            container,
            node.children,
            classes=node.classes,
            bold=heading,
            keep_next=heading,
            in_cell=in_cell,
            size=self.L.article_size if heading else None,
        )

    def image(self, container, node: _Node) -> None:
        """A PNG given as a ``data:`` URI (a QR code on a receipt), centred, ``data-width-mm``
        wide (default 30 mm); any other image is left out of the .docx."""
        import base64
        import binascii
        import io

        from docx.shared import Mm

        prefix = "data:image/png;base64,"
        src = node.attrs.get("src", "")
        if not src.startswith(prefix):
            return
        try:
            data = base64.b64decode(src[len(prefix) :], validate=True)
            width = float(node.attrs.get("data-width-mm") or 30)
        except (binascii.Error, ValueError):
            return
        p = self.w._para(container, align="center", after=self.L.paragraph_spacing)
        try:
            p.add_run().add_picture(io.BytesIO(data), width=Mm(min(max(width, 5.0), self.L.text_width)))
        except Exception:  # noqa: BLE001 - python-docx refuses a broken image: leave it out
            p._p.getparent().remove(p._p)

    def list_item(self, container, li: _Node, marker: str, *, level: int, in_cell: bool) -> None:
        inline = [c for c in li.children if not (isinstance(c, _Node) and c.tag in _BLOCK_TAGS)]
        nested = [c for c in li.children if isinstance(c, _Node) and c.tag in _BLOCK_TAGS]
        indent = 0 if in_cell else self.L.first_line_indent * level
        self.paragraph(container, [marker, *inline], in_cell=in_cell, indent=indent)
        for child in nested:
            self.block(container, child, level=level, in_cell=in_cell)

    def table(self, container, node: _Node) -> None:
        from docx.shared import Mm

        rows: list[list[_Node]] = []

        def walk(n: _Node):
            for child in n.children:
                if not isinstance(child, _Node):
                    continue
                if child.tag == "tr":
                    rows.append([c for c in child.children if isinstance(c, _Node) and c.tag in ("td", "th")])
                elif child.tag in ("thead", "tbody", "tfoot"):
                    walk(child)

        walk(node)
        rows = [r for r in rows if r]
        if not rows:
            return
        cols = max(len(r) for r in rows)
        table = container.add_table(rows=len(rows), cols=cols)
        table.style = "Table Grid"
        width = self.L.text_width / cols
        for i, r in enumerate(rows):
            for j, cell_node in enumerate(r):
                cell = table.cell(i, j)
                cell.width = Mm(width)
                self.cell(cell, cell_node)
        self.w._para(container, "", after=self.L.paragraph_spacing)

    def cell(self, cell, node: _Node) -> None:
        if node.tag == "th":
            wrapper = _Node("p", {"class": "center"})
            bold = _Node("strong", {})
            bold.children = list(node.children)
            wrapper.children = [bold]
            children: list[_Node | str] = [wrapper]
        else:
            children = node.children
        self.blocks(cell, children, level=0, in_cell=True)
        self.w._trim_first(cell)

    def paragraph(
        self,
        container,
        nodes,
        *,
        classes: Iterable[str] = frozenset(),
        bold=False,
        keep_next=False,
        in_cell=False,
        indent=None,
        size=None,
    ) -> None:
        segments: list = []
        self._collect(nodes, {"bold": bold, "italic": False, "underline": False}, segments)
        # Trim whitespace at the ends, drop empty paragraphs.
        while segments and segments[0][0] is not _DocxWriter.BR and not segments[0][0].strip():
            segments.pop(0)
        while segments and segments[-1][0] is not _DocxWriter.BR and not segments[-1][0].strip():
            segments.pop()
        if not segments:
            return
        if segments[0][0] is not _DocxWriter.BR:
            segments[0] = (segments[0][0].lstrip(), segments[0][1])
        if segments[-1][0] is not _DocxWriter.BR:
            segments[-1] = (segments[-1][0].rstrip(), segments[-1][1])
        first: float
        if "center" in classes:
            align, first = "center", 0
        elif "right" in classes:
            align, first = "right", 0
        elif in_cell:
            align, first = "left", 0
        else:
            align, first = "justify", self.L.first_line_indent  # R-VB-16
        if indent is not None:
            first = indent
        after = 0 if in_cell else self.L.paragraph_spacing
        p = self.w._para(container, align=align, after=after, indent_first=first, keep_next=keep_next)
        for text, fmt in segments:
            if text is _DocxWriter.BR:
                self.w._run(p, "", **fmt).add_break()
                continue
            if text:
                self.w._run(p, text, size=size, **fmt)

    def _collect(self, nodes, fmt: dict, out: list) -> None:
        for node in nodes:
            if isinstance(node, str):
                text = _WS.sub(" ", node)
                if text:
                    if out and out[-1][0] is not _DocxWriter.BR and out[-1][0].endswith(" ") and text.startswith(" "):
                        text = text[1:]
                    if text:
                        out.append((text, dict(fmt)))
                continue
            if node.tag in _SKIP_TAGS:
                continue
            if node.tag == "br":
                out.append((_DocxWriter.BR, dict(fmt)))
                continue
            inner = dict(fmt)
            if node.tag in ("strong", "b"):
                inner["bold"] = True
            elif node.tag in ("em", "i"):
                inner["italic"] = True
            elif node.tag == "u":
                inner["underline"] = True
            self._collect(node.children, inner, out)
