"""The hostile-size algorithms (issue 17) against the plain ones they replace: on invented inputs,
the indexed, bisected and swept versions give exactly what the all-pairs scans gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.highlight import MARK_KINDS, Mark, _Inside, _OpenMarks, resolve_marks


def resolve_marks_all_pairs(marks: list[Mark], length: int) -> list[Mark]:
    """resolve_marks as it was: every mark compared with every kept one."""
    best: dict[tuple[int, int], Mark] = {}
    for m in sorted(marks, key=lambda m: (MARK_KINDS[m.kind][1], m.kind, m.href, m.title, m.start)):
        if 0 <= m.start < m.end <= length:
            best.setdefault((m.start, m.end), m)
    kept: list[Mark] = []
    for m in sorted(best.values(), key=lambda m: (m.start - m.end, MARK_KINDS[m.kind][1], m.start, m.kind)):
        if all(
            m.end <= k.start
            or k.end <= m.start
            or (k.start <= m.start and m.end <= k.end and k.href != m.href)
            for k in kept
        ):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.start - m.end))


marks_st = st.lists(
    st.builds(
        lambda a, n, kind, href: Mark(a, a + n, kind, f"#{href}", f"{kind} {a}"),
        st.integers(-3, 60),
        st.integers(-2, 40),
        st.sampled_from(list(MARK_KINDS)),
        st.integers(0, 3),
    ),
    max_size=60,
)


@settings(max_examples=600, deadline=None)
@given(marks=marks_st, length=st.integers(0, 70))
def test_resolve_marks_is_the_all_pairs_result(marks, length):
    assert resolve_marks(marks, length) == resolve_marks_all_pairs(marks, length)


def test_resolve_marks_deep_nesting_and_crossings():
    # a deep chain (quotes in quotes), names inside it, marks crossing it and one of the chain's links
    marks = [Mark(i, 400 - i, "quote", f"#q{i % 7}", "q") for i in range(0, 190, 3)]
    marks += [Mark(i, i + 2, "person", f"#p{i % 5}", "p") for i in range(1, 398, 4)]
    marks += [Mark(i, i + 50, "place", "#x", "x") for i in range(5, 350, 37)]
    assert resolve_marks(marks, 400) == resolve_marks_all_pairs(marks, 400)


@settings(max_examples=300, deadline=None)
@given(marks=marks_st, cuts=st.lists(st.integers(0, 70), max_size=12), length=st.integers(1, 70))
def test_open_marks_are_the_overlapping_marks(marks, cuts, length):
    kept = resolve_marks(marks, length)
    edges = sorted({0, length, *(c for c in cuts if c < length)})
    sweep = _OpenMarks(kept)
    for start, end in zip(edges, edges[1:], strict=False):
        assert sweep.over(start, end) == [m for m in kept if m.start < end and start < m.end]


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=15), at=st.integers(-2, 45))
def test_inside_is_strictly_inside_some_span(spans, at):
    assert _Inside(spans)(at) == any(a < at < b for a, b in spans)
