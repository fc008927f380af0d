"""check_cites / check_pages / run_check: good facts and pages pass, each kind of damage is named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check import check_cites, check_pages, is_source_page, run_check
from generator.errors import CheckError
from generator.models import Cite
from generator.site.render import render_pages
from generator.store.facts import fact_file_name
from tests.conftest import AFP_FILE

AFP_FACTS = "facts/articles/002_7de7c1baf47c190f.yaml"


@pytest.fixture
def docs(story, tmp_path) -> Path:
    """The fixture story rendered into tmp_path/docs."""
    facts, texts = story
    render_pages(facts, texts, tmp_path / "docs")
    return tmp_path / "docs"


def edit(path: Path, old: str, new: str, count: int = 0) -> None:
    """Replace old with new in a page (all occurrences unless count), asserting old was there."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count or -1), encoding="utf-8")


def test_good_facts_and_pages_pass(story, docs):
    facts, texts = story
    assert check_cites(facts, texts) == []
    assert check_pages(docs) == []
    run_check(facts, texts, docs)


def test_tampered_cite_is_reported_with_file_section_id_and_both_texts(story):
    facts, texts = story
    cite = facts[0].figures[0].cites[0]
    facts[0].figures[0].cites[0] = Cite(
        quote=cite.quote.replace("1,000", "10,000"), start=cite.start, end=cite.end
    )
    [problem] = check_cites(facts, texts)
    assert problem.startswith(f"{AFP_FACTS}: figures fig-in000001: cite 1: text[")
    assert "more than 1,000 people" in problem and "more than 10,000 people" in problem


def test_cite_problems_use_the_given_labels(story):
    facts, texts = story
    facts[0].quotes[0].cites[0] = Cite(quote="x", start=10**6, end=10**6 + 1)
    facts[0].what[0].cites = []
    problems = check_cites(facts, texts, labels={AFP_FILE: "facts/kz/afp.yaml"})
    assert problems == [
        "facts/kz/afp.yaml: what evt-tr000001: no cites; give the sentence the fact comes from",
        f"facts/kz/afp.yaml: quotes quo-pk000001: cite 1: span [1000000:1000001] out of range "
        f"(the article has {len(texts[AFP_FILE])} characters)",
    ]


def test_missing_article_text_is_reported_for_every_cite(story):
    facts, texts = story
    del texts[AFP_FILE]
    problems = check_cites(facts, texts)
    n_cites = sum(len(f.cites) for f in [*facts[0].who, *facts[0].what, *facts[0].figures, *facts[0].quotes])
    assert len(problems) == n_cites
    assert all(p.startswith(AFP_FACTS) and "article text missing" in p for p in problems)


def test_missing_anchor_is_reported_with_the_page(docs):
    edit(docs / "figures.md", '002-7de7c1baf47c190f/#s245"', '002-7de7c1baf47c190f/#s246"')
    assert check_pages(docs) == [
        "docs/figures.md: footnote c2 links to ../sources/002-7de7c1baf47c190f/#s246, "
        "but sources/002-7de7c1baf47c190f.md has no anchor s246"
    ]


def test_anchor_removed_from_the_source_page_is_reported_for_every_page_citing_it(docs):
    edit(docs / "sources/002-7de7c1baf47c190f.md", 'id="s245"', 'id="s9999"')
    pages = {p.split(":")[0] for p in check_pages(docs)}
    assert pages == {"docs/index.md", "docs/figures.md", "docs/sources/002-7de7c1baf47c190f.md"}


def test_link_to_a_page_that_is_not_a_generated_source_page_is_reported(docs):
    edit(docs / "figures.md", '"../sources/002-7de7c1baf47c190f/#s245"', '"../sources/elsewhere/#s245"')
    [problem] = check_pages(docs)
    assert problem.startswith("docs/figures.md: footnote c2 links to ../sources/elsewhere/#s245")


