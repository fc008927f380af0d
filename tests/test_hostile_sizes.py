"""Inputs shaped to cost: long coordinated lists, lists of numbers. Each must give output that grows at
most linearly with the input, and a failure in one article must name it (issue 17, items 4 and 5).
Sizes and counts are asserted, never times; benchmarks/robustness.py measures time and memory."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from generator import pipeline
from generator.errors import ExtractError, ExtractionFailed
from generator.extract import extract_article, extract_articles, labels
from generator.models import Article


def article(text: str, file: str = "list.txt") -> Article:
    """An invented seed article."""
    return Article(file=file, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


# ---------------------------------------------------------------- long coordinated lists (item 5)


def test_a_short_coordination_is_labelled_whole(nlp):
    doc = nlp("Police seized 300 cars and vans.")
    (noun,) = [t for t in doc if t.dep_ == "dobj"]
    assert labels.noun_label(noun) == "cars and vans"


def test_a_list_of_1200_nouns_gives_a_bounded_label(nlp):
    doc = nlp("Police seized 300 " + ", ".join(["cars", "vans"] * 600) + " and fences.")
    (noun,) = [t for t in doc if t.dep_ == "dobj"]
    label = labels.noun_label(noun)  # a chain of 1,200 conjuncts: no RecursionError
    assert label.startswith("cars and vans and cars")
    assert label.count(" and ") == labels.MAX_CONJUNCTS


def test_an_article_of_one_long_list_is_extracted(nlp):
    # four characters an item: 1,000 conjuncts in one 4,000-character parse chunk
    text = "Seized at the port\n\nPolice seized 300 " + ",".join(["cat", "dog"] * 700) + " and fences.\n"
    facts = extract_article(article(text), nlp)
    assert [f.value for f in facts.figures] == [300]
    assert len(facts.figures[0].counts) < 200


def test_an_extraction_failure_names_every_failing_article(nlp, monkeypatch):
    from generator.extract import figures

    real = figures.figures_of

    def failing(a, *args):
        if "boom" in a.text:
            raise RuntimeError("an invented failure")
        return real(a, *args)

    monkeypatch.setattr(figures, "figures_of", failing)
    texts = {
        "a.txt": "Quiet day\n\nNothing happened.\n",
        "b.txt": "Boom\n\nboom.\n",
        "c.txt": "Boom\n\nboom!\n",
    }
    with pytest.raises(ExtractError) as err:
        extract_articles([article(t, f) for f, t in texts.items()], nlp)
    message = str(err.value)
    assert "seeds/b.txt" in message and "seeds/c.txt" in message and "seeds/a.txt" not in message
    assert "RuntimeError: an invented failure" in message
    assert "move" in message  # what to do: move the file out of seeds/ to build the rest


def test_a_failed_extraction_writes_nothing(tmp_path, monkeypatch):
    from generator.extract import figures

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Quiet day\n\nFour boats sailed.\n", encoding="utf-8")
    config = pipeline.Config(root=tmp_path, build_site=False)
    pipeline.build(config)
    before = {p: p.read_bytes() for p in (tmp_path / "facts").rglob("*") if p.is_file()}
    (tmp_path / "seeds" / "a.txt").write_text("Quiet day\n\nFive boats sailed.\n", encoding="utf-8")

    def failing(*args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(figures, "figures_of", failing)
    with pytest.raises(ExtractError, match="seeds/a.txt"):
        pipeline.build(config)
    assert {p: p.read_bytes() for p in (tmp_path / "facts").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_failures_of_every_batch_are_named_at_once(nlp, monkeypatch, jobs):
    from generator import workers
    from generator.extract import figures

    real = figures.figures_of

    def failing(a, *args):
        if "boom" in a.text:
            raise RuntimeError("an invented failure")
        return real(a, *args)

    monkeypatch.setattr(figures, "figures_of", failing)  # forked workers inherit it
    monkeypatch.setattr(workers, "BATCH_CHARS", 10)  # one article a batch
    texts = {"a.txt": "Boom\n\nboom.\n", "b.txt": "Quiet\n\nNothing.\n", "c.txt": "Boom\n\nboom!\n"}
    with pytest.raises(ExtractionFailed) as err:
        workers.extract_all([article(t, f) for f, t in texts.items()], jobs=jobs)
    assert [f.split(":")[0] for f in err.value.failed] == ["seeds/a.txt", "seeds/c.txt"]


def test_the_failure_crosses_process_boundaries_whole():
    failed = ExtractionFailed(["seeds/a.txt: RuntimeError: x"])
    again = pickle.loads(pickle.dumps(failed))
    assert again.failed == failed.failed and str(again) == str(failed)
