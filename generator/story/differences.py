"""Why reports of a quantity differ: restatements of one outlet merged, times borrowed from a dated report
of the same value, and each conflicting group's difference named (revision, scope, rounding, dispute)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from generator.models import FigureGroup, FigureReport
from generator.story.asof import PARTS
from generator.text.ids import stable_id

Differ = Callable[[FigureReport, FigureReport], bool]
ROUNDING = 0.06  # values within 6% of each other are one estimate rounded two ways (18 vs 19 million)


def merge_restatements(reports: list[FigureReport], differ: Differ) -> list[FigureReport]:
    """One report per outlet and value: headline, caption and body restatements become one report with
    several cites (the first attributed statement leads, as a reader would quote it)."""
    out: list[FigureReport] = []
    for r in sorted(reports, key=lambda r: (r.source, r.attributed_to is None, r.cites[0].start)):
        twin = next((o for o in out if o.source == r.source and not differ(o, r)), None)
        if twin is None:
            out.append(r.model_copy(deep=True))
            continue
        twin.cites = [*twin.cites, *r.cites]  # the leading statement's sentence first
        twin.restated.append(r.figure)
        if twin.as_of_inferred and not r.as_of_inferred:
            twin.as_of, twin.as_of_date, twin.as_of_part = r.as_of, r.as_of_date, r.as_of_part
            twin.as_of_inferred = False
    order = {id(r): i for i, r in enumerate(reports)}
    firsts = {r.figure: order.get(id(r), 0) for r in reports}
    return sorted(out, key=lambda r: firsts.get(r.figure, 0))


def borrow_times(reports: list[FigureReport], differ: Differ) -> list[FigureReport]:
    """A report with no time of its own that states the value a dated report states is that report's toll:
    it takes the dated report's day and part of day (still marked inferred)."""
    dated = [r for r in reports if not r.as_of_inferred]
    for r in reports:
        if r.as_of_inferred:
            twin = next((d for d in dated if d.value is not None and not differ(d, r)), None)
            if twin:
                r.as_of_date, r.as_of_part = twin.as_of_date, twin.as_of_part
    return reports


def time_key(r: FigureReport) -> tuple:
    """When a report was true, for ordering: day, then part of day (a whole day before its parts)."""
    return (r.as_of_date or "", PARTS.get(r.as_of_part or "", -1))


def difference_of(reports: list[FigureReport], differ: Differ) -> str:
    """revision (each time agrees with itself, times differ), rounding (within a few percent) or dispute."""
    slices: dict[tuple, list[FigureReport]] = {}
    for r in reports:
        slices.setdefault(time_key(r), []).append(r)
    consistent = all(not differ(a, b) for s in slices.values() for a, b in combinations(s, 2))
    if len(slices) > 1 and consistent:
        return "revision"
    values = [abs(r.value) for r in reports if r.value is not None]
    if values and len(values) == len(reports) and max(values) - min(values) <= ROUNDING * max(values):
        return "rounding"
    return "dispute"


def compare_scopes(groups: list[FigureGroup], events: dict[str, str], differ: Differ) -> list[FigureGroup]:
    """Groups setting two scopes of one counted event side by side ('1,000 injured' overall and '300
    injured' among the security forces): conflicting, difference 'scope'; the quantities stay apart."""
    out = []
    scoped = [g for g in groups if g.scope and all(r.value is not None for r in g.reports)]
    for a, b in combinations(scoped, 2):
        if a.scope == b.scope or not _same_unit(a.unit, b.unit) or events.get(a.id) != events.get(b.id):
            continue
        if any(x.source != y.source and differ(x, y) for x in a.reports for y in b.reports):
            out.append(
                FigureGroup(
                    id=stable_id("grp", "scope", a.id, b.id),
                    counts=f"{a.counts} / {b.counts}",
                    unit=a.unit,
                    status="conflicting",
                    difference="scope",
                    compares=[a.id, b.id],
                    reports=[r.model_copy(deep=True) for r in [*a.reports, *b.reports]],
                )
            )
    return out


def _same_unit(a: str, b: str) -> bool:
    """True for one unit, or a count that names no unit beside people ('300 police and guards')."""
    return a == b or {a, b} == {"count", "people"}


def history(reports: list[FigureReport]) -> list[tuple[tuple, list[FigureReport]]]:
    """A quantity's values over time: (time, reports) in order, when it was reported at two or more times."""
    slices: dict[tuple, list[FigureReport]] = {}
    for r in reports:
        if r.as_of_date:
            slices.setdefault(time_key(r), []).append(r)
    return sorted(slices.items()) if len(slices) > 1 else []
