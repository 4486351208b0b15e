"""Server-rendered SVG bar charts: horizontal bars with their labels and values.

A chart is an image with a title and a description (``role="img"``); the numbers are also
written next to each bar and every page shows the chart's data table, so nobody depends on
the picture. Colours are SVG presentation attributes (the CSP forbids ``style``), chosen
for at least 4.5:1 contrast against white. The same figures always give the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lotse.reports.formats import format_value
from lotse.reports.indicators.base import Figure, Unit

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 120
BAR_HEIGHT = 20
ROW_GAP = 8
PADDING = 6
FONT_SIZE = 13
LABEL_CHARACTERS = 32
# #1d5a85 on white: 7.1:1; #1a1a1a on white: 17.4:1; #595959 on white: 7.0:1.
BAR_COLOUR = "#1d5a85"
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#595959"


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _number(value: object) -> Decimal:
    return Decimal(str(value))


def _scale_maximum(figures: Sequence[Figure], unit: Unit) -> Decimal:
    values = [_number(figure.value) for figure in figures if figure.value is not None]
    largest = max([value for value in values if value > 0], default=Decimal(0))
    if unit == Unit.SHARE:
        return max(largest, Decimal(1))
    if unit == Unit.RATING:
        return max(largest, Decimal(5))
    return largest


def _coordinate(value: Decimal) -> str:
    """A coordinate with at most one decimal, without a trailing ",0" (locale-free)."""
    rounded = value.quantize(Decimal("0.1"))
    text = f"{rounded:f}"
    return text[:-2] if text.endswith(".0") else text


def bar_chart(
    figures: Sequence[Figure],
    unit: Unit,
    *,
    chart_id: str,
    title: str,
    description: str = "",
) -> SafeString:
    """An SVG with one horizontal bar per figure; a figure without a value gets no bar and
    the text "keine Angabe". ``chart_id`` must be unique on the page (it names the title
    and description for ``aria-labelledby``)."""
    rows = len(figures)
    height = PADDING * 2 + max(rows, 1) * (BAR_HEIGHT + ROW_GAP) - ROW_GAP
    bar_area = Decimal(WIDTH - LABEL_WIDTH - VALUE_WIDTH)
    maximum = _scale_maximum(figures, unit)
    parts: list[str] = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            'width="{}" height="{}" viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc" '
            'font-family="sans-serif" font-size="{}">',
            WIDTH,
            height,
            WIDTH,
            height,
            chart_id,
            chart_id,
            FONT_SIZE,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, description),
        format_html(
            '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            LABEL_WIDTH,
            LABEL_WIDTH,
            height,
            AXIS_COLOUR,
        ),
    ]
    for index, figure in enumerate(figures):
        top = PADDING + index * (BAR_HEIGHT + ROW_GAP)
        baseline = top + BAR_HEIGHT - 5
        label = str(figure.label)
        value_text = format_value(figure.value, unit)
        if figure.value is not None and maximum > 0:
            length = bar_area * max(_number(figure.value), Decimal(0)) / maximum
        else:
            length = Decimal(0)
        parts.append(format_html("<g><title>{}: {}</title>", label, value_text))
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                LABEL_WIDTH - 8,
                baseline,
                TEXT_COLOUR,
                _short(label),
            )
        )
        if length > 0:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    LABEL_WIDTH,
                    top,
                    _coordinate(length),
                    BAR_HEIGHT,
                    BAR_COLOUR,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>',
                _coordinate(LABEL_WIDTH + length + 6),
                baseline,
                TEXT_COLOUR,
                value_text,
            )
        )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every value is escaped
