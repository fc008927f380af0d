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


def _short(text: str, chars: int = LABEL_CHARS) -> str:
    """Return text cut to `chars` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def bar_chart(title: str, bars: list[Bar], narrow: bool = False) -> str:
    """Return a horizontal bar chart as a block of inline SVG; bars without a value are listed, not drawn
    (`narrow`: a 400-unit viewBox whose text stays readable on a 390 px phone)."""
    width_all, label_w, bar_w, chars = (400, 140, 150, 18) if narrow else (WIDTH, LABEL_W, BAR_W, LABEL_CHARS)
    drawn = [b.value for b in bars if b.value is not None]
    top = max((max(v, 0) for v in drawn), default=0) or 1
    height = TOP + ROW_H * len(bars) + BOTTOM
    summary = "; ".join(f"{b.label}: {b.text}" for b in bars)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fs-chart" viewBox="0 0 {width_all} {height}" '
        f'width="{width_all}" height="{height}" role="img" aria-label="{esc(f"{title}. {summary}")}" '
        'fill="currentColor" font-size="12">',
        f"<title>{esc(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = TOP + ROW_H * i
        mid = y + ROW_H / 2
        row = [f"<g><title>{esc(bar.label)}: {esc(bar.text)}</title>"]
        label = esc(_short(bar.label, chars))
        row.append(f'<text x="{label_w - 8}" y="{mid:g}" dy="0.35em" text-anchor="end">{label}</text>')
        if bar.value is None:
            row.append(
                f'<text class="fs-chart-note" x="{label_w + 6}" y="{mid:g}" dy="0.35em">'
                f"{esc(bar.text)} (no number, not drawn)</text>"
            )
        else:
            width = max(2.0, bar_w * max(bar.value, 0) / top)
            kind = "fs-bar fs-bar-approx" if bar.approximate else "fs-bar"
            box = f'x="{label_w}" y="{y + 5}" width="{width:.1f}" height="{ROW_H - 10}"'
            row.append(f'<rect class="{kind}" {box} rx="2"/>')
            row.append(f'<text x="{label_w + width + 6:.1f}" y="{mid:g}" dy="0.35em">{esc(bar.text)}</text>')
        out.append("".join(row) + "</g>")
    base = TOP + ROW_H * len(bars)
    out.append(
        '<g class="fs-axis">'
        f'<line x1="{label_w}" y1="{TOP}" x2="{label_w}" y2="{base}" stroke="currentColor"/>'
        f'<line x1="{label_w}" y1="{base}" x2="{label_w + bar_w}" y2="{base}" stroke="currentColor"/>'
        f'<text x="{label_w}" y="{base + 15}" text-anchor="middle">0</text>'
        f'<text x="{label_w + bar_w}" y="{base + 15}" text-anchor="middle">{esc(number(top))}</text></g>'
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


# a figure's history: value against time, one mark per report
HIST_W, HIST_H = 400, 190  # narrow viewBox: text stays about 12 px on a 390 px phone
HIST_LEFT, HIST_RIGHT, HIST_TOP, HIST_BOTTOM = 46, 16, 14, 34
UP = {"more_than", "at_least"}  # bounds drawn with an arrow towards where the true value lies
DOWN = {"up_to", "less_than", "nearly"}


@dataclass(frozen=True)
class Mark:
    """One report on a history chart: its time slot, value, how it was qualified and its citation link."""

    slot: int  # index of its time on the axis
    value: float | int
    qualifier: str
    words: str  # '8 (Interior Ministry, Thu)', the mark's tooltip
    href: str


def history_chart(title: str, times: list[str], marks: list[Mark]) -> str | None:
    """Return the values of one quantity against time as inline SVG (None with fewer than two times)."""
    if len(times) < 2 or not marks:
        return None
    top = max(m.value for m in marks) * 1.15 or 1
    plot_w, base = HIST_W - HIST_LEFT - HIST_RIGHT, HIST_H - HIST_BOTTOM

    def x_of(slot: int) -> float:
        return HIST_LEFT + plot_w * (slot + 0.5) / len(times)

    def y_of(value: float) -> float:
        return base - (base - HIST_TOP) * value / top

    summary = "; ".join(m.words for m in marks)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="fs-chart fs-history" '
        f'viewBox="0 0 {HIST_W} {HIST_H}" width="{HIST_W}" height="{HIST_H}" role="img" '
        f'aria-label="{esc(f"{title}. {summary}")}" fill="currentColor" font-size="12">',
        f"<title>{esc(title)}</title>",
        f'<g class="fs-axis"><line x1="{HIST_LEFT}" y1="{HIST_TOP}" x2="{HIST_LEFT}" y2="{base}" '
        f'stroke="currentColor"/><line x1="{HIST_LEFT}" y1="{base}" x2="{HIST_W - HIST_RIGHT}" y2="{base}" '
        'stroke="currentColor"/>'
        f'<text x="{HIST_LEFT - 6}" y="{base}" text-anchor="end" dy="0.35em">0</text>'
        f'<text x="{HIST_LEFT - 6}" y="{y_of(top / 1.15):.1f}" text-anchor="end" dy="0.35em">'
        f"{esc(number(top / 1.15))}</text>",
    ]
    out += [
        f'<text x="{x_of(i):.1f}" y="{base + 16}" text-anchor="middle">{esc(_short(t, 18))}</text>'
        for i, t in enumerate(times)
    ]
    out.append("</g>")
    path = " ".join(f"{x_of(m.slot):.1f},{y_of(m.value):.1f}" for m in sorted(marks, key=lambda m: m.slot))
    out.append(f'<polyline class="fs-history-line" points="{path}" fill="none" stroke="currentColor"/>')
    for m in marks:
        x, y = x_of(m.slot), y_of(m.value)
        kind = "fs-mark" if m.qualifier == "exact" else "fs-mark fs-mark-approx"
        row = [f'<a href="{esc(m.href)}"><title>{esc(m.words)}</title>']
        row.append(f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        if m.qualifier in UP or m.qualifier in DOWN:
            d = -1 if m.qualifier in UP else 1  # the arrow points where the true value may lie
            row.append(
                f'<path class="fs-bound" d="M{x:.1f},{y + 7 * d:.1f} v{12 * d} '
                f'm-4,{-4 * d} l4,{4 * d} l4,{-4 * d}" fill="none" stroke="currentColor"/>'
            )
        row.append(f'<text x="{x + 9:.1f}" y="{y:.1f}" dy="0.35em">{esc(number(m.value))}</text>')
        out.append("".join(row) + "</a>")
    out.append("</svg>")
    return "\n".join(out)
