"""``[plugin.baocao]``: the settings of the baocao module, checked at start.

Targets (chỉ tiêu kế hoạch) are the plan's by default (each indicator's ``target``); a
ward sets its own for every year in ``targets`` or for one year in ``year_targets``::

    [plugin.baocao]
    targets = { "motcua.on_time_share" = 98 }
    [plugin.baocao.year_targets.2027]
    "motcua.on_time_share" = 100
"""
from __future__ import annotations

import attrs


def _check_year_targets(instance, attribute, value: dict[str, dict[str, float]]) -> None:
    for year in value:
        if not (str(year).isdigit() and 2000 <= int(year) <= 2199):
            raise ValueError(f"year_targets: “{year}” không phải là một năm")


@attrs.frozen
class BaocaoSettings:
    #: a ward's targets for every year, by indicator key (replace the plan's)
    targets: dict[str, float] = attrs.Factory(dict)
    #: a ward's targets for one year: {"2027": {"motcua.on_time_share": 100}}
    year_targets: dict[str, dict[str, float]] = attrs.field(factory=dict, validator=_check_year_targets)
    #: how far (% of the target) a value may miss it and still be amber rather than red
    amber_margin_percent: float = attrs.field(default=10.0, validator=[attrs.validators.ge(0),
                                                                       attrs.validators.le(100)])
    #: points of a trend chart (periods of the chosen kind, ending with the chosen one)
    trend_points: int = attrs.field(default=6, validator=[attrs.validators.ge(2), attrs.validators.le(24)])
    #: the unit whose staff draft the reports: "Lưu: VT, VHXH." (plan IV.2: Phòng Văn hóa - Xã hội)
    drafting_unit: str = "VHXH"
    #: who receives an issued report ("Nơi nhận")
    recipients: tuple[str, ...] = ("UBND Thành phố (để báo cáo);", "Thường trực Đảng ủy phường (để báo cáo);",
                                   "Thường trực HĐND phường;", "Lưu: VT, VHXH.")
