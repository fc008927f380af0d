"""Inputs shaped to cost: long coordinated lists, lists of numbers. Each must give output that grows at
most linearly with the input, and a failure in one article must name it (issue 17, items 4 and 5).
Sizes and counts are asserted, never times; benchmarks/robustness.py measures time and memory."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from generator import pipeline
from generator.errors import ExtractError, ExtractionFailed
from generator.extract import extract_article, extract_articles, figures, labels
from generator.models import Article
from generator.store.facts import article_yaml


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


# ---------------------------------------------------------------- a list of numbers (item 4)


def numbers_text(count: int) -> str:
    """An invented article whose one line lists the numbers 0 … count-1."""
    return "Numbers\n\nThe list reads " + ", ".join(str(n) for n in range(count)) + ".\n"


def votes_text(count: int, sentences: int = 1) -> str:
    """An invented article of sentences of `count` 'N votes' each."""
    body = " ".join(
        "The count gave " + ", ".join(f"{1000 + s * count + i} votes" for i in range(count)) + "."
        for s in range(sentences)
    )
    return "Vote count\n\n" + body + "\n"


def fact_file_bytes(facts) -> int:
    """The size of an article's fact file as written."""
    return len(article_yaml(facts).encode())


def test_a_sentence_of_hundreds_of_numbers_gives_its_first_figures_and_a_warning(nlp):
    text = votes_text(300)  # one sentence of 3,600 characters (one parse chunk)
    facts = extract_article(article(text, "votes.txt"), nlp)
    assert len(facts.figures) == figures.MAX_PER_SENTENCE
    assert [f.value for f in facts.figures] == [1000 + i for i in range(len(facts.figures))]
    (warning,) = facts.warnings
    assert warning.startswith("seeds/votes.txt: 1 sentence(s) hold more than")
    assert "table" in warning


def test_a_few_numbers_in_a_sentence_are_all_figures(nlp):
    facts = extract_article(article(votes_text(6), "votes.txt"), nlp)
    assert len(facts.figures) == 6 and facts.warnings == []


def test_output_of_a_list_of_numbers_grows_linearly_and_stays_small(nlp):
    sizes = {}
    for count in (1_000, 4_000):
        text = numbers_text(count)
        facts = extract_article(article(text), nlp)
        sizes[count] = (len(text), fact_file_bytes(facts))
    (small_in, small_out), (large_in, large_out) = sizes[1_000], sizes[4_000]
    assert large_out / large_in < 30 and small_out / small_in < 30  # bytes of facts per byte of input
    assert large_out / small_out < 2 * large_in / small_in  # linear, not faster


def test_the_warning_reaches_the_build_report(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "votes.txt").write_text(votes_text(100, sentences=2), encoding="utf-8")
    report = pipeline.build(pipeline.Config(root=tmp_path, build_site=False))
    assert [w for w in report.warnings if w.startswith("seeds/votes.txt: 2 sentence(s) hold more than")]
