"""Regeneration: unchanged articles are not re-extracted, hand work is never lost."""

from __future__ import annotations

import shutil

import pytest

from generator import pipeline
from generator.errors import FactsError
from generator.store import changes, facts
from generator.story import corrections as curate
from tests.shared_data import REPO

ARTICLES = {
    "harbour.txt": "Fire at the harbour\n\nMore than 40 boats burned overnight, the port authority said.\n",
    "bridge.txt": "Bridge closed\n\nThe Lune bridge was closed on Monday after engineers found two cracks.\n",
}


@pytest.fixture
def project(tmp_path):
    """A small project: two invented articles and the repository's mkdocs.yml."""
    (tmp_path / "seeds").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build(root, **kw) -> pipeline.Report:
    """One build without MkDocs."""
    return pipeline.build(pipeline.Config(root=root, build_site=False, **kw))


def test_one_changed_article_is_the_only_one_extracted(project):
    first = build(project)
    assert sorted(first.added) == ["bridge.txt", "harbour.txt"] and first.reused == []
    again = build(project)
    assert again.added == again.changed == again.removed == [] and sorted(again.reused) == sorted(ARTICLES)
    (project / "seeds" / "bridge.txt").write_text(
        ARTICLES["bridge.txt"].replace("two", "three"), encoding="utf-8"
    )
    third = build(project)
    assert third.changed == ["bridge.txt"] and third.reused == ["harbour.txt"]
    (project / "seeds" / "harbour.txt").unlink()
    fourth = build(project)
    assert fourth.removed == ["harbour.txt"]
    assert not (project / "facts" / "articles" / "harbour.yaml").exists()


def test_a_correction_survives_regeneration(project):
    build(project)
    harbour = facts.read_article_facts(project / "facts" / "articles" / "harbour.yaml")
    fig = next(f for f in harbour.figures if f.value == 40)
    (project / "facts" / "curation.yaml").write_text(
        f"corrections:\n  - id: {fig.id}\n    set: {{attributed_to: Port of Lune authority}}\n"
        "    note: Named in the authority's statement.\n",
        encoding="utf-8",
    )
    for _ in range(2):  # the correction is applied again on every build
        report = build(project)
        assert report.corrections == 1 and report.stale == []
        page = (project / "docs" / "figures.md").read_text(encoding="utf-8")
        assert "Port of Lune authority" in page
    # the extraction itself stays as extracted: the correction lives in curation.yaml
    assert (
        facts.read_article_facts(project / "facts" / "articles" / "harbour.yaml").figures == harbour.figures
    )


def test_a_stale_correction_is_reported(project):
    build(project)
    (project / "facts" / "curation.yaml").write_text(
        "corrections:\n  - id: fig-0000000000\n    reject: true\n", encoding="utf-8"
    )
    report = build(project)
    assert len(report.stale) == 1 and "fig-0000000000" in report.stale[0]


def test_a_hand_edited_fact_file_is_never_overwritten(project):
    build(project)
    path = project / "facts" / "articles" / "harbour.yaml"
    edited = path.read_text(encoding="utf-8").replace("port authority", "harbour master")
    path.write_text(edited, encoding="utf-8")
    (project / "seeds" / "harbour.txt").write_text(
        ARTICLES["harbour.txt"] + "\nA second fire.\n", encoding="utf-8"
    )
    with pytest.raises(FactsError, match="edited by hand"):
        build(project)
    assert path.read_text(encoding="utf-8") == edited
    build(project, discard_edits=True)
    assert "harbour master" not in path.read_text(encoding="utf-8")


def test_a_bad_curation_file_stops_the_build_before_anything_is_written(project):
    build(project)
    before = {p: p.read_bytes() for p in (project / "facts").rglob("*.yaml")}
    (project / "facts" / "curation.yaml").write_text(
        "corrections:\n  - id: fig-x\n    sett: {}\n", encoding="utf-8"
    )
    (project / "seeds" / "bridge.txt").write_text(
        "Bridge reopened\n\nThe bridge reopened.\n", encoding="utf-8"
    )
    with pytest.raises(Exception, match="curation"):
        build(project)
    assert {p: p.read_bytes() for p in before} == before


