"""Static SVG charts, drawn at build time: no script, no network, readable in print and offline.

Each chart is a horizontal bar chart with a bilingual <title>, a <desc> text alternative and the
numbers written on the bars; every page that shows a chart also shows the same numbers as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plansite.formats.xmltext import xml_text as escape  # escaped, and no character XML 1.0 forbids

# Each bar sits under its label (Chinese, then English, wrapped to the chart's width), so the chart
# is narrow enough to be read at a phone's width (400 units across a 358-pixel column: text stays
# at least 10 pixels high) and no label is ever cut.
WIDTH = 400
BAR_WIDTH = 320  # the longest bar; its number follows it within WIDTH
BAR_HEIGHT = 16
MARGIN = 8
FONT = "font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif"


def wrapped(text: str, size: int, width: int = WIDTH - 2 * MARGIN) -> list[str]:
    """`text` in lines no wider than `width` at font `size`: breaks at spaces, or between two
    Chinese characters. Widths are estimated generously (a Chinese character is one em, any other
    character 0.6 em), so a line drawn is never wider than estimated."""

    def measure(piece: str) -> float:
        return sum(size if "\u2e80" <= c <= "\uffef" else 0.6 * size for c in piece)

    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[\u2e80-\uffef]|[^\s\u2e80-\uffef]+\s*|\s+", text):
        if line and measure((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


@dataclass(frozen=True)
class Bar:
    label: str  # Chinese (or the only label)
    value: int
    second: int = 0  # an optional second part of the bar (e.g. participations after leads)
    label_en: str = ""

    @property
    def name(self) -> str:
        return f"{self.label} · {self.label_en}" if self.label_en else self.label


@dataclass(frozen=True)
class Chart:
    title_zh: str
    title_en: str
    bars: tuple[Bar, ...]
    legend: tuple[str, str] | None = None  # names of the two parts, when bars have a second part

    @property
    def title(self) -> str:
        return f"{self.title_zh} · {self.title_en}"

    def description(self) -> str:
        parts = [f"{b.name}: {b.value}" + (f" + {b.second}" if self.legend else "") for b in self.bars]
        legend = f" ({self.legend[0]} + {self.legend[1]})" if self.legend else ""
        return f"{self.title_en}{legend}. " + "; ".join(parts) + "."


def svg(chart: Chart) -> str:
    """The chart as a standalone SVG document."""
    out: list[str] = []
    y = 0

    def write(text: str, size: int, style: str = "", fill: str = "#1a1a1a") -> None:
        nonlocal y
        for line in wrapped(text, size):
            y += round(size * 1.35)
            look = f"{FONT};font-size:{size}px{style}"
            out.append(f'<text x="{MARGIN}" y="{y}" style="{look}" fill="{fill}">{escape(line)}</text>')

    write(chart.title_zh, 15, ";font-weight:bold")
    write(chart.title_en, 13)
    if chart.legend:  # one item a line: the names are long in two languages
        for name, colour in zip(chart.legend, ("#303fa1", "#9fa8da"), strict=True):
            out.append(f'<rect x="{MARGIN}" y="{y + 8}" width="14" height="14" fill="{colour}"/>')
            for k, line in enumerate(wrapped(name, 13, WIDTH - 3 * MARGIN - 20)):
                out.append(
                    f'<text x="{MARGIN + 20}" y="{y + 20 + 17 * k}" style="{FONT};font-size:13px" '
                    f'fill="#1a1a1a">{escape(line)}</text>'
                )
            y += 6 + 17 * len(wrapped(name, 13, WIDTH - 3 * MARGIN - 20))
        y += 6
    most = max((b.value + b.second for b in chart.bars), default=0) or 1
    scale = BAR_WIDTH / most
    for bar in chart.bars:
        y += 8
        write(bar.label, 13)
        if bar.label_en:
            write(bar.label_en, 12, fill="#444444")
        first, second = bar.value * scale, bar.second * scale
        bar_y = y + 5
        out.append(f'<rect x="{MARGIN}" y="{bar_y}" width="{first:.1f}" height="{BAR_HEIGHT}" fill="#303fa1"/>')
        if bar.second:
            at = MARGIN + first
            out.append(f'<rect x="{at:.1f}" y="{bar_y}" width="{second:.1f}" height="{BAR_HEIGHT}" fill="#9fa8da"/>')
        total = f"{bar.value} + {bar.second}" if chart.legend else str(bar.value)
        # The number after the bar: the longest bar ends at 328, leaving room for "99 + 99".
        out.append(
            f'<text x="{MARGIN + first + second + 6:.1f}" y="{bar_y + 13}" style="{FONT};font-size:13px" '
            f'fill="#1a1a1a">{total}</text>'
        )
        y = bar_y + BAR_HEIGHT + 4
    height = y + 8
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(chart.title)}</title>',
        f'<desc id="desc">{escape(chart.description())}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *out, "</svg>"]) + "\n"
