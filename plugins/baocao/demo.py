"""Demo data of the baocao module: the province's external indices of the last two years
and a draft year-end report with the office's first paragraphs."""
from __future__ import annotations

from thanthien.core.demo import DemoContext

from . import services


def populate(demo: DemoContext) -> None:
    core, year = demo.core, demo.today.year
    officer = demo.actor("vanhoa")
    for index, base in (("sipas", 84.0), ("par_index", 86.0), ("papi", 42.0)):
        for back in (2, 1):
            services.externals.record(core, index=index, year=year - back, value=round(base + demo.rng.random() * 3, 2),
                                      source=f"Công bố của UBND tỉnh năm {year - back + 1}", actor=officer)
    report = services.reports.draft(core, "year", year, actor=officer)
    services.reports.save_texts(core, report.id, {
        "I": "Mô hình được triển khai đồng bộ tại các phòng chuyên môn, Trung tâm Phục vụ hành chính công và "
             "45 tổ dân phố.",
        "III.1.2": "Hồ sơ thủ tục hành chính được tiếp nhận, giải quyết theo đúng quy trình; hồ sơ trả quá hạn "
                   "đều có văn bản xin lỗi người dân.",
    }, actor=officer)
