"""site/highlight.find_in: where a fact's words are in its cite, whole words first."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from generator.models import Cite
from generator.site.highlight import _word_char, find_in


def cite(quote: str, start: int = 100) -> Cite:
    return Cite(quote=quote, start=start, end=start + len(quote))


def by_regex(c: Cite, words: str) -> tuple[int, int] | None:
    """The rule as a regex: the first whole-word occurrence, else the first occurrence."""
    hit = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", c.quote) or re.search(re.escape(words), c.quote)
    return (c.start + hit.start(), c.start + hit.end()) if hit else None


def test_the_whole_word_is_found_before_an_earlier_part_of_a_word():
    c = cite("Scotland's Scot, Ms Scot said.")
    assert find_in(c, "Scot") == (100 + 11, 100 + 15)
    assert find_in(cite("the Scottish team"), "Scot") == (104, 108)  # no whole word: the first
    assert find_in(c, "Wales") is None and find_in(c, "") is None
    assert find_in(cite("Ō_Kim and Kim"), "Kim") == (110, 113)  # '_' is a word character, as in \w


@given(
    st.text(alphabet="ab _.éÅ1٣", min_size=1, max_size=40),
    st.text(alphabet="ab _.éÅ1٣", min_size=1, max_size=4),
)
def test_it_finds_what_the_regex_finds(quote, words):
    assert find_in(cite(quote), words) == by_regex(cite(quote), words)


def test_a_word_character_is_what_regex_w_matches_in_every_script():
    w = re.compile(r"\w")
    assert all(bool(w.match(ch)) == _word_char(ch) for ch in map(chr, range(sys.maxunicode + 1)))
