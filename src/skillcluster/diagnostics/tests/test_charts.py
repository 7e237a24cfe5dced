"""SVG charts: well-formed, accessible (title, desc, labels, contrast), exact geometry."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from skillcluster.diagnostics.domain.benchmarks import PeerBand
from skillcluster.diagnostics.domain.charts import (
    BAR_LEFT,
    BAR_WIDTH,
    contrast_ratio,
    heat_colour,
    heat_map,
    scale_bar_chart,
    text_colour,
    triad_chart,
    triad_points,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
LABELS = {
    "information_gathering": "Market intelligence",
    "knowledge_acquisition": "Knowledge acquisition",
    "competence_development": "Competence development",
    "context": "Time & money",
}


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own generated SVG, not untrusted input
    assert root.get("role") == "img"
    assert root.find("svg:title", NS) is not None
    assert "script" not in svg
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart_geometry_and_band() -> None:
    scores = {"information_gathering": 50.0, "context": None}
    bands = {"information_gathering": PeerBand(25.0, 40.0, 75.0, 8)}
    root = _parse(scale_bar_chart(scores, LABELS, bands))
    rects = root.findall("svg:rect", NS)
    band, bar = rects[0], rects[1]
    # Plot from x = 210, 340 px for 0..100: p25 = 25 -> 295, width 50 points -> 170.
    assert (BAR_LEFT, BAR_WIDTH) == (210, 340)
    assert (band.get("x"), band.get("width")) == ("295", "170")
    assert (bar.get("x"), bar.get("width")) == ("210", "170")
    texts = _texts(root)
    assert "Market intelligence" in texts
    assert "50" in texts
    assert "not enough answers" in texts
    assert "Time &amp; money" in scale_bar_chart(scores, LABELS, bands)
    desc = root.find("svg:desc", NS)
    assert desc is not None
    assert desc.text == "Market intelligence: 50 (peers 25 to 75, median 40); Time & money: –"


def test_bar_chart_without_bands() -> None:
    root = _parse(scale_bar_chart({"context": 80.0}, LABELS, chart_id="firm-7"))
    assert root.get("aria-labelledby") == "firm-7-title firm-7-desc"
    assert next(r.get("width") for r in root.findall("svg:rect", NS)) == "272"


def test_triad_points_exact() -> None:
    points = triad_points(
        {"information_gathering": 100.0, "knowledge_acquisition": 50.0, "competence_development": 0.0}
    )
    assert points[0] == pytest.approx((230.0, 30.0), abs=1e-9)
    assert points[1] == pytest.approx((230.0 + 50 * 3**0.5 / 2, 155.0), abs=1e-9)
    assert points[2] == pytest.approx((230.0, 130.0), abs=1e-9)


def test_triad_chart_labels() -> None:
    scores = {"information_gathering": 42.0, "knowledge_acquisition": 71.0, "competence_development": None}
    root = _parse(triad_chart(scores, LABELS, None))
    texts = _texts(root)
    assert texts[:6] == ["Market intelligence", "42", "Knowledge acquisition", "71", "Competence development", "–"]
    assert texts[-1] == "Balance – of 100"


def test_heat_colours_and_contrast() -> None:
    assert heat_colour(0) == "#f7fbff"
    assert heat_colour(100) == "#08306b"
    assert heat_colour(50) == "#8096b5"
    assert text_colour("#08306b") == "#ffffff"
    assert text_colour("#f7fbff") == "#000000"
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0, abs=1e-12)
    for value in range(101):
        background = heat_colour(value)
        assert contrast_ratio(background, text_colour(background)) >= 4.5


def test_heat_map_cells() -> None:
    rows = [("micro", "Micro"), ("small", "Small")]
    columns = [("information_gathering", "Market intelligence"), ("context", "Time, money and networks")]
    values = {
        ("micro", "information_gathering"): 40.0,
        ("micro", "context"): None,
        ("small", "information_gathering"): 90.0,
        ("small", "context"): 55.5,
    }
    svg = heat_map(rows, columns, values)
    root = _parse(svg)
    fills = [r.get("fill") for r in root.findall("svg:rect", NS)]
    assert fills == [heat_colour(40.0), "#eeeeee", heat_colour(90.0), heat_colour(55.5)]
    texts = _texts(root)
    assert texts[:4] == ["Market", "intelligence", "Time, money", "and networks"]
    assert [t for t in texts if t[:1].isdigit() or t.startswith("n")] == ["40", "n < 5", "90", "56"]
    desc = root.find("svg:desc", NS)
    assert desc is not None
    assert desc.text is not None
    assert desc.text.startswith("Micro, Market intelligence: 40; Micro, Time, money and networks: –")
