"""The SVG bar charts and the German number formats of the reports."""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree import ElementTree  # our own output, not untrusted data

from lotse.reports.charts import BAR_COLOUR, LABEL_WIDTH, VALUE_WIDTH, WIDTH, bar_chart
from lotse.reports.formats import format_ratio, format_value
from lotse.reports.indicators import Figure, Unit

SVG = "{http://www.w3.org/2000/svg}"
FIGURES = [
    Figure("a", "Gesundheit", 30),
    Figure("b", "Kinder- und Jugendhilfe & Familie <Test>", 15),
    Figure("c", "Ehrenamt", None),
]


def _chart() -> str:
    return str(
        bar_chart(FIGURES, Unit.COUNT, chart_id="c1", title="Mitglieder", description="Am 31.12.")
    )


def test_the_chart_is_an_image_with_title_and_description() -> None:
    root = ElementTree.fromstring(_chart())  # noqa: S314
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Mitglieder"
    assert root.find(f"{SVG}desc").text == "Am 31.12."


def test_bars_are_proportional_and_a_missing_value_gets_no_bar_but_text() -> None:
    root = ElementTree.fromstring(_chart())  # noqa: S314
    widths = [Decimal(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    full = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    assert widths == [Decimal(full), Decimal(full) / 2]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == [
        "Gesundheit",
        "30",
        "Kinder- und Jugendhilfe & Famil…",
        "15",
        "Ehrenamt",
        "keine Angabe",
    ]


def test_labels_are_escaped_and_no_style_attribute_is_used() -> None:
    svg = _chart()
    assert "<Test>" not in svg
    assert "&lt;Test&gt;" in svg
    assert "style" not in svg
    assert f'fill="{BAR_COLOUR}"' in svg


def test_the_same_figures_give_the_same_bytes() -> None:
    assert _chart() == _chart()


def test_shares_are_scaled_to_one_hundred_percent() -> None:
    svg = str(bar_chart([Figure("a", "A", 0.25)], Unit.SHARE, chart_id="s", title="Anteil"))
    width = re.search(r'<rect [^>]*width="([\d.]+)"', svg)
    assert width is not None
    assert Decimal(width.group(1)) == Decimal(WIDTH - LABEL_WIDTH - VALUE_WIDTH) / 4
    assert "25,0\u00a0%" in svg


def test_a_chart_without_any_value_has_no_bars() -> None:
    svg = str(bar_chart([Figure("a", "A", 0)], Unit.COUNT, chart_id="z", title="Null"))
    assert "<rect" not in svg


def test_figures_are_written_in_german() -> None:
    assert format_value(0.425, Unit.SHARE) == "42,5\u00a0%"
    assert format_value(Decimal("1234.56"), Unit.EUR) == "1.234,56\u00a0€"
    assert format_value(1234567, Unit.COUNT) == "1.234.567"
    assert format_value(2.5, Unit.COUNT) == "2,5"
    assert format_value(Decimal("12.345"), Unit.PER_1000) == "12,3 je 1.000"
    assert format_value(3.25, Unit.DAYS) == "3,3 Tage"
    assert format_value(Decimal("4.04"), Unit.RATING) == "4,0 von 5"
    assert format_value(None, Unit.SHARE) == "keine Angabe"
    assert format_value(-0.0001, Unit.HOURS) == "0,0 Stunden"
    assert format_ratio(17, 40, Unit.SHARE) == "17 von 40"
    assert format_ratio(None, 40, Unit.SHARE) == ""
