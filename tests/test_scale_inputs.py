"""Small inputs must not cost hours or gigabytes (issue 17, item 9): a run of names with no sentence
break, clauses nested in brackets and quotes, a line of blank text. Output and counts are bounded per
input byte and grow linearly; the indexed clustering gives what comparing every pair gave. Sizes and
counts are asserted, never times: benchmarks/robustness.py measures time and memory."""

from __future__ import annotations

import hashlib
import random
import sys
from collections import Counter

import pytest

from generator.extract import clusters, entities, extract_article
from generator.extract.entities import Covered, Mention
from generator.models import Article
from generator.store.facts import article_yaml
from tests.shared_data import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import robustness  # noqa: E402  (the benchmark's invented shapes)


def article(text: str, file: str) -> Article:
    """An invented seed article."""
    return Article(file=file, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def facts_of(nlp, shape: str, size: int):
    """(input bytes, fact file bytes, facts) of one invented article of a hostile shape."""
    text = robustness.SHAPES[shape](size)
    facts = extract_article(article(text, f"{shape}.txt"), nlp)
    return len(text.encode()), len(article_yaml(facts).encode()), facts


@pytest.mark.parametrize("shape", ["names", "nesting", "spaces"])
def test_output_grows_linearly_with_a_hostile_input(nlp, shape):
    small_in, small_out, small = facts_of(nlp, shape, 5_000)
    large_in, large_out, large = facts_of(nlp, shape, 20_000)
    assert large_out / large_in < 120 and small_out / small_in < 120  # fact bytes per input byte
    assert large_out / small_out < 1.5 * large_in / small_in  # linear, not faster
    per_kb = len(large.who) / (large_in / 1000)
    assert per_kb < 1.5 * entities.MAX_PER_SENTENCE  # entities bounded by the sentences' cap
    assert len(large.figures) <= len(small.figures) * 5


def test_a_run_of_names_gives_its_first_names_a_sentence_and_a_warning(nlp):
    _, _, facts = facts_of(nlp, "names", 8_000)  # two parse chunks, no full stop
    (warning,) = facts.warnings
    assert "name more than 60 people, organisations or places" in warning
    assert warning.startswith("seeds/names.txt:")
    people = [e for e in facts.who if e.kind == "person"]
    assert 60 <= len(people) <= 2 * entities.MAX_PER_SENTENCE + 10


def test_blank_text_gives_the_sentences_around_it_only(nlp):
    _, out, facts = facts_of(nlp, "spaces", 50_000)
    assert out < 5_000 and facts.who == [] and facts.figures == []
    assert len(facts.what) <= 2


def test_prose_names_under_the_cap_are_all_read(nlp):
    names = ", ".join(f"{robustness._FIRST[i % 12]} {robustness._surname(i)}" for i in range(30))
    text = f"Team named\n\nThe squad is {names}.\n"
    facts = extract_article(article(text, "squad.txt"), nlp)
    assert facts.warnings == []


# ---------------------------------------------------------------- the indexed clustering


def _pairwise(mentions, acr):
    """The clustering as it was: each mention compared with every cluster's forms (same_entity)."""
    full = {m.text for m in mentions if m.kind == "person" and len(m.text.split()) > 1}
    firsts = Counter(n.split()[0] for n in full)
    out: list[clusters.Cluster] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text.split()), -len(m.text), m.start)):
        target = next((c for c in out if c.kind == m.kind and clusters.same_entity(c, m.text, acr)), None)
        if target is None and m.kind == "person" and firsts[m.text] == 1:
            target = next((c for c in out if c.kind == "person" and clusters._first_name(c, m.text)), None)
        if target is None:
            out.append(clusters.Cluster(m.kind, [m]))
        else:
            target.mentions.append(m)
    return sorted(out, key=lambda c: min(x.start for x in c.mentions))


WORDS = [
    "Roger", "Federer", "Kilroy-Silk", "Robert", "Kilroy", "European", "Union", "EU", "Petrel",
    "Resources", "Chelsea", "FC", "Khurmala", "Dome", "field", "airport", "Tokayev", "Tokaev", "UK",
    "Britain", "United", "Kingdom", "Labour", "Party", "Tories", "Plc", "Jr", "Smith", "Smyth", "of",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_the_indexed_clustering_matches_comparing_every_pair(seed):
    rng = random.Random(seed)
    acr = {"EU": "European Union", "UK": "United Kingdom", "FC": "Chelsea FC"}
    for _ in range(300):
        mentions = []
        for i in range(rng.randint(1, 20)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
            kind = rng.choice(["person", "organisation", "place"])
            mentions.append(Mention(text, kind, i * 10, i * 10 + len(text), i))
        got = [(c.kind, [m.start for m in c.mentions]) for c in clusters.cluster(mentions, acr)]
        want = [(c.kind, [m.start for m in c.mentions]) for c in _pairwise(mentions, acr)]
        assert got == want


def test_covered_spans_are_found_by_bisection():
    covered = Covered([(0, 10), (2, 4), (20, 25)])
    assert [x for x in range(30) if covered(x)] == [*range(10), *range(20, 25)]
    assert not Covered(())(5)
