"""Static SVG charts, drawn at build time: no script, no network, readable in print and offline.

Each chart is a horizontal bar chart with a bilingual <title>, a <desc> text alternative and the
numbers written on the bars; every page that shows a chart also shows the same numbers as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from plansite.formats.xmltext import xml_text as escape  # escaped, and no character XML 1.0 forbids

# Each bar sits under its label (Chinese, then English), so the chart is narrow enough to be read
# scaled to a phone's width, and no label is ever cut.
WIDTH = 600
BAR_WIDTH = 520
BAR_HEIGHT = 16
ROW = 58  # a bar's two label lines, the bar, and the gap below it
FONT = "font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;font-size:13px"


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
    top = 48 + (24 if chart.legend else 0)
    height = top + len(chart.bars) * ROW + 4
    most = max((b.value + b.second for b in chart.bars), default=0) or 1
    scale = BAR_WIDTH / most
    text = f'style="{FONT}" fill="#1a1a1a"'
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(chart.title)}</title>',
        f'<desc id="desc">{escape(chart.description())}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" style="{FONT};font-size:15px;font-weight:bold" fill="#1a1a1a">'
        f"{escape(chart.title_zh)}</text>",
        f'<text x="8" y="38" {text}>{escape(chart.title_en)}</text>',
    ]
    if chart.legend:
        out += [
            f'<rect x="8" y="50" width="14" height="14" fill="#303fa1"/><text x="28" y="62" {text}>'
            f"{escape(chart.legend[0])}</text>",
            f'<rect x="250" y="50" width="14" height="14" fill="#9fa8da"/><text x="270" y="62" {text}>'
            f"{escape(chart.legend[1])}</text>",
        ]
    for i, bar in enumerate(chart.bars):
        y = top + i * ROW
        first, second = bar.value * scale, bar.second * scale
        out.append(f'<text x="8" y="{y + 13}" {text}>{escape(bar.label)}</text>')
        if bar.label_en:
            out.append(
                f'<text x="8" y="{y + 27}" style="{FONT};font-size:12px" fill="#444444">{escape(bar.label_en)}</text>'
            )
        bar_y = y + 33
        out.append(f'<rect x="8" y="{bar_y}" width="{first:.1f}" height="{BAR_HEIGHT}" fill="#303fa1"/>')
        if bar.second:
            out.append(
                f'<rect x="{8 + first:.1f}" y="{bar_y}" width="{second:.1f}" height="{BAR_HEIGHT}" fill="#9fa8da"/>'
            )
        total = f"{bar.value} + {bar.second}" if chart.legend else str(bar.value)
        # The number after the bar: the longest bar ends at 528, leaving room for "99 + 99" in 600.
        out.append(f'<text x="{8 + first + second + 6:.1f}" y="{bar_y + 13}" {text}>{total}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
