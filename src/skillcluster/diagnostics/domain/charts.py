"""Server-rendered SVG charts for the diagnostic report and the cluster page (no JS, no Django).

Each function returns a standalone ``<svg>`` string with ``role="img"``, a ``<title>`` and a ``<desc>``
(screen readers, PDF), text labels on every value, and presentation attributes only (no CSS, no
scripts) so WeasyPrint draws it the same as a browser. Colours meet WCAG contrast: text on a heat-map
cell is black or white, whichever contrasts more with the cell (always at least 4.5:1).

The words are in the active language (`skillcluster.words`); where a translated label is longer than the
English, the chart widens its label column instead of cutting the label off.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from skillcluster.words import gettext

from .benchmarks import PeerBand
from .instrument import TRIAD

FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
INK = "#1a1a1a"
BAR = "#1f4e79"
BAND = "#c9d3dd"
MEDIAN = "#4d4d4d"
GRID = "#d0d0d0"
EMPTY = "#eeeeee"
LIGHT = (0xF7, 0xFB, 0xFF)
DARK = (0x08, 0x30, 0x6B)
BAR_LEFT, BAR_WIDTH, ROW, TOP = 210, 340, 36, 40


def _svg(width: int, height: int, chart_id: str, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def _text(
    x: float, y: float, content: str, *, size: int = 12, anchor: str = "start", fill: str = INK, weight: str = "normal"
) -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}" {FONT}>{escape(content)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, fill: str, extra: str = "") -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" fill="{fill}"{extra}/>'


def _width(text: str, size: int) -> float:
    """About how wide ``text`` is drawn at font ``size`` (DejaVu Sans averages under 0.6 em a character)."""
    return 0.6 * size * len(text)


def _fmt(value: float | None) -> str:
    # Half up, like the pages' floatformat (Python's format rounds half to even: 42.5 would read 42 here, 43 there).
    return "–" if value is None else str(math.floor(value + 0.5))


def scale_bar_chart(
    scores: Mapping[str, float | None],
    labels: Mapping[str, str],
    bands: Mapping[str, PeerBand | None] | None = None,
    *,
    errors: Mapping[str, float | None] | None = None,
    chart_id: str = "scales",
    title: str | None = None,
) -> str:
    """Horizontal bars per scale (0-100) over the peers' p25-p75 band with its median tick; a whisker shows
    the score's 95 % measurement band where ``errors`` gives its half-width."""
    bands, errors = bands or {}, errors or {}
    title = title or gettext("Your scores (0-100) and the middle half of your peers")
    whiskers = any(errors.values())
    height = TOP + ROW * len(scores) + (56 if whiskers else 40)
    # The label column widens for a long label (a translated scale name), so that none is cut off at the edge.
    left = max([BAR_LEFT, *(math.ceil(_width(labels.get(code, code), 12)) + 16 for code in scores)])
    body = _bar_axis(left, len(scores))
    for index, (code, value) in enumerate(scores.items()):
        y = TOP + ROW * index
        body += _bar_row(left, y, labels.get(code, code), value, bands.get(code))
        body += _whisker(left, y, value, errors.get(code))
    legend, legend_right = _bar_legend(left, height - (30 if whiskers else 14), whiskers=whiskers)
    body += legend
    desc = "; ".join(
        gettext("%(scale)s: %(score)s") % {"scale": labels.get(c, c), "score": _fmt(v)}
        + _error_words(errors.get(c))
        + _band_words(bands.get(c))
        for c, v in scores.items()
    )
    width = max(left + BAR_WIDTH + 50, math.ceil(legend_right) + 10)
    return _svg(width, height, chart_id, title, desc, body)


def _bar_axis(left: int, rows: int) -> list[str]:
    body = []
    for tick in range(0, 101, 25):
        x = left + BAR_WIDTH * tick / 100
        body.append(f'<line x1="{x:g}" y1="{TOP - 6}" x2="{x:g}" y2="{TOP + ROW * rows}" stroke="{GRID}"/>')
        body.append(_text(x, TOP - 10, str(tick), size=10, anchor="middle"))
    return body


