"""The results page's two drawings, painted with QPainter (no chart library):

- :class:`DivergencePlot`, a strip plot: one line per project, each expert's total
  a dot on the score axis, the official score a tick; projects flagged for
  re-review (复议) on a tinted line, so a wide spread stands out;
- :class:`BudgetChart`: the budget as one bar, what each tier uses and what is left.

Labels are drawn as plain text (QPainter.drawText never reads markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW = 16          # px per project line
LABEL = 96        # px for the project id at the left
AXIS = 22         # px for the score axis at the top
DOT = 3.0         # dot radius


@dataclass(frozen=True)
class Strip:
    label: str
    totals: tuple[float, ...]     # the experts' totals that count
    score: float | None           # the official (trimmed) score
    divergent: bool


class DivergencePlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("divergencePlot")
        self._strips: tuple[Strip, ...] = ()
        self._maximum = 100.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def strips(self) -> tuple[Strip, ...]:
        return self._strips

    def set_strips(self, strips: Sequence[Strip], maximum: float) -> None:
        self._strips = tuple(strips)
        self._maximum = maximum if maximum > 0 else 100.0
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, AXIS + ROW * max(len(self._strips), 1) + 4)

    def x_of(self, value: float) -> float:
        width = max(self.width() - LABEL - 12, 10)
        return LABEL + width * min(max(value / self._maximum, 0.0), 1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.windowText().color()
        grid = QColor(text)
        grid.setAlpha(40)
        top, bottom = event.rect().top(), event.rect().bottom()
        # The axis: a tick and its value every tenth of the scale.
        for step in range(11):
            value = self._maximum * step / 10
            x = self.x_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, AXIS - 4), QPointF(x, self.height()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 20, 2, 40, AXIS - 6), Qt.AlignmentFlag.AlignCenter,
                             f"{value:g}")
        first = max((top - AXIS) // ROW, 0)
        last = min((bottom - AXIS) // ROW + 1, len(self._strips) - 1)
        dot = QColor(palette.highlight().color())
        dot.setAlpha(170)
        for index in range(first, last + 1):
            self._paint_strip(painter, index, self._strips[index], text, dot)
        painter.end()

    def _paint_strip(self, painter: QPainter, index: int, strip: Strip, text: QColor,
                     dot: QColor) -> None:
        y = AXIS + index * ROW
        if strip.divergent:
            painter.fillRect(QRectF(0, y, self.width(), ROW), QColor(220, 60, 60, 45))
        painter.setPen(text)
        painter.drawText(QRectF(4, y, LABEL - 8, ROW),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         strip.label)
        middle = y + ROW / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        for total in strip.totals:
            painter.drawEllipse(QPointF(self.x_of(total), middle), DOT, DOT)
        if strip.score is not None:
            painter.setPen(QPen(text, 2))
            x = self.x_of(strip.score)
            painter.drawLine(QPointF(x, y + 2), QPointF(x, y + ROW - 2))


@dataclass(frozen=True)
class BudgetPart:
    label: str
    amount: float      # 元


class BudgetChart(QWidget):
    """The budget as one bar: a segment per tier's awards, then what is left."""

    COLORS = ("#2f6db5", "#4f9a3a", "#c98a1b", "#8a4fb5", "#b53f5a")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetChart")
        self._budget = 0.0
        self._parts: tuple[BudgetPart, ...] = ()
        self._left = BudgetPart("", 0.0)
        self.setMinimumHeight(110)

    @property
    def parts(self) -> tuple[BudgetPart, ...]:
        return (*self._parts, self._left)

    def set_budget(self, budget: float, used: Sequence[BudgetPart], left: BudgetPart) -> None:
        self._budget, self._parts, self._left = budget, tuple(used), left
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 40 + 18 * (len(self._parts) + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.palette().windowText().color()
        bar = QRectF(8, 8, max(self.width() - 16, 10), 22)
        total = max(self._budget, sum(p.amount for p in self._parts), 1.0)
        x = bar.left()
        swatches = []
        for i, part in enumerate(self._parts):
            color = QColor(self.COLORS[i % len(self.COLORS)])
            width = bar.width() * part.amount / total
            painter.fillRect(QRectF(x, bar.top(), width, bar.height()), color)
            swatches.append((color, part))
            x += width
        left = QColor(text)
        left.setAlpha(45)
        painter.fillRect(QRectF(x, bar.top(), bar.right() - x, bar.height()), left)
        swatches.append((left, self._left))
        painter.setPen(text)
        painter.drawRect(bar)
        y = bar.bottom() + 8
        for color, part in swatches:
            painter.fillRect(QRectF(8, y + 3, 12, 12), color)
            painter.drawText(QRectF(26, y, self.width() - 34, 18),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             part.label)
            y += 18
        painter.end()
