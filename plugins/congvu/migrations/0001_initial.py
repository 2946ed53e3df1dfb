"""Tables of the congvu plan module, with the conduct rules and the facility checklist of
the plan (``data/conduct.toml``, ``data/facility.toml``) as their first content."""
import tomllib
from pathlib import Path

from thanthien.plugins.congvu.models import MODELS, CriterionRow, RuleRow

DATA = Path(__file__).resolve().parents[1] / "data"


def up(migrator, db):
    db.create_tables(MODELS, safe=True)
    if not RuleRow.select().exists():
        rules = tomllib.loads((DATA / "conduct.toml").read_text(encoding="utf-8"))["rule"]
        for block in rules:
            for n, text in enumerate(block["lines"]):
                RuleRow.create(group=block["group"], text=text, sort=n)
    if not CriterionRow.select().exists():
        criteria = tomllib.loads((DATA / "facility.toml").read_text(encoding="utf-8"))["criterion"]
        for n, c in enumerate(criteria):
            CriterionRow.create(code=c["code"], group=c["group"], text=c["text"], sort=n)
