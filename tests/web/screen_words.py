"""The visible words of a page (issue 15 item 7): what a person reads, checked for internal
codes — ISO dates, English state names, bare rule IDs (helpers of test_screen_words.py).

Convention for rule IDs (docs/glossary.md, "căn cứ"): a rule ID may be shown only as a
detail of the legal basis written in words — the innermost element around it must also
carry at least :data:`RULE_WORDS` words other than rule IDs, e.g.
``<small>Thời hạn theo Luật Khiếu nại (R-KN-03)</small>``; a cell or line holding only
``R-KN-03`` (or "Căn cứ: R-KN-03") is a bare rule ID.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
RULE_ID = re.compile(r"\bR-[A-Z]{2,5}-\d{2}\b")
WORD = re.compile(r"[^\W\d_]{2,}")
#: words besides the rule IDs an element needs for its rule IDs not to be bare
RULE_WORDS = 3
#: what a person does not read as text: scripts, styles and code samples
HIDDEN = {"script", "style", "code", "pre", "kbd", "samp", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def state_words(case_types) -> set[str]:
    """The state keys of the registered case types that are English words (``open``,
    ``in_progress``): shown on a page, they are an internal code."""
    return {s.key for ct in case_types for s in ct.states if re.fullmatch(r"[a-z]+(?:_[a-z]+)*", s.key)}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = [["#root", [], []]]  # tag, text parts, rule IDs in own text
        self.hidden = 0
        self.texts: list[str] = []
        self.bare: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag in HIDDEN:
            self.hidden += 1
        self.stack.append([tag, [], []])

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID or not any(entry[0] == tag for entry in self.stack[1:]):
            return
        while True:
            entry = self.stack.pop()
            self._close(entry)
            if entry[0] == tag:
                break

    def _close(self, entry):
        tag, parts, ids = entry
        if tag in HIDDEN:
            self.hidden -= 1
        text = " ".join(parts)
        if ids and len(WORD.findall(RULE_ID.sub(" ", text))) < RULE_WORDS:
            self.bare.append(" ".join(text.split()))
        self.stack[-1][1].append(text)

    def handle_data(self, data):
        if self.hidden or not data.strip():
            return
        self.texts.append(data)
        self.stack[-1][1].append(data)
        self.stack[-1][2].extend(RULE_ID.findall(data))

    def close(self):
        super().close()
        while len(self.stack) > 1:
            self._close(self.stack.pop())
        self._close(self.stack[0])


def findings(html: str, states: set[str]) -> list[str]:
    """What a page shows that a person should not read: each as a short Vietnamese line."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    out = []
    state_re = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, states), key=len, reverse=True))
                          + r")(?![\w-])") if states else None
    for text in parser.texts:
        line = " ".join(text.split())
        out += [f"ngày ISO {m!r} trong {line[:80]!r}" for m in ISO_DATE.findall(text)]
        if state_re is not None:
            out += [f"trạng thái tiếng Anh {m!r} trong {line[:80]!r}" for m in state_re.findall(text)]
    out += [f"mã quy tắc trơ trọi trong {line[:80]!r}" for line in parser.bare]
    return out