def _bar_row(left: int, y: int, label: str, value: float | None, band: PeerBand | None) -> list[str]:
    body = [_text(left - 8, y + 17, label, anchor="end")]
    if band is not None:
        start = left + BAR_WIDTH * band.p25 / 100
        body.append(_rect(start, y + 2, BAR_WIDTH * (band.p75 - band.p25) / 100, ROW - 8, BAND))
        median = left + BAR_WIDTH * band.median / 100
        body.append(
            f'<line x1="{median:g}" y1="{y + 2}" x2="{median:g}" y2="{y + ROW - 6}" '
            f'stroke="{MEDIAN}" stroke-width="2"/>'
        )
    if value is None:
        return [*body, _text(left + 4, y + 17, gettext("not enough answers"), size=11)]
    width = BAR_WIDTH * value / 100
    # Values sit in their own column right of the axis, so no band or bar ever hides them.
    return [
        *body,
        _rect(left, y + 9, width, 12, BAR),
        _text(left + BAR_WIDTH + 34, y + 20, _fmt(value), size=12, anchor="end", weight="bold"),
    ]


def _whisker(left: int, y: int, value: float | None, error: float | None) -> list[str]:
    if value is None or not error:
        return []
    low = left + BAR_WIDTH * max(0.0, value - error) / 100
    high = left + BAR_WIDTH * min(100.0, value + error) / 100
    mid = y + 15
    return [
        f'<path d="M{low:g} {mid - 4}v8M{low:g} {mid}H{high:g}M{high:g} {mid - 4}v8" '
        f'stroke="{MEDIAN}" stroke-width="1.5" fill="none"/>'
    ]


def _error_words(error: float | None) -> str:
    return " " + gettext("(plus or minus %(error).0f)") % {"error": error} if error else ""


def _bar_legend(left: int, y: int, *, whiskers: bool = False) -> tuple[list[str], float]:
    """The legend's drawing, and how far right its text reaches (the chart is at least that wide)."""
    firm, peers = gettext("your firm"), gettext("middle half of peers, line = median")
    second = left + max(110, math.ceil(24 + _width(firm, 11) + 16))  # the peers' key moves right of a long word
    legend = [
        _rect(left, y - 9, 18, 10, BAR),
        _text(left + 24, y, firm, size=11),
        _rect(second, y - 11, 18, 14, BAND),
        _text(second + 24, y, peers, size=11),
    ]
    right = second + 24 + _width(peers, 11)
    if whiskers:
        band = "|—| " + gettext("your score's 95 % measurement band")
        legend.append(_text(left, y + 14, band, size=11))
        right = max(right, left + _width(band, 11))
    return legend, right


def _band_words(band: PeerBand | None) -> str:
    if band is None:
        return ""
    text = gettext("(peers %(p25).0f to %(p75).0f, median %(median).0f)")
    return " " + text % {"p25": band.p25, "p75": band.p75, "median": band.median}


def triad_points(
    scores: Mapping[str, float | None], centre: tuple[float, float] = (230.0, 130.0), radius: float = 100.0
) -> list[tuple[float, float]]:
    """Corner points for the triad's three scores (missing = 0), first axis straight up, clockwise."""
    points = []
    for index, code in enumerate(TRIAD):
        angle = math.radians(-90 + 120 * index)
        share = (scores.get(code) or 0.0) / 100
        points.append((centre[0] + radius * share * math.cos(angle), centre[1] + radius * share * math.sin(angle)))
    return points


def _polygon(points: Sequence[tuple[float, float]], fill: str, stroke: str, extra: str = "") -> str:
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{path}" fill="{fill}" stroke="{stroke}"{extra}/>'


