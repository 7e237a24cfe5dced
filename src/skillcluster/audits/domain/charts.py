"""Server-rendered SVG bar chart of the gap report by skill category (pure: no Django).

Two bars per category: coverage (share of required skill lines met) and weighted gap share. Text is escaped;
the chart has a title and a description for screen readers, and the figures are also in a table beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from skillcluster.words import gettext

WIDTH, LABEL_W, BAR_W, ROW_H = 640, 190, 380, 44


def category_bars(rows: Iterable[Mapping[str, object]]) -> str:
    """``rows``: dicts with ``label``, ``coverage`` and ``gap_share`` in percent (``None`` when undefined)."""
    items = list(rows)
    height = 34 + ROW_H * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'style="max-width:100%;height:auto" role="img" '
        'aria-labelledby="cat-title cat-desc" class="category-chart">',
        '<title id="cat-title">' + escape(gettext("Coverage and gap by skill category")) + "</title>",
        '<desc id="cat-desc">'
        + escape(gettext("For each category: share of required skills met (green) and weighted gap (red)."))
        + "</desc>",
        _legend(),
    ]
    for index, row in enumerate(items):
        parts.append(_row(34 + index * ROW_H, row))
    parts.append("</svg>")
    return "".join(parts)


LEGEND_CHAR_W = 6.5  # about the mean width of a character at 12 px


def _legend() -> str:
    met, gap = gettext("coverage (met)"), gettext("weighted gap")
    second = LABEL_W + max(140, 18 + round(len(met) * LEGEND_CHAR_W) + 16)  # a longer label pushes it right
    return (
        f'<rect x="{LABEL_W}" y="6" width="12" height="12" fill="#2e7d32"/>'
        f'<text x="{LABEL_W + 18}" y="16" font-size="12">{escape(met)}</text>'
        f'<rect x="{second}" y="6" width="12" height="12" fill="#c62828"/>'
        f'<text x="{second + 18}" y="16" font-size="12">{escape(gap)}</text>'
    )


def _bar(y: int, value: object, colour: str) -> str:
    if not isinstance(value, int):
        not_available = gettext("n/a")  # no figure: nothing is required in the category
        return f'<text x="{LABEL_W}" y="{y + 11}" font-size="11" fill="#666">{escape(not_available)}</text>'
    width = round(BAR_W * max(0, min(100, value)) / 100)
    return (
        f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W}" height="14" fill="#eee"/>'
        f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="14" fill="{colour}"/>'
        f'<text x="{LABEL_W + BAR_W + 8}" y="{y + 12}" font-size="12">{value}%</text>'
    )


LABEL_CHARS = 24  # what fits in LABEL_W at 13 px; longer labels take a second line


def label_lines(label: str) -> list[str]:
    """The label in at most two lines, broken at the last space that keeps the first line short enough."""
    if len(label) <= LABEL_CHARS:
        return [label]
    cut = label.rfind(" ", 0, LABEL_CHARS + 1)
    return [label] if cut <= 0 else [label[:cut].rstrip(","), label[cut + 1 :]]


def _row(y: int, row: Mapping[str, object]) -> str:
    lines = label_lines(str(row["label"]))
    top = y + (20 if len(lines) == 1 else 12)
    spans = "".join(f'<tspan x="0" y="{top + 15 * index}">{escape(line)}</tspan>' for index, line in enumerate(lines))
    return (
        f'<text font-size="13">{spans}</text>'
        + _bar(y, row.get("coverage"), "#2e7d32")
        + _bar(y + 17, row.get("gap_share"), "#c62828")
    )
