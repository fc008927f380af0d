"""Property tests: whatever English-like text an article holds, extraction never crashes, every
cite is the exact text of its article, and every rendered page cites the facts it shows."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import check
from generator.extract import extract_article
from generator.models import Article
from generator.site import render
from generator.story import make_story

WORDS = [
    "the",
    "police",
    "said",
    "were",
    "killed",
    "in",
    "protests",
    "officials",
    "told",
    "reporters",
    "more",
    "than",
    "nearly",
    "at",
    "least",
    "dozens",
    "of",
    "people",
    "injured",
    "on",
    "Wednesday",
    "according",
    "to",
    "Mr",
    "he",
    "added",
    "half",
    "per",
    "cent",
    "ninth",
    "largest",
    "doubled",
]
NAMES = ["Almaty", "Jane Roe", "Kazakhstan", "the Interior Ministry", "CSTO", "Reuters", "Ms Roe", "UN"]
NUMBERS = [
    "13",
    "1,000",
    "8",
    "eight",
    "1.6 million",
    "$600",
    "(530 euros)",
    "80%",
    "2019",
    "two-week",
    "19 million",
    "5,000",
    "0",
    "3.5",
]
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "[^1]",
    "|",
    "---",
    "# head",
    "`code`",
    "*bold*",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "&amp;",
    "\\",
]
MARKS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "(", ")", ",", ".", ";", ":", "\u2014", "-"]
token = st.sampled_from(WORDS + NAMES + NUMBERS + HOSTILE + MARKS)
sentence = st.lists(token, min_size=1, max_size=25).map(lambda t: " ".join(t))
article_text = st.lists(st.one_of(sentence, st.just("")), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=article_text)
def test_any_text_extracts_with_valid_cites_and_cited_pages(nlp, text):
    if not text.strip():
        text = "Empty."
    article = Article(file="a.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    facts = extract_article(article, nlp)
    texts = {"a.txt": text}
    assert check.check_cites([facts], texts) == []
    story = make_story("", [facts], texts)
    with tempfile.TemporaryDirectory() as tmp:
        render.render_stories([story], Path(tmp))
        assert check.check_pages(Path(tmp)) == []