def triad_chart(
    scores: Mapping[str, float | None], labels: Mapping[str, str], balance: float | None, *, chart_id: str = "triad"
) -> str:
    """Triangle chart of the three components; a perfectly balanced firm draws an equilateral triangle."""
    full = dict.fromkeys(TRIAD, 100.0)
    half = dict.fromkeys(TRIAD, 50.0)
    body = [
        _polygon(triad_points(full), "none", GRID),
        _polygon(triad_points(half), "none", GRID),
        _polygon(triad_points(scores), BAR, BAR, ' fill-opacity="0.35" stroke-width="2"'),
    ]
    for index, (code, (x, y)) in enumerate(zip(TRIAD, triad_points(full), strict=True)):
        top = y - 22 if index == 0 else y + 18
        body.append(_text(x, top, labels.get(code, code), anchor="middle"))
        body.append(_text(x, top + 15, _fmt(scores.get(code)), anchor="middle", weight="bold"))
    balance_text = gettext("Balance %(balance)s of 100") % {"balance": _fmt(balance)}
    body.append(_text(230, 255, balance_text, size=13, anchor="middle", weight="bold"))
    desc = "; ".join(f"{labels.get(c, c)} {_fmt(scores.get(c))}" for c in TRIAD) + f"; {balance_text}."
    # Shifted down so the top label's ascenders are not cut off at the edge of the image.
    shifted = ['<g transform="translate(0 14)">', *body, "</g>"]
    return _svg(460, 280, chart_id, gettext("Balance of the three learning components"), desc, shifted)


def heat_colour(value: float) -> str:
    """Colour for a 0-100 mean: light blue at 0 to dark blue at 100 (linear in RGB)."""
    share = min(1.0, max(0.0, value / 100))
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(LIGHT, DARK, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(background: str) -> str:
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


def heat_map(
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    values: Mapping[tuple[str, str], float | None],
    *,
    chart_id: str = "heatmap",
    title: str | None = None,
) -> str:
    """Grid of ``rows x columns`` (each ``(code, label)``), cells coloured by mean with the value written in.

    A ``None`` cell (fewer than 5 firms behind it) is grey and reads "n < 5".
    """
    title = title or gettext("Mean scores by size class (0-100)")
    top, cell_h = 50, 34
    # Wider than usual where a translated row or column label needs it, so that none is cut off or overlaps.
    left = max([110, *(math.ceil(_width(label, 12)) + 16 for _, label in rows)])
    lines = [_column_lines(label) for _, label in columns]
    cell_w = max([86, *(math.ceil(_width(line, 10)) + 8 for pair in lines for line in pair)])
    body = [
        _text(left + cell_w * i + cell_w / 2, top - 10 - 12 * (len(pair) - 1 - j), line, size=10, anchor="middle")
        for i, pair in enumerate(lines)
        for j, line in enumerate(pair)
    ]
    for r, (row_code, row_label) in enumerate(rows):
        y = top + cell_h * r
        body.append(_text(left - 8, y + 22, row_label, anchor="end"))
        for c, (column_code, _) in enumerate(columns):
            body += _heat_cell(left + cell_w * c, y, cell_w, cell_h, values.get((row_code, column_code)))
    desc = "; ".join(
        gettext("%(scale)s: %(score)s") % {"scale": f"{rl}, {cl}", "score": _fmt(values.get((rc, cc)))}
        for rc, rl in rows
        for cc, cl in columns
    )
    return _svg(left + cell_w * len(columns) + 10, top + cell_h * len(rows) + 10, chart_id, title, desc, body)


def _column_lines(label: str) -> tuple[str, ...]:
    """One line, or two split at the space nearest the middle when the label is long."""
    if len(label) <= 14 or " " not in label:
        return (label,)
    spaces = [i for i, char in enumerate(label) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut], label[cut + 1 :]


def _heat_cell(x: float, y: float, width: float, height: float, value: float | None) -> list[str]:
    fill = EMPTY if value is None else heat_colour(value)
    label = gettext("n < 5") if value is None else _fmt(value)
    return [
        _rect(x, y, width - 2, height - 2, fill),
        _text(x + width / 2 - 1, y + 21, label, anchor="middle", fill=text_colour(fill), weight="bold"),
    ]
