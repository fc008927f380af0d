"""Metadata: the title, date, publisher (and what kind of outlet it is) and byline a plain-text article
states in its own lines, and the spans of those lines (stamps, bylines, credits), which hold no facts.

Two kinds of cue name the publisher. Credits say who supplied the text: a dateline's agency, a sign-off
('(Reuters)', 'ar/rt (AFP, Reuters)': editors' initials over agency copy), 'X is a news agency.'. Site
cues say whose page carried it: a title's suffix ('... | Example News'), an app banner ('Stay tuned with
Example News App'), a bureau ('Example TV's Bureau Chief in Moscow'). A credit outranks a site cue; a
site that carried another publisher's text is its `via`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.ingest.furniture import Piece, find_furniture
from generator.models import SourceType, Span
from generator.text.words import AGENCIES

HEADER_LINES, FOOTER_LINES = 6, 5  # metadata lines live at the top and the bottom of a story
_AGENCY = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
# No two quantifiers of whitespace may meet (`\s*:?\s*`): a line of spaces would cost quadratic time.
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}\b)?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
DATE_LINE = re.compile(rf"(?:{_WEEKDAY}\s+)?(?:{_TIME},?\s+)?{_DATE}(?:,?\s+(?:at\s+)?{_TIME})?")
STAMP = re.compile(  # "Published: 06:31 PM, 6 Jan, 2022"; what follows the keyword must start like a date
    r"(?i:(?:last\s+|first\s+)?(?:published|updated|posted|modified|date)(?:\s+on)?)(?:\s*:)?\s*"
    rf"(?P<rest>(?:{_WEEKDAY}\s+|\d|{_MONTH}\s*\d).{{2,60}})"
)
DATELINE = re.compile(
    r"(?P<city>[A-Z][\w.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?)"
    rf"(?:,\s*(?P<date>{_DATE}|{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}))?"
    r"(?:\s*\((?P<agency>[A-Z][^()\n]{1,40})\))?\s*[-—–]{1,2}\s"
)
_WORD = r"[A-Z][^\W\d_]*(?:[-'’.][^\W\d_]*)*"  # a capitalised word in any alphabet: "Böll", "O'Neil"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|and|de|van|von|al|bin)){{0,4}}"
AUTHOR = re.compile(rf"(?:Author|Written by)[ \t]*:[ \t]*(?P<name>{_NAME})")
BY_LINE = re.compile(rf"(?:By|BY)[ \t]+(?P<name>{_NAME})")
INITIALS = re.compile(r"[a-z]{1,4}(?:/[a-z]{1,4})+")  # "ar/rt": the editors who rewrote agency copy
_OUTLET_NOUN = (
    r"news (?:agency|service|organi[sz]ation|website|site|portal|channel|network|outlet)|agency|broadcaster"
    r"|newspaper|magazine|(?:television|TV|radio) (?:channel|network|station)"
)
SIGN_OFFS = (  # whole lines that name who supplied the story; group "p" is the publisher
    re.compile(
        rf"(?P<initials>{INITIALS.pattern})\s*\((?P<p>[^\W\d_][^()/]{{1,60}})\)"
    ),  # "ar/rt (AFP, Reuters)"
    re.compile(rf"\((?P<p>(?:{_AGENCY})(?:\s*(?:,|and|/)\s*(?:{_AGENCY}))*)\)"),  # "(Reuters)"
    re.compile(rf"[—–-]{{1,2}}\s*(?P<p>(?:{_AGENCY})(?:\s*(?:,|and|/)\s*(?:{_AGENCY}))*)\.?"),  # "— AFP"
    re.compile(  # "Agence France-Presse is an international news agency."; the name's words are capitalised
        rf"(?P<p>[A-Z][\w.&'’-]*(?:[ \t]+(?:[A-Z0-9][\w.&'’-]*|of|the|and|de|al|el)){{0,6}}) is an? "
        rf"(?P<desc>(?:[\w-]+ ){{0,3}}(?:{_OUTLET_NOUN}))\b.*"
    ),
    re.compile(
        r"(?:Copyright|©|\([cC]\))\s*(?:©\s*)?(?:\d{4}\s+)?(?P<p>[A-Z][^\d©]{1,60}?)\.?(?:\s+\d{4})?\.?"
        r"(?:\s+All rights reserved\.?)?"
    ),
    re.compile(r"Source\s*:\s*(?P<p>[A-Z].{1,60})"),
    re.compile(r"\(?Reporting by .*"),  # Reuters house style; names the agency only if the text does
    INITIALS,  # initials alone: written in house, no publisher named
)
# what kind of outlet a descriptor ('a state news agency', 'an international news agency') makes it
DESCRIPTOR_TYPES: list[tuple[str, SourceType]] = [
    (r"\bstate(?:-run|-owned|-controlled)?\b|\bgovernment(?:-run|-owned)?\b", "state media"),
    (r"\bagency\b|\bnews service\b", "agency"),
    (r"\bbroadcast(?:er|ing)\b|\btelevision\b|\bTV\b|\bradio\b|\bchannel\b|\bnetwork\b", "broadcaster"),
    (r"\bnewspaper\b|\bdaily\b", "newspaper"),
    (r"\bmagazine\b|\bweekly\b", "magazine"),
    (r"\bwebsite\b|\bsite\b|\bportal\b|\boutlet\b", "online"),
]
# a site named after a title's dash must end like an outlet's name ('... - Example Daily News')
_OUTLET_END = (
    r"News|Times|Post|Herald|Tribune|Journal|Gazette|Daily|Today|TV|Radio|Online|Network|Channel|Agency"
    r"|Press|Media|Telegraph|Chronicle|Observer|Express|Mail|Standard|Review|Wire|Insider|HD"
)
TITLE_SITE = re.compile(
    rf"(?P<head>.+?)\s+(?:\||[-–—])\s+(?P<site>(?:{_AGENCY})|[A-Z0-9][\w.&'’-]*(?:[ \t]+[\w.&'’-]+){{0,4}}?"
    rf"[ \t]+(?:{_OUTLET_END}))"
)
# "Example TV's Bureau Chief in Moscow": an outlet quoting its own bureau
BUREAU = re.compile(
    r"(?<![\w'’])(?P<p>[A-Z][\w-]*(?: [A-Z][\w-]*){0,3})(?:'s|’s|'|’)[ \t]+"
    r"(?:[A-Z]?[\w-]+[ \t]+)?[Bb]ureau\b"
)
# "— Jane Doe (@janedoe) January 5, 2022": a post the article quotes, signed (at the end of a line, after
# the post) and maybe dated; without a handle, only a line of its own ("— Jane Doe, January 5, 2022")
SIGNATURE = re.compile(
    r"(?:^|(?<=\s))[\u2014\u2013-]\s*(?:(?P<handle>[^()\n\u2014\u2013]{1,60}?\s*\(@\w{1,30}\))"
    rf"|[A-Z][^()\n,\u2014\u2013]{{1,50}},)\s*(?:(?P<date>{_DATE})\s*)?$"
)
_DATE_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],  # no "2 hours ago": the text must state the day
}


@dataclass
class Inferred:
    """What the text of an article says about it (None where it says nothing)."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    byline: str | None = None
    type: SourceType | None = None  # what kind of outlet the publisher is, where the text says it
    via: str | None = None  # the site that carried the publisher's text
    not_before: str | None = None  # YYYY-MM-DD: the newest date of a signed post the article quotes
    skip_spans: list[Span] = field(default_factory=list)  # the metadata lines, which hold no facts
    furniture: list[Piece] = field(default_factory=list)  # page furniture (ingest/furniture.py)


