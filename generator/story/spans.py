"""Spans: 'a two-week state of emergency' and 'in effect until January 19' report one span of time when
the duration, counted from the day it was reported, ends within a couple of days of the date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from generator.models import FigureGroup, FigureReport
from generator.story.asof import parse_day

DAYS = {"days": 1, "weeks": 7, "months": 30, "years": 365}  # a duration's unit in days
SLACK = 2  # days: 'two weeks' from a day reported overnight or the morning after still ends on the date
_UNTIL = r"\b(?:until|till|to|through|ending|ends?)\s+(?:on\s+)?"


def join_end_dates(groups: list[FigureGroup]) -> list[FigureGroup]:
    """Move each end date ('until January 19') into the group of the duration it ends, when the sentence of
    the date names what the duration is of and every report of the duration ends on that date."""
    durations = [g for g in groups if g.unit in DAYS and _topic(g.counts)]
    dates = [g for g in groups if g.unit == "date" and g.status == "single"]
    moved: set[str] = set()
    for g in durations:
        for d in dates:
            if d.id not in moved and all(_ends(g, r) for r in d.reports):
                g.reports += d.reports
                if len({r.source for r in g.reports}) > 1 and g.status == "single":
                    g.status = "agreed"
                moved.add(d.id)
    return [g for g in groups if g.id not in moved]


def _topic(counts: str) -> str:
    """What a duration is of: 'state of emergency' of 'duration of state of emergency'."""
    m = re.match(r"(?:duration|length) of (?:the |a )?(.+)", counts.strip(), re.IGNORECASE)
    return m.group(1).lower() if m else ""


def _ends(g: FigureGroup, end: FigureReport) -> bool:
    """The date report names the duration's topic before 'until <date>', and the duration ends there."""
    sentence = " ".join(c.quote for c in end.cites).lower()
    pattern = re.escape(_topic(g.counts)) + r".*" + _UNTIL + re.escape(end.value_text.lower())
    if not re.search(pattern, sentence):
        return False
    day = parse_day(end.value_text, end.as_of_date or end.published, prefer="future")  # an end lies ahead
    if not day:
        return False
    spans = [r for r in g.reports if r.value is not None and r.as_of_date]
    end_day = date.fromisoformat(day)
    return bool(spans) and all(abs((_end_of(r, g.unit) - end_day).days) <= SLACK for r in spans)


def _end_of(r: FigureReport, unit: str) -> date:
    """The day a duration reported on its as-of day ends."""
    return date.fromisoformat(r.as_of_date) + timedelta(days=DAYS[unit] * r.value)
