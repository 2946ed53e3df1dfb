"""Operations of the one-stop module (giải quyết TTHC theo cơ chế một cửa).

The only code that writes the ``motcua_*`` tables. Each operation checks the actor over
the dossier's scope (``core.access.require``, fail closed), validates everything (a
:class:`~thanthien.core.errors.ValidationError` lists every bad field, nothing is
stored), then runs in one write transaction: the case-engine step (case event, audit
entry, core rollup, hooks), this module's rows, its rollup and the numbered form. Every
function takes core's bundle first (``core``) and the ``actor``.

One module per section:

================  ==============================================================
``common``        settings, reading a dossier row, row → type, codes and secrets
``scope``         the dossier's unit and scope, the centre's reach (R-MC-01), the audit of full reads
``catalogue``     the procedure catalogue (R-MC-11, plan III.1.2)
``intake``        receiving a dossier, the receipt Mẫu 01 with its secret (R-MC-04, R-MC-05, R-MC-10)
``processing``    transfer, assignment, supplement Mẫu 02 (R-MC-13, R-MC-14), refusal, stop, result, return
``lateness``      due soon, apology and re-appointment Mẫu 04 (R-MC-15, R-MC-16)
``control``       the process-control sheet Mẫu 06 (R-MC-08)
``register``      the register Mẫu 07 and its exports (R-MC-09)
``public``        the public look-up and the receipt's secret (R-DL-07)
``bookings``      appointments by time, bounded per phone number and day
``assistance``    home and after-hours help (plan III.1.2)
``satisfaction``  ratings (R-MC-19) and SIPAS surveys (R-MC-20, R-MC-21)
``rollups``       the month × procedure rollup and the indicators read from it
================  ==============================================================

The case types and the dossier's clock are in :mod:`..casetypes`.
"""
from ..casetypes import DOSSIER, DOSSIER_CODE_FORMAT, DOSSIER_CODE_SERIES, FEEDBACK, deadline_for_dossier, receipt_day
from ..types import SIPAS_FACTORS, SIPAS_SCALE
from .assistance import assistance_between, record_assistance
from .bookings import (
    book,
    booking_ics,
    bookings_on,
    cancel_booking,
    find_booking,
    place,
    slots,
    when_in_words,
)
from .catalogue import (
    SHIPPED_CATALOGUE,
    ensure_catalogue,
    get_procedure,
    import_catalogue,
    list_procedures,
    procedure_errors,
    read_catalogue_file,
    save_procedure,
)
from .common import config, dossier_documents, dossier_row, get_dossier, normalise_code, normalise_secret, to_dossier
from .control import STEP_LABELS, control_steps, issue_control_sheet
from .intake import (
    applicant_values,
    find_applicants,
    format_secret,
    lookup_url,
    receipt_context,
    receive,
)
from .lateness import (
    apologies,
    apology_deadline,
    check_due,
    draft_apology,
    due_soon,
    due_soon_lines,
    sign_apology,
)
from .processing import (
    TRANSFER_ASSIGN_NOTE,
    assign,
    handlers,
    mark_result_ready,
    receive_supplement,
    refuse,
    request_supplement,
    return_result,
    stop,
    supplement_pauses,
    transfer,
)
from .public import lookup, secret_matches
from .register import REGISTER_HEADER, register_csv, register_rows, register_xlsx, view_register, view_register_page
from .rollups import (
    INDICATOR_COLUMNS,
    indicator_csv,
    indicator_table,
    indicator_value,
    measures,
    rebuild_rollup,
    sums,
)
from .satisfaction import answer_survey, create_survey, rate, survey_results
from .scope import (
    can_see,
    centre_reach,
    centre_scope,
    centre_unit_id,
    dossier_scope,
    dossier_unit_for,
    view_dossier,
    visible_units,
)

__all__ = [
    "DOSSIER", "DOSSIER_CODE_FORMAT", "DOSSIER_CODE_SERIES", "FEEDBACK", "INDICATOR_COLUMNS", "REGISTER_HEADER",
    "SHIPPED_CATALOGUE", "SIPAS_FACTORS", "SIPAS_SCALE", "STEP_LABELS", "TRANSFER_ASSIGN_NOTE", "answer_survey",
    "apologies", "apology_deadline", "applicant_values", "assign", "assistance_between", "book", "booking_ics",
    "bookings_on", "can_see", "cancel_booking", "centre_reach", "centre_scope", "centre_unit_id", "check_due",
    "config", "control_steps", "create_survey", "deadline_for_dossier", "dossier_documents", "dossier_row",
    "dossier_scope", "dossier_unit_for", "draft_apology", "due_soon", "due_soon_lines",
    "ensure_catalogue", "find_applicants", "find_booking", "format_secret", "get_dossier", "get_procedure",
    "handlers", "import_catalogue", "indicator_csv",
    "indicator_table", "indicator_value", "issue_control_sheet", "list_procedures", "lookup", "lookup_url",
    "mark_result_ready", "measures", "normalise_code", "normalise_secret", "place", "procedure_errors", "rate",
    "read_catalogue_file", "rebuild_rollup", "receipt_context", "receipt_day", "receive", "receive_supplement",
    "record_assistance", "refuse", "register_csv", "register_rows", "register_xlsx", "request_supplement",
    "return_result", "save_procedure", "secret_matches", "sign_apology", "slots", "stop", "sums", "supplement_pauses",
    "survey_results", "to_dossier", "transfer", "view_dossier", "view_register", "view_register_page", "visible_units",
    "when_in_words",
]