def test_page_without_citations_is_reported(docs):
    page = docs / "timeline.md"
    page.write_text(
        re.sub(r"<sup id=[^>]*>.*?</sup>", "", page.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert check_pages(docs) == ["docs/timeline.md: shows 3 fact(s) but has no footnote citation"]


def test_page_with_fewer_citations_than_facts_is_reported(docs):
    ref = (
        '<sup id="fnref2:c2" data-search-exclude><a class="footnote-ref" href="#fn:c2">2</a></sup>'  # 2nd use
    )
    edit(docs / "figures.md", f"Officials — as of 2022&#45;01&#45;06{ref}", "Officials")
    assert check_pages(docs) == ["docs/figures.md: shows 3 fact(s) but has only 2 footnote reference(s)"]


def test_hand_written_pages_are_not_checked(docs):
    (docs / "about.md").write_text("# About\n\nNo citations here [link](sources/nowhere.md#s1).\n")
    assert check_pages(docs) == []


def test_run_check_raises_with_every_problem(story, docs):
    facts, texts = story
    start = facts[1].quotes[0].cites[0].start
    facts[1].figures[0].cites = []
    edit(docs / "quotes.md", f'#s{start}"', f'#s{start + 1}"')
    with pytest.raises(CheckError) as caught:
        run_check(facts, texts, docs)
    assert len(caught.value.problems) == 2
    # the fact file as the writer names it (check used to report "001_Hostile Page.yaml")
    name = fact_file_name("001_Hostile Page.txt")
    assert f"facts/articles/{name}: figures fig-ho000002: no cites" in str(caught.value)
    assert "docs/quotes.md: footnote c1" in str(caught.value)


def test_source_pages_are_found_at_the_root_and_in_story_folders():
    assert is_source_page("sources/002-afp.md") and is_source_page("kz/sources/002-afp.md")
    others = ["sources/index.md", "kz/sources/index.md", "kz/people/tokayev.md", "figures.md", "sources.md"]
    for page in others:
        assert not is_source_page(page), page


def test_link_from_a_story_page_to_another_page_is_reported(docs):
    page = docs / "people/kassym-jomart-tokayev.md"
    edit(page, '"../../sources/002-7de7c1baf47c190f/#s', '"../../figures/#s', 1)
    [problem] = check_pages(docs)
    assert problem.startswith("docs/people/kassym-jomart-tokayev.md: footnote c2 links to ../../figures/#s")
    assert problem.endswith("which is not a generated source page")


def test_footnote_syntax_in_raw_html_is_no_reference(story, tmp_path):
    # an article (and so its source page's raw HTML and the JSON-LD) may contain "[^1]": Markdown leaves
    # raw HTML alone, so that is text, not a footnote reference the page would have to define
    facts, texts = story
    texts[AFP_FILE] = texts[AFP_FILE].replace("Russia-led troops", "Russia-led [^1] troops", 1)
    facts[0].source.title = "Title with [^2]"
    shift = len(" [^1]")
    for fact in [*facts[0].who, *facts[0].what, *facts[0].figures, *facts[0].quotes]:
        fact.cites = [
            Cite(quote=c.quote, start=c.start + shift, end=c.end + shift) if c.start > 20 else c
            for c in fact.cites
        ]
    render_pages(facts, texts, tmp_path / "docs")
    page = (tmp_path / "docs" / "sources" / "002-7de7c1baf47c190f.md").read_text(encoding="utf-8")
    assert ">Russia-led [^1] troops" in page and "Title with [^2]" in page
    assert check_pages(tmp_path / "docs") == []


def test_a_flood_of_problems_is_listed_briefly():
    problems = [f"docs/figures.md: footnote c{i} is used but never defined" for i in range(1, 1001)]
    error = CheckError(problems)
    lines = str(error).splitlines()
    assert lines[0].startswith("1000 citation problem(s)")
    assert (
        len(lines) == 1 + CheckError.SHOWN + 1
        and lines[-1] == f"  … and {1000 - CheckError.SHOWN} more (the first 50 are listed)"
    )
    assert error.problems == problems  # all of them kept for callers


def test_problems_name_the_fact_file_the_writer_writes(story, tmp_path):
    """A seed in a story folder with a space in its name: the problem names the file on disk."""
    from generator.store.facts import write_article_facts

    facts, texts = story
    af = facts[0].model_copy(deep=True)
    af.source.file = "kz/001_Hostile Page.txt"
    af.what[0].cites = []
    written = write_article_facts(tmp_path / "facts", af)
    [problem] = check_cites([af], {af.source.file: texts[facts[0].source.file]})
    assert written.name == fact_file_name("kz/001_Hostile Page.txt")
    assert written.name.startswith("kz--001_Hostile-Page~")
    assert problem.startswith(f"facts/articles/{written.name}: what ")
