"""A ward's own plugin: its condolence wording (higher priority) and, through
``letter_for_event``, a special congratulation letter for twins."""
from pathlib import Path

from thanthien.core import LetterTemplate, hookimpl

HERE = Path(__file__).resolve().parent


@hookimpl
def register_letter_templates(settings):
    return [LetterTemplate("condolence_letter", "Thư chia buồn (mẫu của phường)", "letters/ward_condolence.html",
                           priority=10, plugin="phuongta")]


@hookimpl
def letter_for_event(event, context):
    if event == "birth_registered" and len(context.get("people", ())) == 2:
        return LetterTemplate("congratulation_letter", "Thư chúc mừng sinh đôi", "letters/ward_twins.html",
                              priority=10, plugin="phuongta")
    return None


@hookimpl
def register_template_dirs(settings):
    return [HERE / "ward_templates"]
