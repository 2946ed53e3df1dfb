"""Hook specifications of thanthien (đặc tả hook).

Three families (DESIGN.md §3):

* ``register_*`` — each plugin contributes items; the caller gets a list of lists.
* ``*_for_*`` — ``firstresult=True``: the first non-``None`` answer wins. Core answers
  last (``trylast=True``), so a ward plugin replaces the default without blocking it.
* past-tense events — notifications, fired inside the database transaction that caused
  them; they return nothing.

Specs only ever gain arguments; an implementation takes the subset it needs.
"""
from __future__ import annotations

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("thanthien")
hookimpl = HookimplMarker("thanthien")


# ---------------------------------------------------------------------------
# register_* — collected lists
# ---------------------------------------------------------------------------

@hookspec
def register_models(settings):
    """Declare the plugin's peewee models (used by tests and by ``rollups``/export tools).

    :param settings: the ward :class:`~thanthien.core.settings.Settings`.
    :returns: a list of model classes built on ``thanthien.core.storage.db.BaseModel``.
    """


@hookspec
def register_migrations(settings):
    """Declare the folder of the plugin's numbered migrations.

    Each plugin keeps its own history table ``<plugin>_migrations``.

    :param settings: the ward settings.
    :returns: a :class:`~thanthien.core.storage.migrate.MigrationSet` or a list of them.
    """


@hookspec
def register_case_types(settings):
    """Declare the case types (loại vụ việc/hồ sơ) the plugin handles.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.cases.CaseType`.
    """


@hookspec
def register_routes(settings):
    """Declare the plugin's web routes; they are mounted under ``/<plugin name>``.

    :param settings: the ward settings.
    :returns: a list of Starlette ``Route``/``Mount`` objects.
    """


@hookspec
def register_nav_items(settings):
    """Declare navigation entries for the page layout.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.NavItem`.
    """


@hookspec
def register_dashboard_widgets(settings):
    """Declare widgets for the staff dashboard (bảng điều khiển).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.DashboardWidget`.
    """


@hookspec
def register_permissions(settings):
    """Declare permissions (quyền) and the roles that hold them by default.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.Permission`.
    """


@hookspec
def register_roles(settings):
    """Declare staff roles (vai trò) beyond the ones core ships.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.Role`.
    """


@hookspec
def register_notice_categories(settings):
    """Declare notice categories (loại thông tin công khai) beyond Art. 11's fourteen.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.NoticeCategory`.
    """


@hookspec
def register_indicators(settings):
    """Declare named, period-bounded indicators (chỉ tiêu) for dashboards and reports.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.Indicator`.
    """


@hookspec
def register_letter_templates(settings):
    """Declare letter templates (thư chúc mừng, chia buồn, cảm ơn, xin lỗi …).

    A template with the same ``key`` as another replaces it when its plugin is
    registered later by name order of ``priority`` (highest wins).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.types.LetterTemplate`.
    """


@hookspec
def register_document_types(settings):
    """Declare official document types (loại văn bản) rendered in the NĐ 30/2020 layout.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.documents.DocumentType`.
    """


@hookspec
def register_personal_fields(settings):
    """Classify the plugin's personal-data fields (R-DL-02, R-DL-03).

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.privacy.PersonalField`.
    """


@hookspec
def register_rule_files(settings):
    """Declare extra legal-rule parameter files (TOML in the rules format).

    :param settings: the ward settings.
    :returns: a list of paths.
    """


@hookspec
def register_template_dirs(settings):
    """Declare folders of Jinja templates (searched after the ward's override folder).

    :param settings: the ward settings.
    :returns: a list of paths.
    """


@hookspec
def register_cli_commands(settings):
    """Declare ``thanthien`` sub-commands.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.cli.CliCommand`.
    """


@hookspec
def register_converter_hooks(converter):
    """Add structure/unstructure hooks to the app's cattrs converter.

    :param converter: the ``cattrs.Converter`` being built by ``make_converter``.
    :returns: nothing; mutate the converter.
    """


@hookspec
def register_demo_data(demo):
    """Add the plugin's demo data to the demo ward (``thanthien demo``).

    :param demo: a :class:`~thanthien.core.demo.DemoContext` (settings, pm, rng, the
        ward's units, staff and households already created).
    :returns: nothing.
    """


