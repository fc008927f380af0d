"""Charts: small inline SVG drawn at build time (no JavaScript, no external request).

The SVG is raw HTML inside a Markdown page, so every string in it is HTML-escaped here. Colours come
from `currentColor` and CSS classes (see templates/factsheet.css), so a chart reads in the light and
dark schemes and in print.
"""

from __future__ import annotations

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
