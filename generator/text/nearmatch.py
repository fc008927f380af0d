"""Near matches: of the strings added so far, exactly those whose rapidfuzz `fuzz.ratio` with a query
reaches a threshold, found by lookup instead of a comparison with each.

`fuzz.ratio(a, b)` is 200 * LCS / (len(a) + len(b)), LCS the longest common subsequence. Reaching a
threshold t bounds the other string's length (a window around the query's) and how many characters
either string loses to the LCS (`most_deleted`). So two strings that match share a "deletion variant"
(each with at most its bound of characters deleted: their LCS), and the short strings are indexed by
theirs; the few strings whose bound allows too many variants (long ones) are kept by length and
compared one by one. Every string found is confirmed with fuzz.ratio itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

from rapidfuzz import fuzz

MAX_VARIANTS = 300  # a string with more deletion variants than this is compared, not indexed


def most_deleted(length: int, threshold: float) -> int:
    """The most characters a string of this length can lose to the LCS with a string whose ratio with
    it reaches the threshold (the shortest such LCS is ceil(t * length / (200 - t)))."""
    t = Fraction(threshold)
    if t <= 0:
        return length
    return max(0, length - math.ceil(t * length / (200 - t)))


def length_window(length: int, threshold: float) -> range:
    """The lengths a string can have whose ratio with one of this length reaches the threshold."""
    t = Fraction(threshold)
    if t <= 0:
        return range(0, 2**31)
    return range(math.ceil(t * length / (200 - t)), math.floor(length * (200 - t) / t) + 1)


def deletion_variants(text: str, most: int) -> set[str]:
    """The strings made from text by deleting at most `most` characters."""
    out, level = {text}, {text}
    for _ in range(min(most, len(text))):
        level = {s[:i] + s[i + 1 :] for s in level for i in range(len(s))}
        out |= level
    return out


def _variant_count(length: int, most: int) -> int:
    return sum(math.comb(length, k) for k in range(min(most, length) + 1))


class NearIndex:
    """Strings added one by one; `near(query)` is the set of them with fuzz.ratio(query, s) >= threshold,
    exactly what comparing the query with every string would give."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self.strings: set[str] = set()
        self.by_length: dict[int, set[str]] = defaultdict(set)  # every string, by length
        self.by_variant: dict[str, set[str]] = defaultdict(set)  # deletion variant -> indexed strings
        self._indexed: dict[int, bool] = {}  # length -> whether strings of that length are indexed

    def indexed(self, length: int) -> bool:
        """Whether strings of this length are found through their deletion variants."""
        if length not in self._indexed:
            count = _variant_count(length, most_deleted(length, self.threshold))
            self._indexed[length] = count <= MAX_VARIANTS
        return self._indexed[length]

    def add(self, text: str) -> None:
        """Add a string (adding it again changes nothing)."""
        if text in self.strings:
            return
        self.strings.add(text)
        self.by_length[len(text)].add(text)
        if self.indexed(len(text)):
            for v in deletion_variants(text, most_deleted(len(text), self.threshold)):
                self.by_variant[v].add(text)

    def near(self, query: str) -> set[str]:
        """The strings added whose ratio with the query reaches the threshold."""
        window = length_window(len(query), self.threshold)
        lengths = [n for n in self.by_length if n in window]
        found: set[str] = set()
        if self.indexed(len(query)):
            for v in deletion_variants(query, most_deleted(len(query), self.threshold)):
                found |= self.by_variant.get(v, set())
            lengths = [n for n in lengths if not self.indexed(n)]
        for n in lengths:
            found |= self.by_length[n]
        return {s for s in found if fuzz.ratio(query, s) >= self.threshold}
