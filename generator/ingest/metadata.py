"""Metadata: the title, date, publisher and byline a plain-text article states in its own lines, and
the spans of those lines (stamps, bylines, credits), which hold no facts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.models import Span

HEADER_LINES, FOOTER_LINES = 6, 5  # metadata lines live at the top and the bottom of a story
AGENCIES = (
    "AFP", "Reuters", "AP", "Associated Press", "The Associated Press", "dpa", "Xinhua", "TASS",
    "Interfax", "Anadolu", "Anadolu Agency", "EFE", "ANSA", "Kyodo", "Yonhap", "PTI", "ANI", "UPI",
    "Bernama", "Agence France-Presse", "Agence France Presse",
)  # fmt: skip
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
SIGN_OFFS = (  # whole lines that name who supplied the story; group "p" is the publisher
    re.compile(r"(?:[a-z]{1,4}(?:/[a-z]{1,4})+\s*)\((?P<p>[^\W\d_][^()/]{1,60})\)"),  # "ar/rt (AFP, Reuters)"
    re.compile(rf"\((?P<p>(?:{_AGENCY})(?:\s*(?:,|and|/)\s*(?:{_AGENCY}))*)\)"),  # "(Reuters)"
    re.compile(rf"[—–-]{{1,2}}\s*(?P<p>(?:{_AGENCY})(?:\s*(?:,|and|/)\s*(?:{_AGENCY}))*)\.?"),  # "— AFP"
    re.compile(
        r"(?P<p>[A-Z][\w.&' -]{1,60}?) is an? (?:[\w-]+ ){0,3}news (?:agency|service|organi[sz]ation)\b.*"
    ),
    re.compile(
        r"(?:Copyright|©|\([cC]\))\s*(?:©\s*)?(?:\d{4}\s+)?(?P<p>[A-Z][^\d©]{1,60}?)\.?(?:\s+\d{4})?\.?"
        r"(?:\s+All rights reserved\.?)?"
    ),
    re.compile(r"Source\s*:\s*(?P<p>[A-Z].{1,60})"),
    re.compile(r"\(?Reporting by .*"),  # Reuters house style; names the agency only if the text does
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
    skip_spans: list[Span] = field(default_factory=list)  # the metadata lines, which hold no facts


def infer_metadata(text: str) -> Inferred:
    """Return title, publisher, published, byline and skip_spans inferred from a plain-text article."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    lines = [(start + len(line) - len(line.lstrip()), line.strip()) for start, line in lines]
    zone = lines[:HEADER_LINES] + lines[max(HEADER_LINES, len(lines) - FOOTER_LINES) :]
    meta = Inferred()
    publishers: list[str] = []
    for start, line in zone:
        if _stamp(line, meta) or _byline(line, meta) or _sign_off(line, publishers):
            meta.skip_spans.append((start, start + len(line)))
    if lines:
        _dateline(lines[:HEADER_LINES], meta, publishers)
        _title(lines, meta, publishers)
    _author_anywhere(text, meta)
    meta.publisher = publishers[0] if publishers else None
    meta.skip_spans = sorted(set(meta.skip_spans))
    return meta


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


def _sign_off(line: str, publishers: list[str]) -> bool:
    """Return whether line is an agency sign-off or credit line, recording the publisher it names."""
    match = next((m for pattern in SIGN_OFFS if (m := pattern.fullmatch(line))), None)
    named = match and (match.groupdict().get("p") or _agencies_in(line))
    if named:
        publishers.append(named.strip().rstrip("."))
    return bool(match)


def _agencies_in(line: str) -> str | None:
    """Return the well-known agencies named in line, comma-separated, or None."""
    found = re.findall(rf"\b(?:{_AGENCY})\b", line)
    return ", ".join(dict.fromkeys(found)) or None


def _dateline(header: list[tuple[int, str]], meta: Inferred, publishers: list[str]) -> None:
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
        publishers.insert(0, match["agency"].strip())  # the agency that wrote the story outranks credits
    meta.skip_spans.append((start, start + len(match.group().rstrip())))


def _title(lines: list[tuple[int, str]], meta: Inferred, publishers: list[str]) -> None:
    """Record the headline: the first line that is not metadata, when it does not read like body text."""
    whole_lines = set(meta.skip_spans)  # stamps and bylines above a headline are not the headline
    line = next((text for start, text in lines if (start, start + len(text)) not in whole_lines), "")
    words = line.split()
    # a short question or exclamation can be a headline; a long sentence or a lead-in is body text
    sentence = line.endswith((":", ",", ";")) or (line.endswith((".", "!", "?")) and len(words) > 12)
    if not words or sentence or len(line) > 200 or len(words) > 30:
        return
    head, *site = line.split(" | ")
    meta.title = head.strip()
    if site:
        publishers.append(site[-1].strip())  # a site suffix is the weakest publisher evidence


def _author_anywhere(text: str, meta: Inferred) -> None:
    """Record an 'Author: Name' credit found inside a paragraph; its skip span covers only the credit."""
    for match in AUTHOR.finditer(text):
        meta.byline = meta.byline or match["name"]
        meta.skip_spans.append(match.span())
