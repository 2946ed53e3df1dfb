"""Safe rich text (nội dung định dạng an toàn) from staff, with ``nh3`` (docs/architecture.md, "Measured choices").

Only formatting tags survive; ``<script>``/``<style>`` go with their content, event
handlers and ``style`` attributes go, and links keep only http, https, mailto and tel URLs
(no ``javascript:``). Core stores every notice body through :func:`clean_html`, whichever
plugin publishes it, so pages may show a stored body as HTML.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str | None) -> str:
    """The stored form of a notice body: sanitised HTML."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def html_to_text(html: str | None) -> str:
    """Plain text of a (sanitised) body, for the loudspeaker script and social posts."""
    text = nh3.clean(re.sub(r"(?i)<br\s*/?>|</p>|</li>|</h[2-4]>|</tr>", "\n", html or ""), tags=set())
    text = (
        text.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
    )
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