def test_a_correction_that_could_not_be_written_stops_the_build_before_anything_is_written(project):
    build(project)
    harbour = facts.read_article_facts(project / "facts" / "articles" / "harbour.yaml")
    before = {p: p.read_bytes() for p in (project / "facts").rglob("*.yaml")}
    before.update({p: p.read_bytes() for p in (project / "docs").rglob("*.md")})
    (project / "facts" / "curation.yaml").write_text(
        f"corrections:\n  - id: {harbour.figures[0].id}\n    set: {{value: .nan}}\n"
        "  - id: evt-0000000000\n    set: {when: 6 January 2022}\n",
        encoding="utf-8",
    )
    (project / "seeds" / "bridge.txt").write_text(
        "Bridge reopened\n\nThe bridge reopened.\n", encoding="utf-8"
    )
    with pytest.raises(curate.CurationError) as err:
        build(project)
    assert [p.split(": ")[0] for p in err.value.problems] == [
        f"{project / 'facts' / 'curation.yaml'}:3",
        f"{project / 'facts' / 'curation.yaml'}:5",
    ]
    assert {p: p.read_bytes() for p in before} == before


def test_a_hand_written_page_in_docs_is_built_when_added_edited_or_removed(project):
    def site_build():
        return pipeline.build(pipeline.Config(root=project))

    assert not site_build().up_to_date
    assert site_build().up_to_date
    page, built = project / "docs" / "about.md", project / "site" / "about" / "index.html"
    page.write_text("# About this fact sheet\n\nWritten by the desk.\n", encoding="utf-8")
    assert not site_build().up_to_date  # the page is new: the site is built with it
    assert "Written by the desk." in built.read_text(encoding="utf-8")
    assert site_build().up_to_date  # and then nothing changed
    page.write_text("# About this fact sheet\n\nRewritten by the desk.\n", encoding="utf-8")
    assert not site_build().up_to_date
    assert "Rewritten by the desk." in built.read_text(encoding="utf-8")
    page.unlink()
    assert not site_build().up_to_date
    assert not built.exists()
    assert site_build().up_to_date


def test_what_changed_is_recorded_and_shown(project):
    build(project)
    build(project)  # nothing changed: no new entry
    assert len(changes.load(project / "facts")) == 1
    (project / "seeds" / "bridge.txt").write_text(
        ARTICLES["bridge.txt"] + "\nOfficials said 12 lorries were diverted.\n", encoding="utf-8"
    )
    report = build(project)
    newest = report.history[0]
    assert any("12" in c.text and c.section == "figures" for c in newest.added)
    assert len(changes.load(project / "facts")) == 2
    page = (project / "docs" / "whats-new.md").read_text(encoding="utf-8")
    assert "**1 new figure:** [lorries" in page and "bridge&#46;txt" not in page  # for people, not a log


def test_whats_new_tells_a_new_source_a_revised_toll_and_new_quotes(project):
    (project / "seeds" / "harbour.txt").write_text(
        "Fire at the harbour\n\n6 March 2031\n\n"
        "On Monday, 40 boats were destroyed, the port authority said.\n",
        encoding="utf-8",
    )
    build(project)
    (project / "seeds" / "later.txt").write_text(
        "Harbour fire toll rises\n\n7 March 2031\n\n"
        "By Tuesday evening, 55 boats had been destroyed, the port authority said.\n\n"
        '"We will rebuild the harbour," said Mayor Jane Holt.\n',
        encoding="utf-8",
    )
    build(project)
    page = (project / "docs" / "whats-new.md").read_text(encoding="utf-8")
    newest = page[page.index("## Update 2") : page.index("## Update 1")]
    assert "**1 new source:** [Harbour fire toll rises](sources/later.md)" in newest
    assert "**Revised:** [boats destroyed](figures.md#g-" in newest and "40 → 55" in newest
    assert "**1 new quote:** 1 by [Jane Holt](quotes.md#q-later-" in newest


def test_a_build_collects_less_often_and_puts_the_collector_back():
    import gc

    from generator.collector import GC_THRESHOLDS, fewer_collections, paused_gc

    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == GC_THRESHOLDS
        with paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled()
    assert gc.get_threshold() == before


def test_whats_new_names_the_first_new_sources_and_says_where_the_others_are(project, monkeypatch):
    from generator.site.pages import whats_new

    monkeypatch.setattr(whats_new, "SOURCES_SHOWN", 1)  # a first build of an archive adds thousands
    build(project)
    page = (project / "docs" / "whats-new.md").read_text(encoding="utf-8")
    line = next(x for x in page.splitlines() if x.startswith("- **2 new sources:**"))
    # the sources in file order: the first linked to its page, then the count of the others
    assert line == (
        "- **2 new sources:** [Bridge closed](sources/bridge.md); "
        "and 1 more, listed with the others on [Sources](sources/index.md)"
    )
