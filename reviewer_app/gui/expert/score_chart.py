"""The expert's own score distribution, drawn with QPainter (PySide6-Essentials has no QtCharts).

One strip per criterion and one for the totals: a dot per project at its score,
stacked where scores coincide, with the mean marked. It shows the expert their
own scoring only, so they can spot a criterion scored flat or out of line
before they sign.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.errors import ScoreError
from reviewer_app.core.rubric import Rubric

ROW_HEIGHT = 46
LABEL_WIDTH = 150
DOT_RADIUS = 4.5
DOT_COLOR = QColor("#1c7ed6")
MEAN_COLOR = QColor("#e8590c")


@dataclass(frozen=True)
class Series:
    """The scores of one criterion (or the totals) over the expert's projects."""

    key: str
    name: str
    name_en: str
    maximum: Decimal
    points: tuple[tuple[str, Decimal], ...]   # (project_id, score)

    @property
    def values(self) -> list[Decimal]:
        return [v for _, v in self.points]

    def mean(self) -> Decimal | None:
        values = self.values
        if not values:
            return None
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def minimum(self) -> Decimal | None:
        return min(self.values, default=None)

    def top(self) -> Decimal | None:
        return max(self.values, default=None)

    def flat(self) -> bool:
        """Every project got the same score (worth a second look from three projects on)."""
        return len(self.points) >= 3 and len(set(self.values)) == 1


@dataclass(frozen=True)
class Distribution:
    criteria: tuple[Series, ...]
    totals: Series
    conflicts: int


def score_distribution(rubric: Rubric, project_ids: Iterable[str],
                       states: Mapping[str, object]) -> Distribution:
    """The valid scores of every non-conflicted project, per criterion, and their totals."""
    per_criterion: dict[str, list[tuple[str, Decimal]]] = {c.id: [] for c in rubric.criteria}
    totals: list[tuple[str, Decimal]] = []
    conflicts = 0
    for pid in project_ids:
        state = states.get(pid)
        if state is None:
            continue
        if getattr(state, "conflict_declared", False):
            conflicts += 1
            continue
        scores = {}
        for cid, raw in getattr(state, "scores", {}).items():
            try:
                scores[cid] = rubric.validate_score(cid, raw)
            except ScoreError:
                continue
        for cid, value in scores.items():
            if cid in per_criterion:
                per_criterion[cid].append((pid, value))
        if len(scores) == len(rubric.criteria):
            totals.append((pid, rubric.total(scores)))
    series = tuple(Series(c.id, c.name, c.name_en, c.max, tuple(per_criterion[c.id]))
                   for c in rubric.criteria)
    return Distribution(series, Series("total", "", "", rubric.total_max, tuple(totals)),
                        conflicts)


class ScoreChart(QWidget):
    """Strips of dots, one row per series; hover a dot to see which projects it stands for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.setMouseTracking(True)
        self.rows: list[tuple[str, Series]] = []
        self._dots: list[tuple[QPointF, Series, Decimal]] = []

    def set_rows(self, rows: list[tuple[str, Series]]) -> None:
        """``rows`` are (label, series) pairs, drawn top to bottom."""
        self.rows = rows
        self.setMinimumHeight(ROW_HEIGHT * len(rows) + 12)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, ROW_HEIGHT * max(1, len(self.rows)) + 12)

    def _x(self, value: Decimal, maximum: Decimal, left: float, width: float) -> float:
        fraction = float(value / maximum) if maximum > 0 else 0.0
        return left + fraction * width

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        left, right = LABEL_WIDTH, self.width() - 24
        width = max(40.0, right - left)
        self._dots = []
        for row, (label, series) in enumerate(self.rows):
            top = 6 + row * ROW_HEIGHT
            base = top + ROW_HEIGHT - 18
            painter.setPen(QColor("#344054"))
            painter.drawText(QRectF(4, top, LABEL_WIDTH - 10, ROW_HEIGHT - 12),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                LABEL_WIDTH - 10))
            painter.setPen(QPen(QColor("#98a2b3"), 1))
            painter.drawLine(QPointF(left, base), QPointF(left + width, base))
            for tick in (Decimal(0), series.maximum / 2, series.maximum):
                x = self._x(tick, series.maximum, left, width)
                painter.drawLine(QPointF(x, base), QPointF(x, base + 4))
                painter.drawText(QRectF(x - 20, base + 3, 40, 14),
                                 Qt.AlignmentFlag.AlignHCenter, decimal_str(tick))
            stacked: Counter[Decimal] = Counter()
            # Equal scores stack upwards; squeeze the stack so that it stays in its row.
            tallest = max(Counter(series.values).values(), default=1)
            step = min(2 * DOT_RADIUS - 1,
                       (base - top - 2 * DOT_RADIUS - 2) / max(1, tallest - 1))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DOT_COLOR)
            for _pid, value in series.points:
                level = stacked[value]
                stacked[value] += 1
                center = QPointF(self._x(value, series.maximum, left, width),
                                 base - DOT_RADIUS - 1 - level * step)
                painter.drawEllipse(center, DOT_RADIUS, DOT_RADIUS)
                self._dots.append((center, series, value))
            mean = series.mean()
            if mean is not None:
                x = self._x(mean, series.maximum, left, width)
                painter.setPen(QPen(MEAN_COLOR, 2))
                painter.drawLine(QPointF(x, top + 2), QPointF(x, base))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.dot_at(event.pos())
            if hit is None:
                QToolTip.hideText()
            else:
                series, value = hit
                projects = ", ".join(pid for pid, v in series.points if v == value)
                QToolTip.showText(event.globalPos(), f"{decimal_str(value)}: {projects}", self)
            return True
        return super().event(event)

    def dot_at(self, pos) -> tuple[Series, Decimal] | None:
        """The series and value of the dot under ``pos`` (widget coordinates), if any."""
        point = QPointF(pos)
        for center, series, value in self._dots:
            if (center - point).manhattanLength() <= 2 * DOT_RADIUS + 1:
                return series, value
        return None
