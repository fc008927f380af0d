"""The render cache's keys: which files a page's Markdown links name, what of the theme counts
(publish/rendercache.py)."""

from __future__ import annotations

from pathlib import Path

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


def test_the_theme_fingerprint_walks_only_the_folders_no_version_stands_for(tmp_path, monkeypatch):
    import pathlib

    import material

    from generator.publish.rendercache import theme_fingerprint

    mine = tmp_path / "overrides"
    (mine / "partials").mkdir(parents=True)
    page = mine / "partials" / "footer.html"
    page.write_text("<footer>one</footer>", encoding="utf-8")
    packaged = str(Path(material.__file__).parent / "templates")
    first = theme_fingerprint([str(mine), packaged])
    assert theme_fingerprint([str(mine), packaged]) == first
    page.write_text("<footer>two, longer</footer>", encoding="utf-8")
    assert theme_fingerprint([str(mine), packaged]) != first  # a file of one's own theme folder counts
    walked = []
    rglob = pathlib.Path.rglob
    monkeypatch.setattr(
        pathlib.Path, "rglob", lambda self, pattern: walked.append(self) or rglob(self, pattern)
    )
    theme_fingerprint([str(mine), packaged])
    assert walked == [mine]  # Material's own folder is known by Material's version
