"""Safe rich text and safe uploads for notices (nội dung an toàn, tệp đính kèm).

Notice bodies are sanitised by core (:mod:`thanthien.core.richtext`, ``nh3``) whoever
publishes them, and uploads by :mod:`thanthien.core.uploads`; this module adds the
public-output safety net.

Uploads are checked by their content, not by the name or the browser's claim: the first
bytes must be those of a PDF or of a PNG, JPEG, GIF or WebP image, and the file name's
extension and the declared content type (if any) must agree with what the bytes are.
"""
from __future__ import annotations

import re

from thanthien.core.privacy import mask
from thanthien.core.richtext import clean_html, html_to_text  # noqa: F401 - used by the module
from thanthien.core.uploads import check_upload  # noqa: F401 - used by the module

# R-DL-07 / R-DL-14: a safety net for public output — personal ID and phone numbers
# typed into a body are masked before a public page or feed shows it.
_CITIZEN_ID = re.compile(r"(?<![\d])(\d{12}|\d{9})(?![\d])")
_PHONE = re.compile(r"(?<![\d+])((?:\+84|0)(?:[ .]?\d){9,10})(?![\d])")


def redact_public(text: str) -> str:
    text = _PHONE.sub(lambda m: mask("phone", re.sub(r"\D", "", m.group(1))), text)
    return _CITIZEN_ID.sub(lambda m: mask("citizen_id", m.group(1)), text)
