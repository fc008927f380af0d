"""store/facts.py: fact files round-trip, are deterministic, untouched when unchanged, and fail clearly."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
import yaml

from generator.errors import FactsError
from generator.extract import extract_article
from generator.models import Article, ArticleFacts
from generator.store import facts

OLD = 1_000_000_000  # an mtime (2001) no write made during the test can have


@pytest.fixture
def extracted(nlp) -> ArticleFacts:
    """Facts extracted by the real model from a small invented article (floats, spans, nulls)."""
    text = (
        "Storm cuts power to 1.5 million homes\n\nThe storm left about 1.5 million homes without power "
        "on Sunday, the grid operator said. \u201cWe are working around the clock,\u201d said "
        "operator spokeswoman Ines Varga.\n"
    )
    article = Article(
        file="story/storm.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        story="story",
        published="2023-11-05",
    )
    return extract_article(article, nlp)


def test_write_then_read_gives_the_same_facts(story, extracted, tmp_path):
    all_facts, _ = story
    for original in [*all_facts, extracted]:
        path = facts.write_article_facts(tmp_path / "facts", original)
        assert path.parent == tmp_path / "facts" / "articles"
        assert facts.read_article_facts(path) == original
    assert facts.read_all(tmp_path / "facts") == sorted(
        [*all_facts, extracted], key=lambda f: facts.fact_file_name(f.source.file)
    )


def test_fact_file_names():
    assert facts.fact_file_name("002_7de7c1baf47c190f.txt") == "002_7de7c1baf47c190f.yaml"
    assert facts.fact_file_name("story/storm.txt") == "story--storm.yaml"
    # a name that cannot be written as it is keeps a readable part and a hash of the seed's path
    assert re.fullmatch(r"001_Hostile-Page~[0-9a-f]{8}\.yaml", facts.fact_file_name("001_Hostile Page.txt"))
    assert re.fullmatch(r"kasym~[0-9a-f]{8}\.yaml", facts.fact_file_name("Касым.txt"))


@pytest.mark.parametrize(
    "names",
    [
        ("update.txt", "update.md"),
        ("a#b.txt", "a%b.txt"),
        ("Касым.txt", "Токаев.txt", "習近平.txt"),
        ("kz/001.txt", "kz--001.txt"),
        ("a b.txt", "a-b.txt", "a_b.txt"),
    ],
)
def test_no_two_seeds_share_a_fact_file(names):
    assert len({facts.fact_file_name(n) for n in names}) == len(names)


def test_output_is_byte_identical_across_writes(story, extracted, tmp_path):
    all_facts, _ = story
    first = facts.write_all(tmp_path / "one", [*all_facts, extracted])
    second = facts.write_all(tmp_path / "two", [f.model_copy(deep=True) for f in [*all_facts, extracted]])
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert b"\r" not in first[0].read_bytes()


def test_unchanged_file_is_not_rewritten(story, tmp_path):
    afp = story[0][0]
    path = facts.write_article_facts(tmp_path, afp)
    os.utime(path, ns=(OLD * 10**9, OLD * 10**9))
    inode = path.stat().st_ino
    facts.write_article_facts(tmp_path, afp.model_copy(deep=True))
    assert path.stat().st_mtime_ns == OLD * 10**9
    assert path.stat().st_ino == inode
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    # a changed fact is written
    changed = afp.model_copy(deep=True)
    changed.figures[0].value = 1001
    facts.write_article_facts(tmp_path, changed)
    assert path.stat().st_mtime_ns != OLD * 10**9
    assert facts.read_article_facts(path) == changed


def test_write_all_removes_stale_fact_files(story, tmp_path):
    afp, hostile = story[0]
    afp_name, hostile_name = (facts.fact_file_name(f.source.file) for f in (afp, hostile))
    facts.write_all(tmp_path, [afp, hostile])
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == sorted([afp_name, hostile_name])
    kept = facts.write_all(tmp_path, [afp])
    assert [p.name for p in (tmp_path / "articles").iterdir()] == [afp_name]
    assert kept == [tmp_path / "articles" / afp_name]
    assert facts.read_all(tmp_path) == [afp]


def write_fact_file(tmp_path: Path, afp: ArticleFacts, edit) -> Path:
    """Write afp's fact file, then let edit(data) change its parsed YAML; returns the path."""
    path = facts.write_article_facts(tmp_path, afp)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_malformed_yaml_names_the_file(story, tmp_path):
    path = facts.write_article_facts(tmp_path, story[0][0])
    path.write_text(path.read_text(encoding="utf-8") + "figures: [unclosed\n  - {\n", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        facts.read_all(tmp_path)
    assert str(path) in str(err.value)
    assert "factsheet build" in str(err.value)


WRONG = {
    "value-not-a-number": (lambda d: d["figures"][0].update(value="a thousand"), "figures.0.value"),
    "start-not-an-int": (
        lambda d: d["figures"][0]["cites"][0].update(start="ten"),
        "figures.0.cites.0.start",
    ),
    "unknown-kind": (lambda d: d["who"][0].update(kind="animal"), "who.0.kind"),
    "unknown-key": (lambda d: d["quotes"][0].update(mood="angry"), "quotes.0.mood"),
    "missing-cites": (lambda d: d["what"][0].pop("cites"), "what.0.cites"),
    "no-source": (lambda d: d.pop("source"), "source"),
}


@pytest.mark.parametrize(("edit", "where"), WRONG.values(), ids=WRONG.keys())
def test_wrong_type_names_the_file_and_the_key(story, tmp_path, edit, where):
    path = write_fact_file(tmp_path, story[0][0], edit)
    with pytest.raises(FactsError) as err:
        facts.read_article_facts(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert where in message


def test_empty_fact_file_names_the_file(tmp_path):
    path = tmp_path / "articles" / "empty.yaml"
    path.parent.mkdir()
    path.write_text("", encoding="utf-8")
    with pytest.raises(FactsError, match="empty.yaml"):
        facts.read_all(tmp_path)


def test_committed_schema_is_current():
    committed = facts.SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == facts.schema_text(), (
        "generator/schema/article-facts.schema.json is stale: run `factsheet schema` and commit it"
    )


def test_export_schema_writes_the_schema(tmp_path):
    path = facts.export_schema(tmp_path / "schema.json")
    assert path.read_text(encoding="utf-8") == facts.schema_text()


def test_fact_files_made_by_forked_processes_are_those_of_one_process():
    from tests.conftest import afp_article

    base, _ = afp_article()
    many = []
    for i in range(2 * facts.MIN_SHARE + 7):  # enough for two shares, not evenly cut
        af = base.model_copy(deep=True)
        af.source.file = f"article-{i:03d}.txt"
        af.source.title = f"Report number {i}"
        many.append(af)
    one = facts.article_yamls(many, jobs=1)
    assert facts.article_yamls(many, jobs=2) == one
    assert one == [facts.article_yaml(af) for af in many] and len(set(one)) == len(many)
    assert facts.article_yamls([], jobs=2) == []
