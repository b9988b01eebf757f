"""Static SVG charts, drawn at build time: no script, no network, readable in print and offline.

Each chart is a horizontal bar chart with a bilingual <title>, a <desc> text alternative and the
numbers written on the bars; every page that shows a chart also shows the same numbers as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from plansite.catalog.text import clip
from plansite.formats.xmltext import xml_text as escape  # escaped, and no character XML 1.0 forbids

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 330
BAR_WIDTH = 360
FONT = "font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;font-size:13px"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    second: int = 0  # an optional second part of the bar (e.g. participations after leads)


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
        parts = [f"{b.label}: {b.value}" + (f" + {b.second}" if self.legend else "") for b in self.bars]
        legend = f" ({self.legend[0]} + {self.legend[1]})" if self.legend else ""
        return f"{self.title_en}{legend}. " + "; ".join(parts) + "."


def svg(chart: Chart) -> str:
    """The chart as a standalone SVG document."""
    top = 34 + (22 if chart.legend else 0)
    height = top + len(chart.bars) * (BAR_HEIGHT + GAP) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    most = max((b.value + b.second for b in chart.bars), default=0) or 1
    scale = BAR_WIDTH / most
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(chart.title)}</title>',
        f'<desc id="desc">{escape(chart.description())}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="22" style="{FONT};font-size:15px;font-weight:bold" '
        f'fill="#1a1a1a">{escape(chart.title)}</text>',
    ]
    if chart.legend:
        out += [
            f'<rect x="8" y="34" width="14" height="14" fill="#303fa1"/><text x="28" y="46" style="{FONT}" '
            f'fill="#1a1a1a">{escape(chart.legend[0])}</text>',
            f'<rect x="220" y="34" width="14" height="14" fill="#9fa8da"/><text x="240" y="46" style="{FONT}" '
            f'fill="#1a1a1a">{escape(chart.legend[1])}</text>',
        ]
    for i, bar in enumerate(chart.bars):
        y = top + i * (BAR_HEIGHT + GAP)
        first, second = bar.value * scale, bar.second * scale
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" style="{FONT}" '
            f'fill="#1a1a1a">{escape(clip(bar.label, LABEL_MAX))}</text>'
        )
        out.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{first:.1f}" height="{BAR_HEIGHT}" fill="#303fa1"/>')
        if bar.second:
            out.append(
                f'<rect x="{LABEL_WIDTH + first:.1f}" y="{y}" width="{second:.1f}" height="{BAR_HEIGHT}" '
                'fill="#9fa8da"/>'
            )
        total = f"{bar.value} + {bar.second}" if chart.legend else str(bar.value)
        out.append(
            f'<text x="{LABEL_WIDTH + first + second + 6:.1f}" y="{y + 16}" style="{FONT}" '
            f'fill="#1a1a1a">{total}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


LABEL_MAX = 34  # characters of a bar's label, "…" included
