"""A site of several stories: a change in one story rebuilds only that story (its facts, pages and site
part), and the result is byte for byte what a cold build of the same seeds gives."""

from __future__ import annotations

import filecmp
import multiprocessing
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.publish.linkcheck import check_site
from tests.shared_data import REPO

STORIES = {
    "flood": {
        "herald.txt": "River floods Riverton\n\nThe river burst its banks on Monday and 120 homes were "
        'flooded, Mayor Jane Doe said. "We are doing all we can," she said.\n',
        "courier.txt": "Riverton counts the cost\n\nThe fire service said 95 homes were flooded in Riverton "
        "on Monday.\n",
    },
    "strike": {
        "post.txt": "Dockers strike in Lune\n\nAbout 300 dockers walked out on Tuesday, the union said.\n",
        "times.txt": "Port of Lune shut\n\nThe Port of Lune was shut on Tuesday as 300 dockers went on "
        "strike, union leader Sam Reyes said.\n",
    },
    "vote": {
        "gazette.txt": "Council backs new bridge\n\nThe council voted 12 to 5 on Wednesday to build a bridge "
        "over the Lune, council leader Ann Patel said.\n",
    },
}
HISTORY = {"changes.yaml", "whats-new.md"}


def project(root: Path) -> Path:
    """A project of three invented stories and the repository's mkdocs.yml."""
    for story, articles in STORIES.items():
        (root / "seeds" / story).mkdir(parents=True)
        for name, text in articles.items():
            (root / "seeds" / story / name).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build(root: Path) -> pipeline.Report:
    return pipeline.build(pipeline.Config(root=root, jobs=2))


