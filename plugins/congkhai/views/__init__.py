"""Pages of the congkhai module, mounted under ``/congkhai`` (each with its ``.json`` twin).

=================  =================================================================
``public``         the board, a notice, its files, the feeds — landed English paths
``staff``          the notices desk, drafts, publication, versions, withdrawal, files,
                   the announcer's and social-group texts, the poster; the compliance
                   check and the quarterly register (``/can-bo/…``)
``ledger``         the dissemination ledger of a notice, taking postings down
``propaganda``     conferences and media items
``requests``       information requests: register, intake, actions, printable forms
=================  =================================================================

The staff pages moved from English paths (``/congkhai/staff/notices`` …) to Vietnamese
slugs (``/congkhai/can-bo/thong-bao`` …); every old path answers 308 to its new one
(:data:`MOVED`), for the page and its ``.json``.
"""
from __future__ import annotations

from typing import Any

from thanthien.core.settings import plugin_section
from thanthien.web.redirects import moved

from ..settings import CongkhaiSettings
from ..types import P_COMPLIANCE, P_LEDGER_GROUP, P_NOTICES, P_PROPAGANDA, P_REQUESTS, PLUGIN
from . import ledger, propaganda, public, requests, staff

GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")

#: old path → (new path, permission, methods): the staff pages before the Vietnamese slugs
MOVED: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("/staff/notices", "/can-bo/thong-bao", P_LEDGER_GROUP, GET),
    ("/staff/notices/new", "/can-bo/thong-bao/moi", P_NOTICES, BOTH),
    ("/staff/notices/{id:int}", "/can-bo/thong-bao/{id}", P_LEDGER_GROUP, GET),
    ("/staff/notices/{id:int}/edit", "/can-bo/thong-bao/{id}/sua", P_NOTICES, BOTH),
    ("/staff/notices/{id:int}/publish", "/can-bo/thong-bao/{id}/cong-khai", P_NOTICES, POST),
    ("/staff/notices/{id:int}/withdraw", "/can-bo/thong-bao/{id}/thu-hoi", P_NOTICES, POST),
    ("/staff/notices/{id:int}/revise", "/can-bo/thong-bao/{id}/phien-ban-moi", P_NOTICES, BOTH),
    ("/staff/notices/{id:int}/attachments", "/can-bo/thong-bao/{id}/tep-dinh-kem", P_NOTICES, POST),
    ("/staff/notices/{id:int}/loa", "/can-bo/thong-bao/{id}/loa", P_LEDGER_GROUP, GET),
    ("/staff/notices/{id:int}/mang-xa-hoi", "/can-bo/thong-bao/{id}/mang-xa-hoi", P_LEDGER_GROUP, GET),
    ("/staff/notices/{id:int}/poster", "/can-bo/thong-bao/{id}/ban-niem-yet", P_LEDGER_GROUP, GET),
    ("/staff/notices/{id:int}/ledger", "/can-bo/thong-bao/{id}/so-niem-yet", P_LEDGER_GROUP, BOTH),
    ("/staff/postings/{id:int}/take-down", "/can-bo/niem-yet/{id}/go-xuong", P_LEDGER_GROUP, POST),
    ("/staff/attachments/{id:int}/remove", "/can-bo/tep-dinh-kem/{id}/go", P_NOTICES, POST),
    ("/staff/attachments/{id:int}/{filename}", "/can-bo/tep-dinh-kem/{id}/{filename}", P_LEDGER_GROUP, GET),
    ("/staff/check", "/can-bo/kiem-tra", P_COMPLIANCE, GET),
    ("/staff/register", "/can-bo/danh-muc", P_COMPLIANCE, GET),
    ("/staff/tuyen-truyen", "/can-bo/tuyen-truyen", P_PROPAGANDA, GET),
    ("/staff/tuyen-truyen/hoi-nghi", "/can-bo/tuyen-truyen/hoi-nghi", P_PROPAGANDA, POST),
    ("/staff/tuyen-truyen/tin-bai", "/can-bo/tuyen-truyen/tin-bai", P_PROPAGANDA, POST),
    ("/staff/yeu-cau", "/can-bo/yeu-cau", P_REQUESTS, GET),
    ("/staff/yeu-cau/new", "/can-bo/yeu-cau/moi", P_REQUESTS, BOTH),
    ("/staff/yeu-cau/{id:int}", "/can-bo/yeu-cau/{id}", P_REQUESTS, GET),
    ("/staff/yeu-cau/{id:int}/xu-ly", "/can-bo/yeu-cau/{id}/xu-ly", P_REQUESTS, POST),
    ("/staff/yeu-cau/{id:int}/mau/{form}", "/can-bo/yeu-cau/{id}/mau/{form}", P_REQUESTS, GET),
]
#: the old paths that never had a .json twin (files, print pages)
_NO_TWIN = {"/staff/notices/{id:int}/poster", "/staff/attachments/{id:int}/{filename}",
            "/staff/yeu-cau/{id:int}/mau/{form}"}


def routes(settings: Any = None) -> list:
    cfg = plugin_section(settings, PLUGIN, CongkhaiSettings) if settings is not None else CongkhaiSettings()
    max_upload = 2 * cfg.max_attachment_bytes + 64 * 1024  # a multipart body around one file
    aliases = []
    for old, new, permission, methods in MOVED:
        limit = max_upload if old.endswith("/attachments") else None
        made = moved(old, new, permission=permission, methods=methods, max_body=limit)
        aliases += [r for r in made if not (old in _NO_TWIN and r.path.endswith(".json"))]
    return [*public.routes(), *staff.routes(max_upload), *ledger.routes(), *propaganda.routes(), *requests.routes(),
            *aliases]
