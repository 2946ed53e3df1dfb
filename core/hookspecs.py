"""Hook specifications of thanthien (đặc tả hook).

Four families (see ``docs/architecture.md`` and ``docs/hooks.md``):

* ``register_*`` — each plugin contributes items; :func:`~thanthien.core.hooks.collect`
  flattens the lists. Called when the plugin manager's consumers are built (once per
  app, CLI run or test), never per request.
* ``*_for_*`` — ``firstresult=True``: the first non-``None`` answer wins. Core answers
  last (``trylast=True``), so a ward plugin replaces the default without blocking it.
* ``configure_*`` / ``populate_*`` — the plugin mutates the object it receives (the
  converter, the demo ward); they return nothing.
* past-tense events — notifications, fired inside the database transaction that caused
  them; they return nothing. Every event receives ``core``, the app's
  :class:`~thanthien.core.services.CoreServices` bundle.

Specs only ever gain arguments; an implementation takes the subset it needs. The older
argument name ``services`` is passed too (same object as ``core``) so plugins written
before it was renamed keep working. Register every plugin before the first hook call:
results of ``register_*`` hooks are cached by their consumers (the app's navigation,
the access policy, the case types).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .hooks import hookimpl, hookspec

if TYPE_CHECKING:
    import cattrs
    from starlette.routing import BaseRoute

    from .access import Scope
    from .calendar import WorkingCalendar
    from .cases import CaseType, DeadlinePolicy
    from .cli import CliCommand
    from .demo import DemoContext
    from .documents import DocumentType
    from .opinions import Subject
    from .outbox import Channel
    from .privacy import PersonalField
    from .rollups import Rollup
    from .rules import RuleBook
    from .scheduler import Job
    from .services import CoreServices
    from .settings import PluginSettings, Settings
    from .storage.migrate import MigrationSet
    from .types import (
        Actor,
        Case,
        CaseEvent,
        DashboardWidget,
        Document,
        Indicator,
        LetterTemplate,
        MessageRequest,
        NavItem,
        Notice,
        NoticeCategory,
        Permission,
        PersonRef,
        Role,
    )

__all__ = ["hookimpl", "hookspec"]


# ---------------------------------------------------------------------------
# register_* — collected lists
# ---------------------------------------------------------------------------


@hookspec
def register_models(settings: Settings) -> list[type]:
    """Declare the plugin's peewee models.

    Called by ``thanthien migrate --check``, which compares each declared model with the
    database tables its migrations built and reports any drift.

    :param settings: the ward :class:`~thanthien.core.settings.Settings`.
    :returns: a list of model classes built on ``thanthien.core.storage.db.BaseModel``.
    """


@hookspec
def register_migrations(settings: Settings) -> MigrationSet | list[MigrationSet]:
    """Declare the folder of the plugin's numbered migrations.

    Each plugin keeps its own history table ``<plugin>_migrations``. Called by
    ``thanthien migrate`` and at the start of the app and of every CLI command that
    opens the database. :class:`~thanthien.core.module.PlanModule` implements it from
    the package's ``migrations/`` folder.

    :param settings: the ward settings.
    :returns: a :class:`~thanthien.core.storage.migrate.MigrationSet` or a list of them.
    """


@hookspec
def register_plugin_settings(settings: Settings) -> PluginSettings | list[PluginSettings]:
    """Declare the typed class of the plugin's ``[plugin.<name>]`` section.

    Core validates the section with it at start (unknown keys and bad values are refused
    with the file, the key and the reason) and hands out the instance as
    ``core.config("<name>")``. :class:`~thanthien.core.module.PlanModule` implements it
    from its ``settings_class``.

    :param settings: the ward settings.
    :returns: a :class:`~thanthien.core.settings.PluginSettings`.
    """


@hookspec
def register_case_types(settings: Settings) -> list[CaseType]:
    """Declare the case types (loại vụ việc/hồ sơ) the plugin handles.

    Called once when the case engine is built.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.cases.CaseType`.
    """


@hookspec
def register_routes(settings: Settings) -> list[BaseRoute]:
    """Declare the plugin's web routes; they are mounted under ``/<plugin name>``.

    Called once by ``create_app``. :class:`~thanthien.core.module.PlanModule` implements
    it as ``<package>.views.routes()``.

    :param settings: the ward settings.
    :returns: a list of routes built with :func:`thanthien.web.routing.page`.
    """


@hookspec
def register_nav_items(settings: Settings) -> list[NavItem]:
    """Declare navigation entries for the page layout (called once by ``create_app``).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.NavItem`.
    """


@hookspec
def register_dashboard_widgets(settings: Settings) -> list[DashboardWidget]:
    """Declare widgets for the staff dashboard (bảng điều khiển); called once by ``create_app``.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.DashboardWidget`.
    """


@hookspec
def register_permissions(settings: Settings) -> list[Permission]:
    """Declare permissions (quyền) and the roles that hold them by default.

    Called once per :class:`~thanthien.core.access.AccessPolicy` (one per app or CLI run).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.Permission`.
    """


@hookspec
def register_roles(settings: Settings) -> list[Role]:
    """Declare staff roles (vai trò) beyond the ones core ships.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.Role`.
    """


@hookspec
def register_notice_categories(settings: Settings) -> list[NoticeCategory]:
    """Declare notice categories (loại thông tin công khai) beyond Art. 11's fourteen.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.NoticeCategory`.
    """


@hookspec
def register_indicators(settings: Settings, core: CoreServices) -> list[Indicator]:
    """Declare named, period-bounded indicators (chỉ tiêu) for dashboards and reports.

    Called once per app or CLI run by ``core.indicators`` (the one registry the
    dashboard, the reports and the open-data package read). ``Indicator.compute`` is
    called as ``compute(core, start, end)`` with the same bundle.

    :param settings: the ward settings.
    :param core: the app's :class:`~thanthien.core.services.CoreServices` (its rules,
        including plugin rule files, and its working calendar).
    :returns: a list of :class:`~thanthien.core.types.Indicator`.
    """


@hookspec
def register_letter_templates(settings: Settings) -> list[LetterTemplate]:
    """Declare letter templates (thư chúc mừng, chia buồn, cảm ơn, xin lỗi …).

    When several templates share a ``key``, the one with the highest ``priority`` is
    used (core's ``letter_for_event`` default applies this rule; a plugin can answer
    ``letter_for_event`` itself to choose otherwise).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.LetterTemplate`.
    """


@hookspec
def register_document_types(settings: Settings) -> list[DocumentType]:
    """Declare official document types (loại văn bản) rendered in the NĐ 30/2020 layout.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.documents.DocumentType`.
    """


@hookspec
def register_personal_fields(settings: Settings) -> list[PersonalField]:
    """Classify the plugin's personal-data fields (R-DL-02, R-DL-03).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.privacy.PersonalField`.
    """


@hookspec
def register_rule_files(settings: Settings) -> list[Path | str]:
    """Declare extra legal-rule parameter files (TOML in the rules format).

    :param settings: the ward settings.
    :returns: a list of paths.
    """


@hookspec
def register_template_dirs(settings: Settings) -> list[Path | str]:
    """Declare folders of Jinja templates (searched after the ward's override folder).

    :class:`~thanthien.core.module.PlanModule` implements it from ``templates/``.

    :param settings: the ward settings.
    :returns: a list of paths.
    """


@hookspec
def register_cli_commands(settings: Settings) -> list[CliCommand]:
    """Declare ``thanthien`` sub-commands (called once per ``thanthien`` run).

    :class:`~thanthien.core.module.PlanModule` implements it as ``<package>.cli.command()``.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.cli.CliCommand`.
    """


@hookspec
def register_rollups(settings: Settings) -> list[Rollup]:
    """Declare rollup tables kept in step with writes and rebuildable on demand.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.rollups.Rollup`.
    """


@hookspec
def register_jobs(settings: Settings) -> list[Job]:
    """Declare daily jobs run by the worker (``thanthien serve`` or ``thanthien worker``).

    A job is a ``thanthien`` command run in-process at a time of day, under a database
    lock so two workers never run it together; a job never run, or missed while the
    server was off, runs at the worker's first cycle. ``thanthien jobs`` lists them.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.scheduler.Job`
        (``Job("motcua.check", "…", ("motcua", "check"), at="06:20")``).
    """


@hookspec
def register_channels(settings: Settings, core: CoreServices) -> list[Channel]:
    """Declare message delivery channels (e-mail, SMS, Zalo, print, a ward's own).

    Called once per worker and per page that lists channels. A channel whose
    ``configured()`` is false receives nothing. When two plugins declare the same
    ``key``, the one registered later wins (a ward replaces a bundled adapter).

    :param settings: the ward settings.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :returns: a list of objects following :class:`~thanthien.core.outbox.Channel`.
    """


@hookspec
def register_converter_hooks(converter: cattrs.Converter) -> None:
    """Deprecated name of :func:`configure_converter` (still called).

    :param converter: the ``cattrs.Converter`` being built by ``make_converter``.
    :returns: nothing; mutate the converter.
    """


@hookspec
def register_demo_data(demo: DemoContext) -> None:
    """Deprecated name of :func:`populate_demo` (still called).

    :param demo: the :class:`~thanthien.core.demo.DemoContext`.
    :returns: nothing.
    """


# ---------------------------------------------------------------------------
# configure_* / populate_* — mutate what they receive
# ---------------------------------------------------------------------------


@hookspec
def configure_converter(converter: cattrs.Converter) -> None:
    """Add structure/unstructure hooks to the app's cattrs converter (once per app).

    :param converter: the ``cattrs.Converter`` being built by ``make_converter``.
    """


@hookspec
def populate_demo(demo: DemoContext) -> None:
    """Add the plugin's data to the demo ward (``thanthien demo``), inside its transaction.

    :class:`~thanthien.core.module.PlanModule` implements it as ``<package>.demo.populate(demo)``.

    :param demo: a :class:`~thanthien.core.demo.DemoContext` (settings, pm, core, rng, the
        ward's units, staff and households already created; ``demo.actor("chutich")``,
        ``demo.at(day, hour)``, ``demo.working_days_after(day, n)``).
    """


# ---------------------------------------------------------------------------
# *_for_* — one answer (firstresult)
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def deadline_for_case(
    case: Case,
    case_type: CaseType,
    policy: DeadlinePolicy,
    start: dt.datetime,
    rules: RuleBook,
    calendar: WorkingCalendar,
) -> dt.date | None:
    """Compute the due date of a case; ``None`` lets the next implementation answer.

    Stops at the first non-``None`` answer. Core's default (``trylast``) applies ``policy``.

    :param case: the :class:`~thanthien.core.types.Case` being opened or moved. A case
        being opened is not numbered yet (``number`` ``""``, ``seq`` 0): its due date is
        computed before the number is taken, outside the numbering lock.
    :param case_type: its :class:`~thanthien.core.cases.CaseType`.
    :param policy: the :class:`~thanthien.core.cases.DeadlinePolicy` that starts now.
    :param start: the triggering ``datetime`` (received, accepted).
    :param rules: the :class:`~thanthien.core.rules.RuleBook`.
    :param calendar: the :class:`~thanthien.core.calendar.WorkingCalendar`.
    :returns: a ``datetime.date`` or ``None``.
    """


@hookspec(firstresult=True)
def working_calendar_for_ward(settings: Settings) -> WorkingCalendar | None:
    """Build the working calendar (lịch làm việc) of the ward.

    Stops at the first non-``None`` answer; core's default (``trylast``) loads the
    shipped tables and the ward's ``[calendar] dir``.

    :param settings: the ward settings.
    :returns: a :class:`~thanthien.core.calendar.WorkingCalendar` or ``None``.
    """


@hookspec(firstresult=True)
def letter_for_event(event: str, context: Mapping[str, Any], core: CoreServices) -> LetterTemplate | None:
    """Choose the letter template for a life or service event.

    Stops at the first non-``None`` answer; core's default (``trylast``) takes the
    registered template of the letter key ``context["letter_key"]`` (else ``event``) with
    the highest ``priority``.

    :param event: the event key (``birth_registered``, ``death_registered``, ``late_result`` …).
    :param context: a mapping with the people and case concerned and ``letter_key``.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :returns: a :class:`~thanthien.core.types.LetterTemplate` or ``None``.
    """


@hookspec(firstresult=True)
def access_for_scope(
    actor: Actor, permission: str, scope: Scope, core: CoreServices, services: CoreServices
) -> bool | None:
    """Decide whether ``actor`` may use ``permission`` on a resource of ``scope``.

    Called by :meth:`~thanthien.core.access.AccessPolicy.can` for every check. Stops at
    the first non-``None`` answer: return ``True``/``False`` for the scopes your plugin
    owns (``scope.owner == "giamsat.board"``), ``None`` for the rest. Core's default
    (``trylast``) applies the role × unit table (a grant on a unit covers its sub-units;
    a ward resource needs a ward-wide grant).

    :param actor: the :class:`~thanthien.core.types.Actor` (never ``None``, never the system).
    :param permission: the permission key.
    :param scope: a :class:`~thanthien.core.access.Scope`, or ``ANYWHERE`` for route
        gates and menus ("holds it in some unit").
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :param services: the same bundle (older name).
    :returns: ``True``, ``False`` or ``None`` (no opinion).
    """


@hookspec(firstresult=True)
def opinion_url_for_subject(kind: str, id: int, title: str, core: CoreServices) -> str | None:
    """Where a resident sends an opinion about a public subject (gửi ý kiến về nội dung này).

    Asked by :func:`thanthien.core.opinions.opinion_url` when a public page (a notice, a
    supervised project, a consultation, a board) draws its "Gửi ý kiến về nội dung này"
    link. The module that takes residents' feedback answers with its form's URL carrying
    the subject reference (``/tiepdan/phan-anh?ve=congkhai.notice:12``); with no such
    module enabled nobody answers and the page shows no link.

    :param kind: the subject kind ``<module>.<thing>`` (``congkhai.notice``).
    :param id: the subject's id.
    :param title: the subject's public title (may be empty).
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :returns: a URL or ``None``.
    """


@hookspec(firstresult=True)
def subject_for_opinion(kind: str, id: int, core: CoreServices) -> Subject | None:
    """The public subject ``kind:id`` an opinion is about, for the feedback form and list.

    The module owning ``kind`` (``congkhai`` for ``congkhai.notice``) answers with a
    :class:`~thanthien.core.opinions.Subject` (kind, id, public title, public page URL)
    when the subject exists and is public; ``None`` otherwise (unknown, forged, withdrawn
    or not public), and for kinds it does not own.

    :param kind: the subject kind ``<module>.<thing>``.
    :param id: the subject's id.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :returns: a :class:`~thanthien.core.opinions.Subject` or ``None``.
    """


# ---------------------------------------------------------------------------
# Events — fired inside the transaction that caused them
# ---------------------------------------------------------------------------


@hookspec
def case_opened(case: Case, event: CaseEvent, core: CoreServices, services: CoreServices) -> None:
    """A case was opened (by ``core.cases.open``).

    :param case: the new :class:`~thanthien.core.types.Case`.
    :param event: the :class:`~thanthien.core.types.CaseEvent` recording it.
    :param core: the app's :class:`~thanthien.core.services.CoreServices` (settings,
        rules, calendar, cases, documents, access).
    :param services: the same bundle (older name).
    """


@hookspec
def case_transitioned(case: Case, event: CaseEvent, core: CoreServices, services: CoreServices) -> None:
    """A case moved from one state to another (including pauses and extensions).

    :param case: the case after the step.
    :param event: the :class:`~thanthien.core.types.CaseEvent` recording the step.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :param services: the same bundle (older name).
    """


@hookspec
def case_closed(case: Case, event: CaseEvent, core: CoreServices, services: CoreServices) -> None:
    """A case reached a final state (fired after ``case_transitioned``).

    :param case: the closed case.
    :param event: the closing :class:`~thanthien.core.types.CaseEvent`.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :param services: the same bundle (older name).
    """


@hookspec
def case_overdue(case: Case, today: dt.date, core: CoreServices, services: CoreServices) -> None:
    """A case passed its due date without being closed (fired once per case by ``cases check``).

    :param case: the overdue case.
    :param today: the ``datetime.date`` of the check.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :param services: the same bundle (older name).
    """


@hookspec
def notice_published(notice: Notice, settings: Settings, core: CoreServices) -> None:
    """A notice was published.

    :param notice: the :class:`~thanthien.core.types.Notice`.
    :param settings: the ward settings.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """


@hookspec
def notice_withdrawn(notice: Notice, settings: Settings, core: CoreServices) -> None:
    """A published notice was withdrawn.

    :param notice: the :class:`~thanthien.core.types.Notice`.
    :param settings: the ward settings.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """


@hookspec
def document_issued(document: Document, settings: Settings, core: CoreServices) -> None:
    """An official document received its number and entered the register.

    :param document: the :class:`~thanthien.core.types.Document`.
    :param settings: the ward settings.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """


@hookspec
def life_event_recorded(
    kind: str, people: Sequence[PersonRef], case: Case | None, core: CoreServices, services: CoreServices
) -> None:
    """A civil-status event was registered (birth, marriage, death).

    :param kind: ``birth``, ``marriage`` or ``death``.
    :param people: a list of :class:`~thanthien.core.types.PersonRef` concerned.
    :param case: the dossier that registered it, or ``None``.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    :param services: the same bundle (older name).
    """


@hookspec
def vote_closed(vote: Any, core: CoreServices) -> None:
    """A community decision, ballot or online vote closed and its result was counted.

    :param vote: the counting result, a :class:`thanthien.core.voting.VoteResult` (aggregates
        only; ``vote.ref`` names the owner, e.g. ``"bieuquyet.matter:12"``), fired by
        :func:`thanthien.core.voting.close_vote` inside the closing transaction.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """


@hookspec
def message_requested(message: MessageRequest, core: CoreServices) -> None:
    """A plan module asks to send a short message (a one-time code, a meeting notice, a
    reminder) to a resident or a staff member.

    Called inside the transaction of the change that causes it, so a rolled-back change
    sends nothing. The notifications module writes it to its outbox; with no such module
    enabled the call does nothing and the asking module's paper way stands.

    :param message: the :class:`~thanthien.core.types.MessageRequest`.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """


@hookspec
def calendar_changed(years: Sequence[int], core: CoreServices) -> None:
    """The working-calendar data changed; open cases' deadlines were recomputed.

    Called once, inside the transaction of the recompute, when the app or a CLI command
    opens the database and finds the calendar in effect differs from the one recorded (a
    ward added, corrected or withdrew a ``<year>.toml``, or the R-LV-08 flag changed).

    :param years: the years whose data changed, ascending: each year table added, edited
        or removed; for a change of the statutory rule or of the R-LV-08 flag, every year
        with a table plus the current and the next year.
    :param core: the app's :class:`~thanthien.core.services.CoreServices`.
    """
