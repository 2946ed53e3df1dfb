"""Documentation contracts: the documents in docs/ describe the code as it is.

* docs/hooks.md has one section per hook spec, and every section is a spec;
* docs/plugin-guide.md names every hook (linking to docs/hooks.md);
* no tracked document or source points outside the repository for its references.
"""
from __future__ import annotations

import inspect
import re
import subprocess
from pathlib import Path

from thanthien.core import hookspecs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TEXT_SUFFIXES = {".py", ".md", ".toml", ".html", ".txt", ".cfg", ".ini", ".json", ".yml", ".yaml", ".j2"}


def spec_names() -> set[str]:
    return {name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "thanthien_spec")}


def hook_headings() -> list[str]:
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"^### `?([A-Za-z_]+)`?\s*$", text, flags=re.M)]


def test_every_hook_spec_has_a_section_in_hooks_md():
    assert sorted(spec_names() - set(hook_headings())) == []


def test_every_section_of_hooks_md_is_a_hook_spec():
    headings = hook_headings()
    assert sorted(set(headings) - spec_names()) == []
    assert len(headings) == len(set(headings)), "a hook has two sections"


def test_every_section_says_when_what_and_returns():
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)[1:]
    for section in sections:
        name = section.split("\n", 1)[0].strip("` ")
        if "Deprecated" in section:
            continue
        for part in ("**Called:**", "**Arguments:**", "**Returns:**"):
            assert part in section, f"{name}: {part} missing"



def test_the_plugin_guide_names_every_hook():
    guide = (DOCS / "plugin-guide.md").read_text(encoding="utf-8")
    assert "hooks.md" in guide
    missing = sorted(name for name in spec_names() if f"`{name}`" not in guide)
    assert missing == []


def _tracked_files() -> list[str]:
    """Every file git tracks (the whole repository, plan modules included); outside a git
    checkout (an sdist) every file under the root except virtual environments."""
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return [line for line in out.splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        skip = {".venv", ".git", "build", "node_modules"}
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                if p.is_file() and not skip.intersection(p.relative_to(ROOT).parts)]


def test_documents_point_inside_the_repository():
    """The architecture text, the glossary and the rules reference ship with the code."""
    for name in ("architecture.md", "glossary.md", "rules.md", "hooks.md", "plugin-guide.md"):
        assert (DOCS / name).exists(), name
    outside = re.compile(r"\.\./shared|DESIGN\.md|DOMAIN\.md")
    offenders = []
    for rel in _tracked_files():
        path = ROOT / rel
        if path.name == "test_docs.py" or not path.is_file():
            continue
        if path.suffix not in TEXT_SUFFIXES and path.name not in {"run", "Makefile"}:
            continue
        if outside.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(rel)
    assert offenders == []
