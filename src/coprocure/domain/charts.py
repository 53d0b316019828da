"""Geometry of a server-rendered line chart: an indicator's values over time against its
minimum, target and excellent levels. Pure numbers; the template draws them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 124, 16, 32


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal


@dataclass(frozen=True)
class Level:
    name: str
    y: float
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    levels: list[Level]
    plot_left: int
    plot_right: int
    plot_bottom: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line_chart(values: list[Decimal], levels: dict[str, Decimal]) -> Chart:
    """Scale the values and the level lines into one plot area, with a little room above and
    below so that a value on a level line is not drawn on the frame."""
    everything = [*values, *levels.values()]
    low, high = (min(everything), max(everything)) if everything else (Decimal(0), Decimal(1))
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y(value: Decimal) -> float:
        return float(TOP + (high - value) / (high - low) * plot_height)

    step = plot_width / (len(values) - 1) if len(values) > 1 else 0
    points = [Point(LEFT + (i * step if len(values) > 1 else plot_width / 2), y(v), v) for i, v in enumerate(values)]
    return Chart(WIDTH, HEIGHT, points, [Level(name, y(v), v) for name, v in levels.items()],
                 LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM)
