"""A self-contained HTML page for an evaluation run: one file, no network, printable.

The page is rendered from ``templates/report.html.j2`` with autoescaping on;
every text on it comes from the report, which is already redacted. It loads
nothing: the style is inline, the latency chart is inline SVG drawn here, and a
Content-Security-Policy forbids fetching anything, so opening a report never
reaches the network.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from evals.results import Report, Tally, TurnResult

TEMPLATE: Final[str] = "report.html.j2"
"""The page template, in ``evals/templates``."""

CHART_WIDTH: Final[int] = 760
"""Width of the latency chart in SVG units (it scales to the page)."""
CHART_HEIGHT: Final[int] = 240
"""Height of the latency chart in SVG units."""

_ERROR_STUB: Final[float] = 6.0
"""Height of the bar for a turn that could not run, in SVG units."""

_pages = Environment(
    loader=FileSystemLoader(str(resources.files("evals").joinpath("templates"))),
    # On for every template: ``select_autoescape`` goes by the file name, and
    # ``.html.j2`` would not match it.
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class _Bar:
    """One turn in the latency chart."""

    label: str
    latency_ms: float
    kind: str  # "passed", "failed" or "error": the bar's style


def write_html(report: Report, path: Path) -> None:
    """Write ``report`` to ``path`` as one self-contained HTML page (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")


def render_html(report: Report) -> str:
    """Return the HTML page for ``report``."""
    template = _pages.get_template(TEMPLATE)
    return template.render(
        report=report,
        summary=report.summary,
        failures=report.failures(),
        suite_rows=_tally_rows(report.summary.by_suite),
        expectation_rows=_tally_rows(report.summary.by_expectation),
        chart=latency_chart(report),
        pct=percent,
        flags=flags,
        as_json=as_json,
    )


def percent(rate: float | None) -> str:
    """Format a pass rate; ``None`` (nothing judged) is "n/a", never 100 %."""
    return "n/a" if rate is None else f"{rate:.1%}"


def flags(turn: TurnResult) -> list[str]:
    """Name what the turn raised: an emergency, a refusal, a handoff."""
    raised = {"emergency": turn.emergency, "refused": turn.refused, "handoff": turn.handoff}
    return [name for name, value in raised.items() if value]


def as_json(value: Any) -> str:
    """Return an expected value as compact JSON, non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _tally_rows(tallies: dict[str, Tally]) -> list[tuple[str, Tally]]:
    """Return the tallies as table rows, the worst pass rate first (unjudged last)."""
    return sorted(
        tallies.items(),
        key=lambda item: (item[1].pass_rate is None, item[1].pass_rate or 0.0, item[0]),
    )


def latency_chart(report: Report) -> Markup:
    """Draw one bar per turn, in run order, with a line at the run's p95, as inline SVG."""
    bars = [
        _Bar(
            label=f"{suite.name} / {conv.id} / turn {turn.index}: {turn.latency_ms:.0f} ms",
            latency_ms=turn.latency_ms,
            kind="error" if turn.error is not None else "passed" if turn.passed else "failed",
        )
        for suite in report.suites
        for conv in suite.conversations
        for turn in conv.turns
    ]
    if not bars:
        return Markup('<p class="muted">No turn ran: nothing to chart.</p>')
    p95 = report.summary.latency_ms.p95
    plot = _Plot(top=max([p95, *(bar.latency_ms for bar in bars)]) or 1.0)
    svg = ET.Element(
        "svg",
        {
            "class": "chart",
            "role": "img",
            "viewBox": f"0 0 {CHART_WIDTH} {CHART_HEIGHT}",
            "width": "100%",
            "preserveAspectRatio": "xMinYMin meet",
            "aria-labelledby": "chart-title",
        },
    )
    _sub(svg, "title", "Latency of each turn, in run order", id="chart-title")
    _draw_axes(svg, plot)
    step = plot.width / len(bars)
    for i, bar in enumerate(bars):
        y = plot.y(bar.latency_ms)
        if bar.kind == "error":
            # A turn that never ran has no latency; a stub keeps it visible and hoverable.
            y = min(y, plot.base - _ERROR_STUB)
        rect = _sub(
            svg,
            "rect",
            None,
            **{"class": f"bar {bar.kind}"},
            x=_num(plot.left + (i + 0.1) * step),
            y=_num(y),
            width=_num(step * 0.8),
            height=_num(plot.base - y),
        )
        _sub(rect, "title", bar.label)
    _draw_p95(svg, plot, p95)
    # Safe to mark up: ElementTree escaped every text and attribute it serialized.
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704


@dataclass(frozen=True)
class _Plot:
    """Where the chart's plotting area sits, and the latency its top stands for."""

    top: float
    left: float = 64.0
    right: float = CHART_WIDTH - 12.0
    upper: float = 16.0
    base: float = CHART_HEIGHT - 36.0

    @property
    def width(self) -> float:
        """Width of the plotting area."""
        return self.right - self.left

    def y(self, ms: float) -> float:
        """Return the vertical position of a latency (SVG's y grows downwards)."""
        return self.base - ms / self.top * (self.base - self.upper)


def _draw_axes(svg: ET.Element, plot: _Plot) -> None:
    """Draw both axes, their labels and three ticks on the latency axis."""
    _line(svg, "axis", plot.left, plot.upper, plot.left, plot.base)
    _line(svg, "axis", plot.left, plot.base, plot.right, plot.base)
    label = {"class": "axis-label", "text-anchor": "middle"}
    _sub(
        svg,
        "text",
        "turns, in run order",
        **label,
        x=_num(plot.left + plot.width / 2),
        y=_num(CHART_HEIGHT - 8),
    )
    _sub(
        svg,
        "text",
        "latency (ms)",
        **label,
        transform="rotate(-90)",
        x=_num(-(plot.upper + plot.base) / 2),
        y="14",
    )
    for ms in (0.0, plot.top / 2, plot.top):
        tick = {"class": "tick", "text-anchor": "end"}
        _sub(svg, "text", f"{ms:.0f}", **tick, x=_num(plot.left - 6), y=_num(plot.y(ms) + 4))


def _draw_p95(svg: ET.Element, plot: _Plot, p95: float) -> None:
    """Draw the dashed line at the run's 95th percentile, labelled with its value."""
    y = plot.y(p95)
    _line(svg, "p95", plot.left, y, plot.right, y)
    label = {"class": "p95-label", "text-anchor": "end"}
    _sub(svg, "text", f"p95 {p95:.0f} ms", **label, x=_num(plot.right - 4), y=_num(max(y - 4, 10)))


def _line(svg: ET.Element, css: str, x1: float, y1: float, x2: float, y2: float) -> None:
    """Draw a straight line styled by the CSS class ``css``."""
    _sub(svg, "line", None, **{"class": css}, x1=_num(x1), y1=_num(y1), x2=_num(x2), y2=_num(y2))


def _sub(parent: ET.Element, tag: str, text: str | None, **attributes: str) -> ET.Element:
    """Add a child element with the given text and attributes."""
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _num(value: float) -> str:
    """Format a coordinate compactly."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
