"""When a figure was true: its `as_of` words, or its sentence's time words, resolved against the article's
date (or, for an undated article, a date its text states or its story's dated sources give)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import dateparser

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS = {  # part-of-day words -> their rank within the day, for ordering reports of one day
    "early": 1,
    "overnight": 0,
    "morning": 2,
    "midday": 3,
    "noon": 3,
    "afternoon": 4,
    "evening": 5,
    "late": 6,
    "night": 6,
    "tonight": 6,
}
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight"
_PART = r"early|late|midday|noon|morning|afternoon|evening|night"
TIME_WORDS = re.compile(
    rf"\b(?:(?P<part>{_PART})\s+(?:on\s+)?)?(?P<day>{_DAY})(?:'s|’s)?(?:\s+(?P<part2>{_PART}))?\b"
    rf"|\b(?P<overnight>overnight|last night)\b"
    r"|\b(?P<date>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b\d{4}\b")
STATED_DATE = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AsOf:
    """A report's time: a day, maybe a part of it, and whether it was read from the text or inferred."""

    day: str | None  # YYYY-MM-DD
    part: str | None = None
    inferred: bool = True
    words: str | None = None  # the time words the day was read from

    def key(self) -> tuple:
        """Sort key: day, then part of day (unknown parts sort as the whole day, before its parts)."""
        return (self.day or "", PARTS.get(self.part or "", -1))

    def label(self) -> str:
        """'as of midday Thu' / 'Wed' / 'Thu (article date)'."""
        if not self.day:
            return self.words or "undated"
        wd = date.fromisoformat(self.day).strftime("%a")
        if self.inferred:
            return f"{wd} (article date)"
        return f"as of {self.part} {wd}" if self.part else wd


class Reference(NamedTuple):
    """The day an article's time words count from: its published date; else (inferred) the latest date
    its text states, a day it was written on or after (`ahead`: a weekday it names may lie after it); else
    its story's latest published date."""

    day: str | None
    inferred: bool
    ahead: bool = False


def reference_day(published: str | None, text: str, story_day: str | None) -> Reference:
    """The day an article's time words count from, whether it is inferred (not its published date), and
    whether the article may be later than that day."""
    if published:
        return Reference(published, False)
    stated = [parse_day(m.group(), None) for m in STATED_DATE.finditer(text)]
    stated = [d for d in stated if d]
    if stated:
        return Reference(max(stated), True, ahead=True)  # the latest date it states: the nearest to its own
    return Reference(story_day, True)


def resolve(
    as_of: str | None, sentence: str, ref: str | None, ref_inferred: bool, ahead: bool = False
) -> AsOf:
    """A report's time: from its as_of words, else its sentence's time words, else the reference day; with
    `ahead`, a weekday is the one nearest the reference day, before or after it."""
    for words in (as_of, sentence):
        if not words:
            continue
        m = TIME_WORDS.search(words)
        if m:
            day = _resolve_match(m, ref, ahead)
            part = m.group("part") or m.group("part2") or ("overnight" if m.group("overnight") else "")
            # a weekday counted from an inferred article date is itself inferred; a stated date is not
            inferred = day is None or (ref_inferred and not m.group("date"))
            return AsOf(day, part.lower() or None, inferred=inferred, words=m.group().strip())
    return AsOf(ref, None, inferred=True)


def _resolve_match(m: re.Match, ref: str | None, ahead: bool = False) -> str | None:
    """The day a time-words match names, counted back from the reference day (or, `ahead`, the nearest)."""
    if m.group("date"):
        return parse_day(m.group("date"), ref)
    if not ref:
        return None
    base = date.fromisoformat(ref)
    day = (m.group("day") or "").lower()
    if day in WEEKDAYS:
        # news names the latest such weekday: 'Thursday' in a Thursday article is that day
        back = (base.weekday() - WEEKDAYS.index(day)) % 7
        if ahead and back > 3:  # written on or after a date it states: 'Thursday' after 'January 5' (a Wed)
            return (base + timedelta(days=7 - back)).isoformat()
        return (base - timedelta(days=back)).isoformat()
    if day == "yesterday":
        return (base - timedelta(days=1)).isoformat()
    return ref  # today, tonight, overnight: the article's day


def parse_day(words: str, ref: str | None, prefer: str = "past") -> str | None:
    """An explicit date ('January 5', '5 Jan 2022') as YYYY-MM-DD, a missing year the nearest to the
    reference day in the `prefer`red direction (news reports the past; an end date lies ahead). With no
    reference day, a date without its year names no day (None): its year would be the one the build
    runs in, and the same article would give other facts another year."""
    if not ref and not _YEAR.search(words):
        return None
    base = datetime.fromisoformat(ref) if ref else None
    settings = {"PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": ["day", "month"]}
    if base:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(words, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None
