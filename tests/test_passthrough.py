"""publish/passthrough.py: the generator's whole raw HTML blocks go around Python-Markdown and come back
as they were written; the converted page is the same HTML as without the pass-through."""

from __future__ import annotations

import markdown

from generator.publish.passthrough import (
    END,
    START,
    anchors,
    held,
    hide,
    marked,
    put_back,
    restore,
    stand_in,
)

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


LIST = (
    '<ul>\n<li id="f-fig-1"><strong>3</strong> bridges closed'
    '<sup id="fnref:c1"><a href="#fn:c1">1</a></sup></li>\n</ul>'
)


def page(indexed: bool = True) -> str:
    facts = "## Facts\n\n- **3** bridges closed"
    unindexed = f"### Figures {{ data-search-exclude }}\n\n{marked(LIST, indexed)}"
    return (
        f"# Bridges\n\n## Article text\n\n{marked(ARTICLE)}\n\n{facts}\n\n{unindexed}\n\n"
        f"### People\n\n- **Ann Lee**, mayor\n\n{marked(NOTES, indexed)}\n"
    )


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_marked_blocks_are_replaced_by_placeholders_and_put_back_verbatim():
    hidden, blocks = hide(page())
    assert START not in hidden and END not in hidden and "fs-article" not in hidden
    assert list(blocks.values()) == [ARTICLE, LIST, NOTES]
    html = restore(convert(hidden), blocks)
    assert ARTICLE in html and LIST in html and NOTES in html
    assert not any(token in html for token in blocks)


def test_the_page_converts_to_the_same_html_with_or_without_the_pass_through():
    direct = convert(page())
    through = restore(convert(hide(page())[0]), hide(page())[1])
    squeeze = lambda s: "".join(s.split())  # noqa: E731 - Markdown's blank lines between blocks differ
    assert squeeze(through) == squeeze(direct.replace(START, "").replace(END, ""))
    assert '<h2 id="facts">Facts</h2>' in through and "<strong>Ann Lee</strong>" in through


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


def search_entries(html: str) -> list[tuple]:
    """What Material's search parser makes of a page: (heading, title, text) of each section it keeps."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    kept = [s for s in parser.data if not s.is_excluded()]
    return [(s.el.tag, "".join(s.title).strip(), "".join(s.text).strip()) for s in kept]


def test_blocks_search_does_not_index_are_held_as_comments_and_the_index_is_the_same():
    """Footnotes and the lists of a section out of search are held out of the search parser's way: it
    makes the same sections of the page, and the page ends as it would have been."""
    hidden, blocks = hide(page(indexed=False))
    converted = convert(hidden)
    whole = restore(converted, blocks)
    holding = restore(converted, blocks, hold=True)
    assert list(held(blocks, holding).values()) == [ARTICLE, LIST, NOTES]  # the article: read as a stand-in
    assert LIST not in holding and NOTES not in holding and ARTICLE not in holding
    assert stand_in(ARTICLE) in holding and "<span" not in stand_in(ARTICLE)
    assert search_entries(holding) == search_entries(whole)
    assert any("three" in text for _, _, text in search_entries(whole))  # the article's words are found
    assert put_back(holding, held(blocks, holding)) == whole
    # the same page with every block indexed converts to the same HTML
    assert whole == restore(convert(hide(page())[0]), hide(page())[1])


def test_search_reads_an_indexed_block_as_the_same_entries_from_fewer_tags():
    # names and figures marked and linked in the sentences, white space alone between tags (a no-break
    # space, new lines), text in a link's title: the stand-in gives the search parser the same entries
    article = (
        '<div class="fs-article" markdown="0">\n<p><span class="fs-s" id="s0"><mark class="fs-hl">'
        '<a href="../../people/ann-lee/" title="Person: Ann Lee">Ann Lee</a></mark> said '
        '<mark class="fs-hl fs-hl-figure"><a href="../../figures/#g-1">3</a></mark> bridges'
        "<b>\u00a0</b></span>\n<span>\n</span> <em>closed</em>&amp; <i>\u00a0 </i><br>x<sup>2</sup></p>\n"
        "<ul>\n<li>one <code>a&lt;b</code></li>\n</ul>\n</div>"
    )
    text = stand_in(article)
    assert "<a " not in text and "<mark" not in text and "<sup>" in text and "<code>" in text
    for block in (article, LIST, ARTICLE):
        md = f"# Page\n\n## Article text {{ #article-text }}\n\n{marked(block)}\n\nAfter.\n"
        hidden, blocks = hide(md)
        converted = convert(hidden)
        whole, holding = restore(converted, blocks), restore(converted, blocks, hold=True)
        assert search_entries(holding) == search_entries(whole)
        assert put_back(holding, held(blocks, holding)) == whole


def test_a_block_whose_tags_steer_the_search_parser_is_given_to_it_whole():
    for block in (
        '<div><h3 id="a">A heading</h3><p>text</p></div>',  # a section of its own
        "<div><p>kept</p><span data-search-exclude>left out</span></div>",
        "<div><script>var x = 1;</script><p>text</p></div>",
        "<pre><span>  spaced   code</span></pre>",
    ):
        assert stand_in(block) is None, block
        hidden, blocks = hide(f"# Page\n\n{marked(block)}\n")
        holding = restore(convert(hidden), blocks, hold=True)
        assert held(blocks, holding) == {} and block in holding


def test_the_ids_in_blocks_are_anchors_of_the_page():
    """MkDocs finds anchors in raw HTML; a block taken out of its way gives its ids back (a link from a
    hand-written page to a sentence of a source page must resolve under --strict)."""
    _, blocks = hide(page())
    assert anchors(blocks) == {"s0", "s61", "fn:c1", "f-fig-1", "fnref:c1"}


def test_a_hand_written_page_may_link_to_a_sentence_of_a_source_page(tmp_path):
    """The sentence anchors are in a block MkDocs does not see; under --strict a link to one from a
    person's own page still resolves, and one to a missing sentence still fails."""
    from generator.errors import SiteError
    from generator.pipeline import Config, build
    from tests.conftest import build_project

    article = "Bridge closes\n\nThe council closed the old bridge on Monday, its leader Ann Lee said.\n"
    root = build_project(tmp_path / "project", {"herald.txt": article})
    note = root / "docs" / "notes.md"
    note.write_text("# Notes\n\nSee [the closure](sources/herald.md#s15).\n", encoding="utf-8")
    assert build(Config(root=root)).site_built
    note.write_text("# Notes\n\nSee [nothing](sources/herald.md#s9999).\n", encoding="utf-8")
    try:
        build(Config(root=root))
    except SiteError as exc:
        assert "s9999" in str(exc)
    else:
        raise AssertionError("a link to a missing anchor passed --strict")
