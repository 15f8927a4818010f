"""The two charts of the demo implementation plans, drawn straight on the canvas.

reportlab's graphics charts build a tree of shapes (axes, ticks, labels, bars)
and render it node by node: ~20 ms of CPU for the two charts of a project,
more than the rest of the plan. These flowables draw the same picture (title,
value grid and labels, category labels, bars or line, legend) with one path per
kind of stroke and one text object per size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from reviewer_app.central.demo.textflow import text_width
from reviewer_app.pdffont import register_fast_cjk_font


def nice_step(top: float, ticks: int = 5) -> float:
    """A round value-axis step (1, 2, 2.5 or 5 times a power of ten) giving about
    ``ticks`` steps up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


class _Chart(Flowable):
    """Title, a value axis from 0 with grid lines, category labels under the plot."""

    def __init__(self, title: str, categories: Sequence[str], top: float, step: float, *,
                 width: float, height: float, plot: tuple[float, float, float, float],
                 ink: Color, grid: Color | None, category_size: float,
                 value_size: float) -> None:
        super().__init__()
        self.title = title
        self.categories = list(categories)
        self.step = step
        self.top = max(step, math.ceil(top / step) * step)
        self.width, self.height = width, height
        self.plot = plot  # x, y, width, height
        self.ink, self.grid = ink, grid
        self.category_size, self.value_size = category_size, value_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def y_of(self, value: float) -> float:
        _, y, _, h = self.plot
        return y + h * value / self.top

    def slot(self, index: int) -> tuple[float, float]:
        """Left edge and width of category ``index``."""
        x, _, w, _ = self.plot
        each = w / max(1, len(self.categories))
        return x + index * each, each

    def draw_frame(self) -> None:
        canvas, font = self.canv, register_fast_cjk_font()
        x, y, w, h = self.plot
        steps = round(self.top / self.step)
        canvas.setLineWidth(0.5)
        if self.grid is not None:
            lines = canvas.beginPath()
            for k in range(1, steps + 1):
                lines.moveTo(x, self.y_of(k * self.step))
                lines.lineTo(x + w, self.y_of(k * self.step))
            canvas.setStrokeColor(self.grid)
            canvas.drawPath(lines, stroke=1, fill=0)
        axes = canvas.beginPath()
        axes.moveTo(x, y + h)
        axes.lineTo(x, y)
        axes.lineTo(x + w, y)
        for k in range(steps + 1):  # value ticks
            axes.moveTo(x - 5, self.y_of(k * self.step))
            axes.lineTo(x, self.y_of(k * self.step))
        for index in range(len(self.categories) + 1):  # category ticks
            left = self.slot(index)[0]
            axes.moveTo(left, y)
            axes.lineTo(left, y - 5)
        canvas.setStrokeColor(self.ink)
        canvas.drawPath(axes, stroke=1, fill=0)

        labels = canvas.beginText()
        labels.setFillColor(self.ink)
        labels.setFont(font, 10.5)
        labels.setTextOrigin((self.width - text_width(self.title, 10.5)) / 2, self.height - 12)
        labels.textOut(self.title)
        labels.setFont(font, self.value_size)
        for k in range(steps + 1):
            value = k * self.step
            text = f"{value:g}"
            labels.setTextOrigin(x - 7 - text_width(text, self.value_size),
                                 self.y_of(value) - self.value_size * 0.35)
            labels.textOut(text)
        labels.setFont(font, self.category_size)
        for index, name in enumerate(self.categories):
            left, each = self.slot(index)
            labels.setTextOrigin(left + (each - text_width(name, self.category_size)) / 2,
                                 y - 7 - self.category_size)
            labels.textOut(name)
        canvas.drawText(labels)


class BarChart(_Chart):
    """Grouped vertical bars, one colour per series, with a legend on the right."""

    def __init__(self, title: str, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]], colours: Sequence[Color], *,
                 width: float, height: float, ink: Color, grid: Color) -> None:
        top = max((v for _, values in series for v in values), default=1)
        step = 50 if top > 100 else 25
        super().__init__(title, categories, top * 1.05, step, width=width, height=height,
                         plot=(40, 30, width - 150, height - 60), ink=ink, grid=grid,
                         category_size=8, value_size=7.5)
        self.series = [(name, list(values)) for name, values in series]
        self.colours = list(colours)

    def draw(self) -> None:
        canvas = self.canv
        self.draw_frame()
        _, base, _, _ = self.plot
        count = len(self.series)
        gap, spacing = 10, 2
        for k, (_, values) in enumerate(self.series):
            canvas.setFillColor(self.colours[k % len(self.colours)])
            for index, value in enumerate(values):
                left, each = self.slot(index)
                bar = (each - gap - spacing * (count - 1)) / count
                canvas.rect(left + gap / 2 + k * (bar + spacing), base, bar,
                            self.y_of(value) - base, stroke=0, fill=1)
        # Legend: a swatch and the series name per line, top right.
        font = register_fast_cjk_font()
        x, y = self.width - 100, self.height - 40
        names = canvas.beginText()
        names.setFont(font, 8)
        names.setFillColor(self.ink)
        for k, (name, _) in enumerate(self.series):
            canvas.setFillColor(self.colours[k % len(self.colours)])
            canvas.rect(x, y - 14 * k, 8, 8, stroke=0, fill=1)
            names.setTextOrigin(x + 14, y + 1 - 14 * k)
            names.textOut(name)
        canvas.drawText(names)


class LineChart(_Chart):
    """One series over the categories, points in the middle of each slot."""

    def __init__(self, title: str, categories: Sequence[str], values: Sequence[float],
                 colour: Color, *, width: float, height: float, ink: Color) -> None:
        top = max(values, default=1)
        super().__init__(title, categories, top, nice_step(top), width=width, height=height,
                         plot=(45, 28, width - 70, height - 55), ink=ink, grid=None,
                         category_size=7, value_size=7)
        self.values = list(values)
        self.colour = colour

    def draw(self) -> None:
        canvas = self.canv
        self.draw_frame()
        line = canvas.beginPath()
        for index, value in enumerate(self.values):
            left, each = self.slot(index)
            point = (left + each / 2, self.y_of(value))
            if index:
                line.lineTo(*point)
            else:
                line.moveTo(*point)
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(1.6)
        canvas.drawPath(line, stroke=1, fill=0)
