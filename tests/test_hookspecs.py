"""Contract test: every hook spec is documented, and all bundled plugins pass check_pending."""
import inspect
import re

from thanthien.core import hookspecs
from thanthien.core.plugins import make_plugin_manager
from thanthien.core.settings import Settings


def _specs():
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(fn, "thanthien_spec"):
            yield name, fn


def test_there_are_specs_in_three_families():
    names = [n for n, _ in _specs()]
    assert any(n.startswith("register_") for n in names)
    assert any("_for_" in n for n in names)
    assert {"case_opened", "case_transitioned", "case_closed", "case_overdue", "notice_published"} <= set(names)


def test_every_spec_is_documented():
    problems = []
    for name, fn in _specs():
        doc = inspect.getdoc(fn) or ""
        if not doc.strip():
            problems.append(f"{name}: no docstring")
            continue
        for param in inspect.signature(fn).parameters:
            if not re.search(rf":param {param}:", doc):
                problems.append(f"{name}: parameter {param} undocumented")
        is_event = not (name.startswith("register_") or "_for_" in name) or name in (
            "register_converter_hooks", "register_demo_data")
        if not is_event and ":returns:" not in doc:
            problems.append(f"{name}: no :returns:")
        if "return" not in fn.__annotations__:
            problems.append(f"{name}: no return annotation")
        missing = [p for p in inspect.signature(fn).parameters if p not in fn.__annotations__]
        if missing:
            problems.append(f"{name}: parameters without a type annotation: {missing}")
    assert problems == []


def test_firstresult_only_for_the_for_family():
    for name, fn in _specs():
        opts = fn.thanthien_spec
        assert bool(opts.get("firstresult")) == ("_for_" in name), name


def test_check_pending_passes_with_all_installed_plugins():
    pm = make_plugin_manager(Settings(), load_entrypoints=True)
    pm.check_pending()
    assert pm.get_plugin("core") is not None
