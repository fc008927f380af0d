"""The render cache's key: which files a page's Markdown links name (publish/rendercache.py)."""

from __future__ import annotations

from generator.publish.rendercache import link_targets


def test_link_targets_are_every_relative_markdown_link_without_anchors():
    markdown = (
        'See [the figures](figures.md#g-1), ![a chart](img/chart.png "Chart") and '
        "[a person](<../people/jane doe.md>).\n"
        "[a site](https://example.org/a), [mail](mailto:desk@example.org), [here](#top), [root](/abs.md)\n"
        "[ref]: sources/a.md\n"
        "   [spaced]: <sources/b c.md>\n"
    )
    assert link_targets(markdown) == {
        "figures.md",
        "img/chart.png",
        "../people/jane doe.md",
        "sources/a.md",
        "sources/b c.md",
    }


def test_raw_html_and_plain_text_name_no_target():
    assert link_targets('<a href="../figures/">figures</a> and (parentheses) [brackets] here') == set()