Cue = tuple[str, SourceType | None]  # an outlet's name, and what kind of outlet the cue says it is


def infer_metadata(text: str) -> Inferred:
    """Return title, publisher, published, byline and skip_spans inferred from a plain-text article."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    lines = [(start + len(line) - len(line.lstrip()), line.strip()) for start, line in lines]
    zone = lines[:HEADER_LINES] + lines[max(HEADER_LINES, len(lines) - FOOTER_LINES) :]
    meta = Inferred(furniture=find_furniture(text))
    credits: list[Cue] = []  # who supplied the text
    sites: list[Cue] = []  # whose page carried it
    for start, line in zone:
        if _stamp(line, meta) or _byline(line, meta) or _sign_off(line, credits):
            meta.skip_spans.append((start, start + len(line)))
    for start, line in lines:  # a quoted post's signature may stand anywhere
        if (at := _signature(line, meta)) is not None:
            meta.skip_spans.append((start + at, start + len(line)))
    if lines:
        _dateline(lines[:HEADER_LINES], meta, credits)
        _title(lines, meta, sites)
    sites += [(p.outlet, None) for p in meta.furniture if p.outlet]
    sites += [(m["p"], None) for m in BUREAU.finditer(text)]
    _author_anywhere(text, meta)
    _publisher(meta, credits, sites)
    meta.skip_spans = sorted(set(meta.skip_spans))
    return meta


def _publisher(meta: Inferred, credits: list[Cue], sites: list[Cue]) -> None:
    """Record the publisher and its type: the first credit, else the first site; and the site that
    carried a credited publisher's text."""
    if credits:
        meta.publisher, meta.type = credits[0]
        meta.via = next((name for name, _ in sites if not _same_outlet(name, meta.publisher)), None)
    elif sites:
        meta.publisher, meta.type = sites[0]
    if meta.publisher and not meta.type:
        meta.type = name_type(meta.publisher)


def _same_outlet(a: str, b: str) -> bool:
    """Whether two names are one outlet's ('AFP' in 'AFP, Reuters')."""
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def name_type(name: str) -> SourceType | None:
    """The kind of outlet a name says it is: every part a known agency ('AFP, Reuters'), or a name
    that says so ('Example Broadcasting Corporation', 'Example News Agency')."""
    parts = [p.strip() for p in re.split(r",|/|\band\b", name) if p.strip()]
    if parts and all(re.fullmatch(_AGENCY, p) for p in parts):
        return "agency"
    return (
        descriptor_type(name) if re.search(r"\b(?:Agency|Broadcasting|Television|TV|Radio)\b", name) else None
    )


