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
# what Material's search parser reads of a tag (material/plugins/search/plugin.py, Parser): it keeps
# these tags in an entry's text and takes only the text of the others; but a heading with an id starts a
# section, and script, style, object, data-search-exclude and linenodiv leave out what they hold
_KEPT_TAGS = ("p", "code", "pre", "li", "ol", "ul", "sub", "sup")
_TAG = re.compile(r"(<[^>]*>)")  # the generator's raw HTML escapes every < and > of its text and values
_KEPT_TAG = re.compile(rf"</?(?:{'|'.join(_KEPT_TAGS)})\b")
_STEERS = re.compile(r"<(?:h[1-6]|script|style|object|pre)\b|data-search-exclude|linenodiv", re.IGNORECASE)


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
    `hold`, an UNINDEXED block's by a comment instead, and an indexed block's by its text for search
    (stand_in) between two comments, until `put_back`."""
    for token, body in blocks.items():
        paragraph = f"<p>{token}</p>"
        if hold and token.startswith(_HELD):
            body = f"<!--{token}-->"
        elif hold and (text := stand_in(body)) is not None:
            body = f"<!--{token}-->{text}<!--/{token}-->"
        html = html.replace(paragraph if paragraph in html else token, body, 1)
    return html


def stand_in(body: str) -> str | None:
    """What Material's search reads of an indexed block: the block without the tags its parser drops
    (it keeps p, lists, sub, sup and code, and the text of the others), so the same entries come of
    fewer tags; None for a block whose tags steer the parser (headings, skipped or excluded parts).

    A source page's article text marks every name and figure with a link in a highlight: parsing those
    tags was half of its search indexing."""
    if _STEERS.search(body):
        return None
    out: list[str] = []
    run: list[str] = []  # the text between two kept tags, in the pieces the parser would have read

    def joined() -> str:
        # as the parser appends the pieces: white space alone as one space, unless it follows white
        # space alone ('wounded' and a lone no-break space give 'wounded ', not 'wounded\xa0')
        text, spaced = "", False
        for piece in run:
            if piece.isspace():
                text, spaced = (text if spaced else text + " "), True
            else:
                text, spaced = text + piece.replace("\n", " "), False
        run.clear()
        return text

    for piece in _TAG.split(body):
        if not piece:
            continue
        if piece.startswith("<"):
            if _KEPT_TAG.match(piece):
                out += [joined(), piece]
            continue  # a dropped tag only parts the text around it
        if unescape(piece).isspace() != piece.isspace():
            return None  # white space written as a reference: only the parser knows it as such
        run.append(piece)
    return "".join([*out, joined()])


def held(blocks: dict[str, str], html: str) -> dict[str, str]:
    """The blocks that restore(hold=True) held out of search's way in `html`, {placeholder: block}: the
    UNINDEXED ones, and the indexed ones it gave search a stand-in for (each marked by its comment)."""
    return {token: body for token, body in blocks.items() if f"<!--{token}-->" in html}


def put_back(html: str, blocks: dict[str, str]) -> str:
    """The indexed page with its held blocks in place of their comments (and stand-ins), without the
    data-search attributes with values that Material's search takes out of a page once it has indexed it."""
    for token, body in blocks.items():
        start, close = f"<!--{token}-->", f"<!--/{token}-->"
        at = html.find(start)
        if at == -1:
            continue
        end = html.find(close, at)
        end = at + len(start) if end == -1 else end + len(close)
        html = html[:at] + _SEARCH_ATTRIBUTES.sub("", body) + html[end:]
    return html


def anchors(blocks: dict[str, str]) -> set[str]:
    """The ids in the blocks: anchors of the page, which MkDocs would have found in its raw HTML."""
    return {unescape(m.group(1)) for body in blocks.values() for m in _ID.finditer(body)}
