"""Escaping: article-derived text made inert for Markdown, raw HTML, links and <script> JSON.

Article-derived text is hostile until proven otherwise: the Jinja environment does not autoescape
(the output is Markdown, not HTML), so templates pass every such string through `md`, which turns it
into inert text, and raw HTML (the article body, the charts) is escaped with `html_text`.
"""

from __future__ import annotations

import html
import json
import re

# Python-Markdown placeholders use STX/ETX; other C0 controls have no business in a page either
_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])
# numeric references for the ASCII punctuation that Markdown, attr_list, tables, HTML or Jinja act on
_MD_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"'~^=:$"}
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def md_text(value: object) -> str:
    """Return `value` as one line of Markdown that renders literally: no HTML, no Markdown syntax."""
    return " ".join(str(value).translate(_CONTROLS).split()).translate(_MD_SPECIAL)


def html_text(value: object) -> str:
    """Return `value` escaped for raw HTML (text or a quoted attribute)."""
    return html.escape(str(value).translate(_CONTROLS), quote=True)


def safe_url(value: str | None) -> str | None:
    """Return the URL when it is a plain http(s) URL that may be linked, else None."""
    return value if value and _SAFE_URL.fullmatch(value) else None


def script_json(value: object) -> str:
    """Return value as one line of JSON that is safe inside a <script> element of a Markdown page: ASCII
    only, with <, > and & written as \\u escapes (outside strings JSON has none of them), so no text can
    close the element, open a comment or be read as a character reference."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
