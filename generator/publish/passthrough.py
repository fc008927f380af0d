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

A block marked UNINDEXED (footnotes, the fact lists of a section out of search) holds nothing that site
search indexes. Material's search plugin would still parse it, for half of a source page's indexing
time; so such a block stays an HTML comment, which the parser skips, until the page is indexed
(`held`, `put_back`): the search entries are the same and the page ends the same.
"""

from __future__ import annotations

import hashlib
import re
from html import unescape

START = "<!-- factsheet:html -->"
UNINDEXED = "<!-- factsheet:html unindexed -->"  # a START for a block that search does not index
END = "<!-- /factsheet:html -->"
_BLOCK = re.compile(
    rf"^({re.escape(START)}|{re.escape(UNINDEXED)})\n(.*?)\n{re.escape(END)}$", re.MULTILINE | re.DOTALL
)
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']*)["']""")
_HELD = "factsheet-held-"  # the placeholder of an UNINDEXED block
# what Material's search plugin removes from a page once it is indexed (material/plugins/search)
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def marked(html: str, indexed: bool = True) -> str:
    """A raw HTML block between the marks (it must stand on lines of its own, blank lines around);
    `indexed=False` for a block none of whose text site search indexes."""
    return f"{START if indexed else UNINDEXED}\n{html}\n{END}"


def hide(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each marked block replaced by a placeholder, and {placeholder: block}."""
    blocks: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        body = m.group(2)
        kind = "factsheet-html-" if m.group(1) == START else _HELD
        token = f"{kind}{hashlib.sha1(body.encode('utf-8')).hexdigest()[:16]}-{len(blocks)}"
        blocks[token] = body
        return token

    return _BLOCK.sub(swap, markdown), blocks


def restore(html: str, blocks: dict[str, str], hold: bool = False) -> str:
    """The converted HTML with each placeholder paragraph replaced by its block, as it was written; with
    `hold`, an UNINDEXED block's by a comment instead, until `put_back`."""
    for token, body in blocks.items():
        paragraph = f"<p>{token}</p>"
        if hold and token.startswith(_HELD):
            body = f"<!--{token}-->"
        html = html.replace(paragraph if paragraph in html else token, body, 1)
    return html


def held(blocks: dict[str, str]) -> dict[str, str]:
    """The UNINDEXED blocks among a page's blocks, {placeholder: block}."""
    return {token: body for token, body in blocks.items() if token.startswith(_HELD)}


def put_back(html: str, blocks: dict[str, str]) -> str:
    """The indexed page with its held blocks in place of their comments, without the data-search
    attributes with values that Material's search takes out of a page once it has indexed it."""
    for token, body in blocks.items():
        html = html.replace(f"<!--{token}-->", _SEARCH_ATTRIBUTES.sub("", body), 1)
    return html


def anchors(blocks: dict[str, str]) -> set[str]:
    """The ids in the blocks: anchors of the page, which MkDocs would have found in its raw HTML."""
    return {unescape(m.group(1)) for body in blocks.values() for m in _ID.finditer(body)}