@hookspec
def register_rollups(settings):
    """Declare rollup tables kept in step with writes and rebuildable on demand.

    :param settings: the ward settings.
    :returns: a list of :class:`~thanthien.core.rollups.Rollup`.
    """


# ---------------------------------------------------------------------------
# *_for_* — one answer (firstresult)
# ---------------------------------------------------------------------------

@hookspec(firstresult=True)
def deadline_for_case(case, case_type, policy, start, rules, calendar):
    """Compute the due date of a case; ``None`` lets the next implementation answer.

    Core's default applies ``policy``.

    :param case: the :class:`~thanthien.core.types.Case` being opened or moved.
    :param case_type: its :class:`~thanthien.core.cases.CaseType`.
    :param policy: the :class:`~thanthien.core.cases.DeadlinePolicy` that starts now.
    :param start: the triggering ``datetime`` (received, accepted).
    :param rules: the :class:`~thanthien.core.rules.RuleBook`.
    :param calendar: the :class:`~thanthien.core.calendar.WorkingCalendar`.
    :returns: a ``datetime.date`` or ``None``.
    """


@hookspec(firstresult=True)
def working_calendar_for_ward(settings):
    """Build the working calendar (lịch làm việc) of the ward.

    :param settings: the ward settings.
    :returns: a :class:`~thanthien.core.calendar.WorkingCalendar` or ``None``.
    """


@hookspec(firstresult=True)
def letter_for_event(event, context):
    """Choose the letter template for a life or service event.

    :param event: the event key (``birth_registered``, ``death_registered``, ``late_result`` …).
    :param context: a mapping with the people and case concerned.
    :returns: a :class:`~thanthien.core.types.LetterTemplate` or ``None``.
    """


# ---------------------------------------------------------------------------
# Events — fired inside the transaction that caused them
# ---------------------------------------------------------------------------

@hookspec
def case_opened(case, event, services):
    """A case was opened.

    :param case: the new :class:`~thanthien.core.types.Case`.
    :param event: the :class:`~thanthien.core.types.CaseEvent` recording it.
    :param services: the :class:`~thanthien.core.services.Services` bundle of the app
        (settings, rules, calendar, cases, documents).
    """


@hookspec
def case_transitioned(case, event, services):
    """A case moved from one state to another (including pauses and extensions).

    :param case: the case after the step.
    :param event: the :class:`~thanthien.core.types.CaseEvent` recording the step.
    :param services: the :class:`~thanthien.core.services.Services` bundle of the app
        (settings, rules, calendar, cases, documents).
    """


@hookspec
def case_closed(case, event, services):
    """A case reached a final state.

    :param case: the closed case.
    :param event: the closing :class:`~thanthien.core.types.CaseEvent`.
    :param services: the :class:`~thanthien.core.services.Services` bundle of the app
        (settings, rules, calendar, cases, documents).
    """


@hookspec
def case_overdue(case, today, services):
    """A case passed its due date without being closed (fired once per case).

    :param case: the overdue case.
    :param today: the ``datetime.date`` of the check.
    :param services: the :class:`~thanthien.core.services.Services` bundle of the app
        (settings, rules, calendar, cases, documents).
    """


@hookspec
def notice_published(notice, settings):
    """A notice was published.

    :param notice: the :class:`~thanthien.core.types.Notice`.
    :param settings: the ward settings.
    """


@hookspec
def notice_withdrawn(notice, settings):
    """A published notice was withdrawn.

    :param notice: the :class:`~thanthien.core.types.Notice`.
    :param settings: the ward settings.
    """


@hookspec
def document_issued(document, settings):
    """An official document received its number and entered the register.

    :param document: the :class:`~thanthien.core.types.Document`.
    :param settings: the ward settings.
    """


@hookspec
def life_event_recorded(kind, people, case, services):
    """A civil-status event was registered (birth, marriage, death).

    :param kind: ``birth``, ``marriage`` or ``death``.
    :param people: a list of :class:`~thanthien.core.types.PersonRef` concerned.
    :param case: the dossier that registered it, or ``None``.
    :param services: the :class:`~thanthien.core.services.Services` bundle of the app
        (settings, rules, calendar, cases, documents).
    """


@hookspec
def vote_closed(vote):
    """A community vote or ballot closed.

    :param vote: the plugin's vote record.
    """


@hookspec
def calendar_changed(years):
    """The working-calendar data changed; open cases' deadlines were recomputed.

    :param years: the years whose data changed, or an empty list when not known.
    """
