#!/usr/bin/env python3
"""Benchmark of the thamhoi module on SQLite (a file in a temporary folder).

1. Completing a birth registration at the one-stop centre (motcua ``return_result``) with
   thamhoi enabled — the congratulation letter drafted in the same transaction through
   ``life_event_recorded`` — against the same registration with thamhoi disabled
   (ratio = cost the letter adds to a registration).
2. Signing a letter — the Thư công numbered, rendered and registered by core's
   DocumentService plus the letter's state and audit — against a bare
   ``DocumentService.issue`` of a công văn (ratio = cost of the module around the register).
3. Rendering a signed letter as .docx against rendering it as HTML.

    .venv/bin/python bench/thamhoi.py [--n 200]
"""
from __future__ import annotations

import argparse
import atexit
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.services import make_services
from thanthien.core.settings import PluginsSettings, Settings, StorageSettings
from thanthien.core.storage.db import database_proxy, open_database
from thanthien.core.storage.migrate import migrate_all
from thanthien.core.types import PersonRef
from thanthien.plugins import motcua, thamhoi
from thanthien.plugins.motcua import services as mc
from thanthien.plugins.thamhoi import services as sv

APPLICANT = {"full_name": "Nguyễn Văn Dân", "citizen_id": "006090001234", "phone": "0912345678",
             "address": "Tổ dân phố số 3"}


def _ward(disabled: tuple[str, ...]):
    folder = tempfile.mkdtemp(prefix="bench-thamhoi-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # removed on success and on failure
    settings = Settings(storage=StorageSettings(data_dir=folder), plugins=PluginsSettings(disabled=disabled))
    pm = make_plugin_manager(settings, load_entrypoints=False, plugins=[("motcua", motcua), ("thamhoi", thamhoi)])
    db = open_database(f"sqlite:///{folder}/thanthien.db")
    migrate_all(db, pm, settings)
    services = make_services(settings, pm)
    mc.ensure_catalogue()

    def actor(name, role):
        p = people.create_person(name, is_staff=True)
        people.grant_role(p.id, role)
        return actor_for_person(p.id, p.full_name)

    return db, services, actor("Lê Thị Tiếp Nhận", "one_stop_officer"), actor("Lý Văn Chủ", "chairperson")


def _registrations(n: int, disabled: tuple[str, ...]) -> tuple[float, int]:
    db, services, officer, _ = _ward(disabled)
    proc = mc.get_procedure("HT01")
    docs = [{"code": d.code} for d in proc.documents]
    codes = []
    for i in range(n):
        when = dt.datetime(2026, 3, 2, 8) + dt.timedelta(minutes=i)
        d = mc.receive(services, procedure_code="HT01", applicant=APPLICANT, documents=docs, actor=officer,
                       received_at=when, concerned=[{"full_name": f"Bé số {i}"}])
        mc.transfer(services, d.code, actor=officer, at=when + dt.timedelta(minutes=1))
        mc.mark_result_ready(services, d.code, actor=officer, at=when + dt.timedelta(minutes=2))
        codes.append((d.code, when + dt.timedelta(minutes=3)))
    t = time.perf_counter()
    for code, when in codes:
        mc.return_result(services, code, actor=officer, at=when)
    elapsed = time.perf_counter() - t
    letters = len(sv.letters(limit=n + 1)) if "thamhoi" not in disabled else 0
    db.close()
    database_proxy.initialize(None)
    return elapsed, letters


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    n = args.n

    bare, _ = _registrations(n, ("thamhoi",))
    with_letters, letters = _registrations(n, ())
    print(f"1. birth registrations completed: {n / bare:.0f}/s without thamhoi, "
          f"{n / with_letters:.0f}/s drafting the letter ({letters} letters); ratio {with_letters / bare:.2f}×")

    db, services, _, chair = _ward(())
    drafts = [sv.on_life_event(services, "birth", [PersonRef(None, f"Bé số {i}")], None) for i in range(n)]
    t = time.perf_counter()
    for i in range(n):
        services.documents.issue("cong_van", subject="Đề nghị cung cấp số liệu", context={"paragraphs": ["Nội dung."]},
                                 signer_name="Lý Văn Chủ", signer_title="Chủ tịch", recipients=["Như trên"],
                                 addressees=["Phòng Văn hóa - Xã hội"], issued_on=dt.date(2026, 3, 5))
    bare_issue = time.perf_counter() - t
    t = time.perf_counter()
    for letter in drafts:
        sv.sign(services, letter.id, actor=chair, at=dt.datetime(2026, 3, 5, 9))
    signing = time.perf_counter() - t
    print(f"2. letters signed: {n / signing:.0f}/s vs bare công văn issue {n / bare_issue:.0f}/s; "
          f"ratio {signing / bare_issue:.2f}×")

    doc = services.documents.get(sv.get_letter(drafts[0].id).document_id)
    reps = max(20, n // 10)
    t = time.perf_counter()
    for _ in range(reps):
        services.documents.render_html(doc)
    html = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(reps):
        services.documents.render_docx(doc)
    word = time.perf_counter() - t
    print(f"3. a signed letter: {reps / html:.0f} HTML pages/s, {reps / word:.0f} .docx/s; ratio {word / html:.2f}×")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
