"""An example third-party plugin, as a ward would write it.

* adds a notice category of its own (security and order announcements of the ward
  police), next to the 14 items of Luật THDCCS Art. 11;
* replaces the condolence letter template with the ward's own wording (higher priority);
* adds a CLI command ``thanthien vidu-tdp`` listing the ward's residential groups.
"""
from pathlib import Path

from thanthien.core import LetterTemplate, NoticeCategory, hookimpl
from thanthien.core.cli import CliCommand

__version__ = "0.1.0"
HERE = Path(__file__).resolve().parent


@hookimpl
def register_notice_categories(settings):
    return [NoticeCategory("an_ninh_trat_tu", "Thông báo an ninh, trật tự khu dân cư", None, "vidu")]


@hookimpl
def register_letter_templates(settings):
    return [LetterTemplate("condolence_letter", "Thư chia buồn (mẫu của phường)",
                           "letters/condolence_letter.html", priority=10, plugin="vidu")]


@hookimpl
def register_template_dirs(settings):
    return [HERE / "templates"]


def _configure(parser):
    parser.add_argument("--limit", type=int, default=100)


def _run(args, ctx):
    from thanthien.core.people import list_units

    ctx.db()
    for unit in list_units(("residential_group", "village"))[: args.limit]:
        ctx.print(f"{unit.code}\t{unit.name}")


@hookimpl
def register_cli_commands(settings):
    return [CliCommand("vidu-tdp", "Liệt kê tổ dân phố (ví dụ phân hệ của phường)", _configure, _run)]
