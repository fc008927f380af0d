"""Pass-through: the raw HTML blocks the generator writes whole go around Python-Markdown.

A source page's article text and every page's footnotes are raw HTML that Markdown has nothing to do
with, yet it reads each with its HTML parser (md_in_html again, to find where a block ends) before it
stashes it unchanged: on a source page that is a third of the page's conversion. The generator puts
such a block between a START and an END comment line (site/highlight.py, templates/_page.md.j2); the
factsheet plugin swaps each marked block for a placeholder paragraph before MkDocs converts the page,
and puts the block back in place of the placeholder in the converted HTML. Without the plugin the
marks are plain HTML comments and the block is converted as before.

A placeholder is made from a digest of its block, so the same Markdown gives the same placeholders
(the render cache keys pages by their Markdown: publish/rendercache.py), and no article text can
spell one: article text reaches a page escaped, and a placeholder is a word of its own paragraph.
"""

from __future__ import annotations

import hashlib
import re

START = "<!-- factsheet:html -->"
END = "<!-- /factsheet:html -->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.MULTILINE | re.DOTALL)


def marked(html: str) -> str:
    """A raw HTML block between the marks (it must stand on lines of its own, blank lines around)."""
    return f"{START}\n{html}\n{END}"


def hide(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each marked block replaced by a placeholder, and {placeholder: block}."""
    blocks: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        body = m.group(1)
        token = f"factsheet-html-{hashlib.sha1(body.encode('utf-8')).hexdigest()[:16]}-{len(blocks)}"
        blocks[token] = body
        return token

    return _BLOCK.sub(swap, markdown), blocks


def restore(html: str, blocks: dict[str, str]) -> str:
    """The converted HTML with each placeholder paragraph replaced by its block, as it was written."""
    for token, body in blocks.items():
        paragraph = f"<p>{token}</p>"
        html = html.replace(paragraph if paragraph in html else token, body, 1)
    return html