def descriptor_type(words: str) -> SourceType | None:
    """The kind of outlet a descriptor names: 'a state news agency' -> state media."""
    return next((kind for pattern, kind in DESCRIPTOR_TYPES if re.search(pattern, words, re.I)), None)


def _signature(line: str, meta: Inferred) -> int | None:
    """Return where in line the signature of a quoted post begins ('— Jane Doe (@janedoe) January 5,
    2022'), recording its date as the earliest the article can be from; None for no signature."""
    match = SIGNATURE.search(line)
    if not match or not (match["handle"] or match.start() == 0):
        return None
    if match["date"] and (day := parse_date(match["date"])):
        meta.not_before = max(meta.not_before or day, day)
    return match.start()


def parse_date(text: str) -> str | None:
    """Return text as YYYY-MM-DD when it states a full date (day, month and year), else None."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text.strip()):
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    import dateparser  # slow to import; most seeds state no date at all

    parsed = dateparser.parse(text, languages=["en"], settings=_DATE_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _stamp(line: str, meta: Inferred) -> bool:
    """Return whether line is a publication stamp or a date-only line, recording its date."""
    stamp = STAMP.fullmatch(line)
    date = DATE_LINE.search(stamp["rest"]) if stamp else DATE_LINE.fullmatch(line)
    # a stamp without a year ("Updated 5 January") is still metadata, but gives no date
    if date and not meta.published:
        meta.published = parse_date(date.group())
    return bool(stamp or date)


def _byline(line: str, meta: Inferred) -> bool:
    """Return whether line is a 'By Name' or 'Author: Name' line, recording the name."""
    match = BY_LINE.fullmatch(line) or AUTHOR.fullmatch(line)
    if match:
        meta.byline = meta.byline or match["name"]
    return bool(match)


def _sign_off(line: str, credits: list[Cue]) -> bool:
    """Return whether line is an agency sign-off or credit line, recording the publisher it names and
    what the line says it is (editors' initials over agency credits: a rewrite of agency copy)."""
    match = next((m for pattern in SIGN_OFFS if (m := pattern.fullmatch(line))), None)
    named = match and (match.groupdict().get("p") or _agencies_in(line))
    if match and named:
        groups = match.groupdict()
        kind = "agency copy" if groups.get("initials") else descriptor_type(groups.get("desc") or "")
        credits.append((named.strip().rstrip("."), kind))
    return bool(match)


def _agencies_in(line: str) -> str | None:
    """Return the well-known agencies named in line, comma-separated, or None."""
    found = re.findall(rf"\b(?:{_AGENCY})\b", line)
    return ", ".join(dict.fromkeys(found)) or None


def _dateline(header: list[tuple[int, str]], meta: Inferred, credits: list[Cue]) -> None:
    """Record the date and agency of a dateline ('MOSCOW, Jan 6, 2022 (Reuters) -') opening the body."""
    # a dateline opens the first paragraph, which is longer than a headline or a stamp
    start, line = next(((s, line) for s, line in header if len(line.split()) > 8), (0, ""))
    match = DATELINE.match(line)
    city = match["city"].split(",")[0] if match else ""
    # a city in capitals, a date or an agency marks a dateline; "Tokayev - who" and "UK - France" do not
    if not match or not ((city.isupper() and len(city) > 3) or match["date"] or match["agency"]):
        return
    if match["date"] and not meta.published:
        meta.published = parse_date(match["date"])
    if match["agency"]:
        credits.insert(0, (match["agency"].strip(), "agency"))  # the agency that wrote it outranks credits
    meta.skip_spans.append((start, start + len(match.group().rstrip())))


def _title(lines: list[tuple[int, str]], meta: Inferred, sites: list[Cue]) -> None:
    """Record the headline: the first line that is not metadata, when it does not read like body text."""
    whole_lines = set(meta.skip_spans)  # stamps and bylines above a headline are not the headline
    line = next((text for start, text in lines if (start, start + len(text)) not in whole_lines), "")
    words = line.split()
    # a short question or exclamation can be a headline; a long sentence or a lead-in is body text
    sentence = line.endswith((":", ",", ";")) or (line.endswith((".", "!", "?")) and len(words) > 12)
    if not words or sentence or len(line) > 200 or len(words) > 30:
        return
    suffix = TITLE_SITE.fullmatch(line)
    meta.title = suffix["head"].strip() if suffix else line
    if suffix:
        sites.append((suffix["site"].strip(), None))  # a site suffix names whose page it was


def _author_anywhere(text: str, meta: Inferred) -> None:
    """Record an 'Author: Name' credit found inside a paragraph; its skip span covers only the credit."""
    for match in AUTHOR.finditer(text):
        meta.byline = meta.byline or match["name"]
        meta.skip_spans.append(match.span())
