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


LEVEL_WIDTH = 640
LEVEL_LEFT, LEVEL_RIGHT, LEVEL_TOP, LEVEL_ROW = 40, 40, 28, 44
LEVEL_MIN, LEVEL_MAX = Decimal(-1), Decimal(1)


@dataclass(frozen=True)
class Mark:
    name: str  # "minimum", "target" or "excellent"
    x: float
    value: Decimal


@dataclass(frozen=True)
class LevelBar:
    """One KRA's row: a bar from the target (level 0) to its level, and a dot at the level."""

    number: int
    y: float
    x: float
    bar_x: float
    bar_width: float
    level: Decimal
    missing: bool


@dataclass(frozen=True)
class LevelChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    marks: list[Mark]
    bars: list[LevelBar]


def level_chart(levels: list[tuple[Decimal, bool]]) -> LevelChart:
    """KRA levels on the settlement's −1 … +1 scale, one row each, with the minimum (−1),
    target (0) and excellent (+1) marks. Each item is (level, missing). A level outside the
    scale is drawn at its end, as the settlement clamps it there too."""
    plot_width = LEVEL_WIDTH - LEVEL_LEFT - LEVEL_RIGHT

    def x(level: Decimal) -> float:
        level = min(max(level, LEVEL_MIN), LEVEL_MAX)
        return float(LEVEL_LEFT + (level - LEVEL_MIN) / (LEVEL_MAX - LEVEL_MIN) * plot_width)

    zero = x(Decimal(0))
    bars = []
    for index, (level, missing) in enumerate(levels):
        at = x(level)
        bars.append(LevelBar(index + 1, LEVEL_TOP + (index + 0.5) * LEVEL_ROW, at, min(at, zero), abs(at - zero),
                             level, missing))
    bottom = LEVEL_TOP + max(len(levels), 1) * LEVEL_ROW
    marks = [Mark("minimum", x(LEVEL_MIN), LEVEL_MIN), Mark("target", zero, Decimal(0)),
             Mark("excellent", x(LEVEL_MAX), LEVEL_MAX)]
    return LevelChart(LEVEL_WIDTH, bottom + 8, LEVEL_LEFT, LEVEL_WIDTH - LEVEL_RIGHT, LEVEL_TOP, bottom, marks, bars)