def differences(one: Path, two: Path) -> list[str]:
    """The files that differ between two folders, or that only one of them has (recursively)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, where: str) -> None:
        found.extend(f"{where}{name}" for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{where}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(filecmp.dircmp(one, two), "")
    return sorted(found)


def history_only(paths: list[str]) -> bool:
    """True when every differing file is a record of the build's history (What's new, changes.yaml)."""
    return all(p.startswith(("whats-new/", "data/whats-new.")) or p in HISTORY for p in paths)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """(a project built, then rebuilt after one article of one story changed; its two reports; and a cold
    build of the changed seeds in another folder)."""
    root = project(tmp_path_factory.mktemp("incremental"))
    first = build(root)
    folders = {
        (top, story): (root / top / story).stat().st_ino for top in ("docs", "site") for story in STORIES
    }
    (root / "seeds" / "strike" / "post.txt").write_text(
        STORIES["strike"]["post.txt"] + "\nThe union said 40 ships were waiting.\n", encoding="utf-8"
    )
    second = build(root)
    cold = project(tmp_path_factory.mktemp("cold"))
    shutil.copy(root / "seeds" / "strike" / "post.txt", cold / "seeds" / "strike" / "post.txt")
    return root, first, second, cold, build(cold), folders


def test_one_changed_article_rebuilds_only_its_story(rebuilt):
    _, first, second, *_ = rebuilt
    assert first.stories == first.reconciled == first.rendered == first.sites == ["flood", "strike", "vote"]
    assert second.changed == ["strike/post.txt"] and len(second.reused) == 4
    assert second.reconciled == second.rendered == second.sites == ["strike"]
    # MkDocs converted again only the pages of the story whose Markdown changed (publish/rendercache.py)
    assert first.conversions[0] == 0 and 0 < second.conversions[0] < second.conversions[1]
    assert any(
        "reconciled strike; pages rendered for strike; site built for strike" in line
        for line in second.summary()
    )


def test_a_rebuild_gives_what_a_cold_build_gives(rebuilt):
    root, _, second, cold, from_cold, _ = rebuilt
    for folder in ("facts", "docs", "site"):
        found = differences(root / folder, cold / folder)
        # only the record of what each build brought differs: the cold build has one regeneration
        assert history_only(found), (folder, found)
    assert second.pages == from_cold.pages and second.facts == from_cold.facts


def test_the_stories_that_stay_are_carried_over_not_copied(rebuilt):
    root, *_, before = rebuilt
    # a folder renamed keeps its inode; a staged copy (even of hard links) is a new folder
    after = {(top, story): (root / top / story).stat().st_ino for top, story in before}
    assert {k for k in before if before[k] == after[k]} == {
        (top, story) for top in ("docs", "site") for story in ("flood", "vote")
    }


def test_each_story_is_a_site_of_its_own_below_the_top_site(rebuilt):
    root = rebuilt[0]
    site = root / "site"
    for story in STORIES:
        assert (site / story / "index.html").is_file()
        assert (site / story / "search" / "search_index.json").is_file()  # a search index per story
        assert not (site / story / "404.html").exists()  # the host serves the top site's
    story_index = (site / "strike" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Sam Reyes" in story_index and "Jane Doe" not in story_index
    top = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="strike/"' in top and 'href="flood/disputed/"' in top
    home = (site / "strike" / "index.html").read_text(encoding="utf-8")
    assert "Latest: 300, undated, Source 2" in home and "None" not in home  # no date stated: said so
    own = (site / "strike" / "figures" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../"' in own and 'href="../../whats-new/"' in own  # back to the stories, What's new
    report = check_site(site)
    assert report.ok, report.broken[:10]


def test_adding_and_removing_an_article_rebuild_only_its_story(tmp_path):
    root = project(tmp_path / "p")
    build(root)
    (root / "seeds" / "vote" / "echo.txt").write_text(
        "Bridge vote\n\nCouncillors approved the Lune bridge on Wednesday by 12 votes to 5.\n",
        encoding="utf-8",
    )
    added = build(root)
    assert added.added == ["vote/echo.txt"] and added.reconciled == added.sites == ["vote"]
    (root / "seeds" / "flood" / "courier.txt").unlink()
    removed = build(root)
    assert removed.removed == ["flood/courier.txt"] and removed.reconciled == removed.sites == ["flood"]
    cold = project(tmp_path / "cold")
    shutil.copy(root / "seeds" / "vote" / "echo.txt", cold / "seeds" / "vote" / "echo.txt")
    (cold / "seeds" / "flood" / "courier.txt").unlink()
    build(cold)
    for folder in ("facts", "docs", "site"):
        found = differences(root / folder, cold / folder)
        assert history_only(found), (folder, found)


def test_a_changed_markdown_setting_converts_every_page_again(tmp_path):
    root = project(tmp_path / "p")
    build(root)
    again = build(root)  # nothing changed: nothing rebuilt
    assert again.up_to_date and again.sites == []
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("permalink: true", "permalink: false"), encoding="utf-8")
    changed = build(root)
    assert changed.sites == ["flood", "strike", "vote"]  # every site part is made with mkdocs.yml
    assert changed.conversions[0] == 0 < changed.conversions[1]  # and no cached conversion holds
    page = (root / "site" / "flood" / "figures" / "index.html").read_text(encoding="utf-8")
    assert "headerlink" not in page


def test_a_rebuild_keeps_again_only_the_changed_storys_caches(tmp_path):
    root = project(tmp_path)
    config = pipeline.Config(root=root, build_site=False)
    pipeline.build(config)
    caches = sorted((root / ".factsheet-cache").glob("[fs]*/*.pickle"))  # facts/ and stories/

    def stamps() -> dict[str, int]:
        return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in caches}

    before = stamps()
    assert len(before) == 2 * len(STORIES)  # the parsed fact files and the reconciled story, per story
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")
    report = pipeline.build(config)
    assert report.reconciled == ["strike"]
    after = stamps()
    rewritten = sorted(p.split("/")[1] for p in after if after[p] != before[p])
    assert rewritten == ["facts", "stories"]  # one of each: the strike story's


def test_stories_reconciled_in_worker_processes_are_those_of_one_process(tmp_path):
    alone, shared = project(tmp_path / "one"), project(tmp_path / "two")
    one = pipeline.build(pipeline.Config(root=alone, build_site=False, jobs=1))
    two = pipeline.build(pipeline.Config(root=shared, build_site=False, jobs=2))
    assert one.reconciled == two.reconciled == ["flood", "strike", "vote"]  # in the stories' order
    assert (one.facts, one.conflicts, one.pages) == (two.facts, two.conflicts, two.pages)
    for folder in ("facts", "docs"):
        assert differences(alone / folder, shared / folder) == [], folder
    again = pipeline.build(pipeline.Config(root=shared, build_site=False, jobs=2))
    assert again.up_to_date and again.reconciled == []


def test_the_check_runs_beside_mkdocs_and_a_failed_check_stops_it_with_nothing_swapped_in(
    tmp_path, monkeypatch
):
    from generator import check
    from generator.errors import CheckError

    root = project(tmp_path)
    build(root)
    shutil.copytree(root / "site", tmp_path / "site-before")
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")
    seen = []

    def failing_check(*args, **kwargs):
        seen.append(sorted(p.name for p in root.glob(".factsheet-tmp-mkdocs-*.yml")))  # MkDocs' runs
        raise CheckError(["strike/post.txt: a cite that is not in its article"])

    monkeypatch.setattr(check, "run_check", failing_check)
    with pytest.raises(CheckError, match="a cite that is not in its article"):
        build(root)
    assert seen == [[".factsheet-tmp-mkdocs-strike.yml", ".factsheet-tmp-mkdocs-top.yml"]]
    assert not list(root.glob(".factsheet-tmp-mkdocs-*.yml"))  # the runs were stopped and cleared
    assert differences(root / "site", tmp_path / "site-before") == []  # the old site stays, whole
    monkeypatch.undo()
    again = build(root)  # the fact files were written before the check: the pages and site follow now
    assert again.rendered == again.sites == ["strike"] and not again.up_to_date
    assert "40" in (root / "site" / "strike" / "figures" / "index.html").read_text(encoding="utf-8")
    assert not list(root.glob(".factsheet-tmp-*"))


def test_a_kept_story_that_cannot_be_read_is_reconciled_again_beside_the_changed_one(tmp_path):
    root = project(tmp_path / "kept")
    config = pipeline.Config(root=root, build_site=False, jobs=2)
    pipeline.build(config)
    for path in (root / ".factsheet-cache" / "stories").glob("*.pickle"):  # right key, broken body
        key, _ = path.read_bytes().split(b"\n", 1)
        path.write_bytes(key + b"\nnot a pickle")
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")
    report = pipeline.build(config)
    assert report.reconciled == ["flood", "strike", "vote"]  # the changed one, and the two unreadable
    cold = project(tmp_path / "cold")
    shutil.copy(post, cold / "seeds" / "strike" / "post.txt")
    pipeline.build(pipeline.Config(root=cold, build_site=False, jobs=2))
    for folder in ("facts", "docs"):
        assert history_only(differences(root / folder, cold / folder)), folder


def test_a_rebuild_writes_the_fact_files_while_a_worker_reconciles_the_changed_story(tmp_path, monkeypatch):
    root = project(tmp_path)
    config = pipeline.Config(root=root, build_site=False, jobs=2)
    workers_seen: list[int] = []  # the worker processes alive when the fact files were written
    commit = pipeline.journal.commit

    def watched(*args, **kwargs):
        workers_seen.append(len(multiprocessing.active_children()))
        return commit(*args, **kwargs)

    monkeypatch.setattr(pipeline.journal, "commit", watched)
    pipeline.build(config)  # cold: written first, the cores then left to the workers
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")
    report = pipeline.build(config)
    assert report.reconciled == ["strike"] and (root / "facts" / "articles" / "strike--post.yaml").exists()
    assert workers_seen == [0, 1]
    assert "40" in (root / "facts" / "articles" / "strike--post.yaml").read_text(encoding="utf-8")


def test_an_added_article_leaves_the_pages_of_facts_it_does_not_touch_as_they_were(tmp_path):
    # no page counts the story's sources in each entry ("named in 1 source", not "1 of 2"): an article
    # added changes the pages of what it names, reports or dates, and the indexes, not every page (one
    # whose file sorts last: the neutral "Source 2" labels follow the files' order)
    root = project(tmp_path)
    config = pipeline.Config(root=root, build_site=False)
    pipeline.build(config)
    story = root / "docs" / "flood"
    (mayor,) = (story / "people").glob("*doe*.md")
    before = {p: p.read_text(encoding="utf-8") for p in (mayor, story / "figures.md")}
    assert "named in 1 source" in before[mayor]
    (root / "seeds" / "flood" / "later.txt").write_text(
        "Rain eases\n\nThe rain eased in the hills, forecasters said.\n", encoding="utf-8"
    )
    report = pipeline.build(config)
    assert report.added == ["flood/later.txt"]
    assert {p: p.read_text(encoding="utf-8") for p in before} == before
    assert "Rain eases" in (story / "sources" / "index.md").read_text(encoding="utf-8")


def test_a_build_stopped_before_the_story_files_are_written_reconciles_the_story_again(tmp_path, monkeypatch):
    # the cross-source files are written while MkDocs builds; a story reconciled by a build that stops
    # before then (here in rendering) is not kept for the next one, whose story files are a cold build's
    root = project(tmp_path / "stopped")
    config = pipeline.Config(root=root, build_site=False, jobs=2)
    pipeline.build(config)
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")

    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(pipeline.render, "render_stories", broken)
    with pytest.raises(OSError, match="no space"):
        pipeline.build(config)
    assert "40" not in (root / "facts" / "strike" / "figures.yaml").read_text(encoding="utf-8")
    monkeypatch.undo()
    report = pipeline.build(config)
    assert report.reconciled == ["strike"]
    cold = project(tmp_path / "cold")
    shutil.copy(post, cold / "seeds" / "strike" / "post.txt")
    pipeline.build(pipeline.Config(root=cold, build_site=False, jobs=2))
    assert history_only(differences(root / "facts", cold / "facts"))
    assert "40" in (root / "facts" / "strike" / "figures.yaml").read_text(encoding="utf-8")
    assert not list((root / ".factsheet-cache" / "stories").glob("*.pending"))


def test_the_mkdocs_processes_start_before_the_changed_articles_are_extracted(tmp_path, monkeypatch):
    # ... while the cores are free; when worker processes extract (several batches), after them
    import generator.workers

    root = project(tmp_path)
    config = pipeline.Config(root=root, build_site=False, jobs=2)
    order: list[str] = []
    ready, extract_all = pipeline.ready, generator.workers.extract_all

    def watched_ready(*args, **kwargs):
        order.append("mkdocs processes")
        return ready(*args, **kwargs)

    def watched_extract(*args, **kwargs):
        order.append("extract")
        return extract_all(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ready", watched_ready)
    monkeypatch.setattr(generator.workers, "extract_all", watched_extract)
    monkeypatch.setattr(generator.workers, "BATCH_CHARS", 100)  # a batch per article
    pipeline.build(config)  # cold: five articles, five batches for two worker processes
    assert order == ["extract", "mkdocs processes"]
    order.clear()
    post = root / "seeds" / "strike" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8") + "\nThe union said 40 ships were waiting.\n")
    pipeline.build(config)
    assert order == ["mkdocs processes", "extract"]
    order.clear()
    (root / "seeds" / "vote" / "story.yaml").write_text("title: The bridge vote\n", encoding="utf-8")
    assert not pipeline.build(config).up_to_date  # no article to extract: started once the build goes on
    assert order == ["mkdocs processes"]
    order.clear()
    assert pipeline.build(config).up_to_date and order == []  # nothing to do: none started


def test_figures_reconciled_by_a_forked_process_give_the_story_one_process_gives(story):
    # a rebuild with more processes than changed stories reconciles a story's figures in one more process
    # (pipeline._reconcile_story): the story is the same, its figure groups and links among it
    import copy

    from generator.forked import forked_pool
    from generator.story import make_story

    facts, texts = story
    here = make_story("", copy.deepcopy(facts), texts)
    with forked_pool(2, 1, shared=(copy.deepcopy(facts), texts), meanwhile=True) as pool:
        assert pool is not None
        there = make_story(
            "", copy.deepcopy(facts), texts, figures=pool.submit(pipeline._story_figures).result
        )
    assert here.figures and here.entities and here.events
    assert there == here
