"""A report's tables and native Excel charts (.xlsx, openpyxl).

Sheet "Chỉ tiêu": every indicator by plan section (result, target, assessment, previous
period); sheet "Xu hướng": each indicator over the report's sub-periods (quarters of the
year, months of six months or of a quarter); sheet "Biểu đồ": a native bar chart per
indicator with a target, drawn from "Xu hướng" (Excel redraws it, the data stay editable);
sheet "Chỉ số bên ngoài": SIPAS, PAR INDEX, PAPI.
"""
from __future__ import annotations

import io
from typing import Any

from ..types import STATUS_LABELS
from . import reports


def build(report_title: str, snap: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    bold = Font(bold=True)
    ws.append([report_title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Kỳ báo cáo: {snap['period']['label']} · phiên bản dữ liệu {snap.get('data_version', '')}"])
    ws.append([])
    ws.append(["Mục", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu kế hoạch", "Đánh giá", "Kỳ trước", "Phân hệ"])
    for c in ws[4]:
        c.font = bold
    titles = {s["code"]: s["title"] for s in reports.plan()["sections"]}
    for code, items in snap["sections"].items():
        if not items:
            continue
        ws.append([titles.get(code, code)])
        ws.cell(ws.max_row, 1).font = bold
        for i in items:
            ws.append([i["section"] or code, i["label"], i["unit"], i["value"], i["target"], STATUS_LABELS[i["status"]],
                       i["previous"], i["module"]])
    for col, width in zip("ABCDEFGH", (10, 60, 14, 12, 16, 18, 12, 28), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True)

    trend = wb.create_sheet("Xu hướng")
    charts = wb.create_sheet("Biểu đồ")
    anchor_row = 1
    line = 1
    for items in snap["sections"].values():
        for i in items:
            labels = [t["label"] for t in i["trend"]]
            trend.cell(line, 1, f"{i['label']} ({i['unit']})").font = bold
            trend.cell(line + 1, 1, "Kỳ")
            trend.cell(line + 2, 1, "Kết quả")
            trend.cell(line + 3, 1, "Chỉ tiêu kế hoạch")
            for j, (label, t) in enumerate(zip(labels, i["trend"], strict=True), start=2):
                trend.cell(line + 1, j, label)
                trend.cell(line + 2, j, t["value"])
                trend.cell(line + 3, j, i["target"])
            if i["target"] is not None and any(t["value"] is not None for t in i["trend"]):
                chart = BarChart()
                chart.type = "col"
                chart.title = i["label"]
                chart.y_axis.title = i["unit"]
                data = Reference(trend, min_col=1, max_col=len(labels) + 1, min_row=line + 2, max_row=line + 3)
                chart.add_data(data, from_rows=True, titles_from_data=True)
                chart.set_categories(Reference(trend, min_col=2, max_col=len(labels) + 1, min_row=line + 1))
                chart.height, chart.width = 7, 16
                charts.add_chart(chart, f"A{anchor_row}")
                anchor_row += 15
            line += 5
    trend.column_dimensions["A"].width = 50

    ext = wb.create_sheet("Chỉ số bên ngoài")
    ext.append(["Chỉ số", "Năm", "Giá trị", "Đơn vị", "Nguồn công bố"])
    for c in ext[1]:
        c.font = bold
    for e in snap.get("external") or []:
        ext.append([e["label"], e["year"], e["value"], e["unit"], e["source"]])
    ext.column_dimensions["A"].width = 55
    ext.column_dimensions["E"].width = 50
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
