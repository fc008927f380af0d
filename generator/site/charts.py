"""Charts: small inline SVG drawn at build time (no JavaScript, no external request).

The SVG is raw HTML inside a Markdown page, so every string in it is HTML-escaped here. Colours come
from `currentColor` and CSS classes (see templates/factsheet.css), so a chart reads in the light and
dark schemes and in print.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

WIDTH = 640  # viewBox units; the SVG scales down with the page
LABEL_W = 230  # the source names, right-aligned against the axis
BAR_W = 250  # the longest bar
ROW_H = 26
TOP, BOTTOM = 6, 22  # room above the first bar and for the scale below the last
LABEL_CHARS = 34  # at 12 units a character, about LABEL_W wide
_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: who reported it, the number (None: not drawn) and how it was written."""

    label: str
    value: float | int | None
    text: str
    approximate: bool = False  # 'about', 'more than', ...: drawn lighter than an exact number


def esc(value: object) -> str:
    """Return value escaped for SVG text or a quoted attribute, on one line."""
    return html.escape(" ".join(str(value).translate(_CONTROLS).split()), quote=True)


def number(value: float | int) -> str:
    """Return a number as a reader writes it: 1,000, 2.5 or 19 million."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _short(text: str) -> str:
    """Return text cut to LABEL_CHARS characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(title: str, bars: list[Bar]) -> str:
    """Return a horizontal bar chart as a block of inline SVG; bars without a value are listed, not drawn."""
    drawn = [b.value for b in bars if b.value is not None]
    top = max((max(v, 0) for v in drawn), default=0) or 1
    height = TOP + ROW_H * len(bars) + BOTTOM
    summary = "; ".join(f"{b.label}: {b.text}" for b in bars)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fs-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{esc(f"{title}. {summary}")}" '
        'fill="currentColor" font-size="12">',
        f"<title>{esc(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = TOP + ROW_H * i
        mid = y + ROW_H / 2
        row = [f"<g><title>{esc(bar.label)}: {esc(bar.text)}</title>"]
        label = esc(_short(bar.label))
        row.append(f'<text x="{LABEL_W - 8}" y="{mid:g}" dy="0.35em" text-anchor="end">{label}</text>')
        if bar.value is None:
            row.append(
                f'<text class="fs-chart-note" x="{LABEL_W + 6}" y="{mid:g}" dy="0.35em">'
                f"{esc(bar.text)} (no number, not drawn)</text>"
            )
        else:
            width = max(2.0, BAR_W * max(bar.value, 0) / top)
            kind = "fs-bar fs-bar-approx" if bar.approximate else "fs-bar"
            box = f'x="{LABEL_W}" y="{y + 5}" width="{width:.1f}" height="{ROW_H - 10}"'
            row.append(f'<rect class="{kind}" {box} rx="2"/>')
            row.append(f'<text x="{LABEL_W + width + 6:.1f}" y="{mid:g}" dy="0.35em">{esc(bar.text)}</text>')
        out.append("".join(row) + "</g>")
    base = TOP + ROW_H * len(bars)
    out.append(
        '<g class="fs-axis">'
        f'<line x1="{LABEL_W}" y1="{TOP}" x2="{LABEL_W}" y2="{base}" stroke="currentColor"/>'
        f'<line x1="{LABEL_W}" y1="{base}" x2="{LABEL_W + BAR_W}" y2="{base}" stroke="currentColor"/>'
        f'<text x="{LABEL_W}" y="{base + 15}" text-anchor="middle">0</text>'
        f'<text x="{LABEL_W + BAR_W}" y="{base + 15}" text-anchor="middle">{esc(number(top))}</text></g>'
    )
    out.append("</svg>")
    return "\n".join(out)


# the timeline: one column per day with events, on an axis of days
DAY_MARGIN = 24  # room left and right of the axis
DAY_TOP = 22  # room above the tallest column for its count
DAY_BAR_H = 80  # the tallest column
DAY_LABEL_GAP = 84  # the least room between two date labels (a date is about 70 units wide)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Day:
    """One day of the timeline chart: its date (YYYY-MM-DD), how many events and the link to its entries."""

    date: str
    count: int
    href: str


def day_label(day: datetime.date) -> str:
    """Return a day as "5 Jan 2022", the same in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def timeline_chart(title: str, days: list[Day]) -> str | None:
    """Return the dated events as a column chart on an axis of days (inline SVG), None without a valid date.

    Days are placed by date, so a gap in the story is a gap on the axis; each column links to that day's
    entries and carries its count.
    """
    dated = []
    for d in days:
        try:
            dated.append((datetime.date.fromisoformat(d.date), d))
        except ValueError:
            continue
    if not dated:
        return None
    dated.sort(key=lambda p: p[0])
    first, last = dated[0][0], dated[-1][0]
    span = (last - first).days + 1  # days on the axis
    slot = (WIDTH - 2 * DAY_MARGIN) / span
    bar_w = min(36.0, max(3.0, slot * 0.6))
    top = max(d.count for _, d in dated)
    base = DAY_TOP + DAY_BAR_H
    height = base + 34

    def x_of(day: datetime.date) -> float:
        return DAY_MARGIN + ((day - first).days + 0.5) * slot

    summary = "; ".join(f"{d.date}: {d.count} event{'s' if d.count != 1 else ''}" for _, d in dated)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="fs-chart fs-timeline" '
        f'viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{esc(f"{title}. {summary}")}" '
        'fill="currentColor" font-size="12">',
        f"<title>{esc(title)}</title>",
        f'<g class="fs-axis"><line x1="{DAY_MARGIN}" y1="{base}" x2="{WIDTH - DAY_MARGIN}" y2="{base}" '
        'stroke="currentColor"/>',
    ]
    if span <= 62:  # a tick per day while they stay apart
        out += [
            f'<line x1="{x_of(first + datetime.timedelta(days=i)):.1f}" y1="{base}" '
            f'x2="{x_of(first + datetime.timedelta(days=i)):.1f}" y2="{base + 4}" stroke="currentColor"/>'
            for i in range(span)
        ]
    out.append("</g>")
    labelled = -1e9
    for day, d in dated:
        x = x_of(day)
        h = max(2.0, DAY_BAR_H * d.count / top)
        words = f"{day_label(day)}: {d.count} event{'s' if d.count != 1 else ''}"
        row = [f'<a href="{esc(d.href)}"><title>{esc(words)}</title>']
        row.append(
            f'<rect class="fs-bar" x="{x - bar_w / 2:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}" rx="2"/>'
        )
        row.append(f'<text x="{x:.1f}" y="{base - h - 6:.1f}" text-anchor="middle">{d.count}</text>')
        if x - labelled >= DAY_LABEL_GAP:
            row.append(f'<text x="{x:.1f}" y="{base + 18}" text-anchor="middle">{esc(day_label(day))}</text>')
            labelled = x
        out.append("".join(row) + "</a>")
    out.append("</svg>")
    return "\n".join(out)
