"""publish/passthrough.py: the generator's whole raw HTML blocks go around Python-Markdown and come back
as they were written; the converted page is the same HTML as without the pass-through."""

from __future__ import annotations

import markdown

from generator.publish.passthrough import END, START, hide, marked, restore

EXTENSIONS = ["footnotes", "tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences"]

ARTICLE = (
    '<div class="fs-article" markdown="0">\n'
    '<p><span class="fs-s" id="s0">The mayor said *three* bridges &amp; <b>two</b> roads closed.</span></p>\n'
    '<p><span class="fs-s" id="s61">A # is not a heading, nor is [this](a link).</span></p>\n'
    "</div>"
)
NOTES = (
    '<div class="footnote" data-search-exclude>\n<ol>\n'
    '<li id="fn:c1"><p>Herald: “The mayor said.”</p></li>\n</ol>\n</div>'
)


def page() -> str:
    facts = "## Facts\n\n- **3** bridges closed"
    return f"# Bridges\n\n## Article text\n\n{marked(ARTICLE)}\n\n{facts}\n\n{marked(NOTES)}\n"


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_marked_blocks_are_replaced_by_placeholders_and_put_back_verbatim():
    hidden, blocks = hide(page())
    assert START not in hidden and END not in hidden and "fs-article" not in hidden
    assert list(blocks.values()) == [ARTICLE, NOTES]
    html = restore(convert(hidden), blocks)
    assert ARTICLE in html and NOTES in html
    assert not any(token in html for token in blocks)


def test_the_page_converts_to_the_same_html_with_or_without_the_pass_through():
    direct = convert(page())
    through = restore(convert(hide(page())[0]), hide(page())[1])
    squeeze = lambda s: "".join(s.split())  # noqa: E731 - Markdown's blank lines between blocks differ
    assert squeeze(through) == squeeze(direct.replace(START, "").replace(END, ""))
    assert '<h2 id="facts">Facts</h2>' in through and "<strong>3</strong>" in through


def test_two_equal_blocks_get_two_placeholders_and_a_page_without_marks_is_left_alone():
    text = f"{marked(NOTES)}\n\nBetween.\n\n{marked(NOTES)}\n"
    hidden, blocks = hide(text)
    assert len(blocks) == 2 and len(set(blocks)) == 2
    assert restore(convert(hidden), blocks).count(NOTES) == 2
    plain = "# Title\n\n<div>raw</div>\n"
    assert hide(plain) == (plain, {})


def test_placeholders_depend_on_the_block_only():
    """The render cache keys a page by its Markdown after the pass-through: the same page gives the same
    placeholders, another block another one."""
    assert hide(page())[0] == hide(page())[0]
    other = page().replace("three", "four")
    assert hide(other)[0] != hide(page())[0]
