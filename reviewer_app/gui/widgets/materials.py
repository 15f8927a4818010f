"""Materials of the selected project, grouped by the program's material categories,
and a small cache of decrypted materials (memory only, cleared on lock)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
MEDIA_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 3
CACHE_BUDGET = 96 * 1024 * 1024


class MaterialModel(QStandardItemModel):
    """Two levels: category ("1 项目申请书 (2)") then its materials; empty categories shown
    greyed so the expert sees at a glance what is missing."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._project: Mapping[str, Any] | None = None
        self._categories: dict[int, Mapping[str, Any]] = {}
        self._english = False

    def set_project(self, project: Mapping[str, Any] | None,
                    categories: dict[int, Mapping[str, Any]], english: bool) -> None:
        self._project = project
        self._categories = categories
        self._english = english
        self._rebuild()

    def set_english(self, english: bool) -> None:
        """Relabel the categories in place: the selection and expansion stay as they are."""
        self._english = english
        for row in range(self.rowCount()):
            item = self.item(row)
            self.item(row).setText(self._label(item.data(CATEGORY_ROLE), item.rowCount()))

    def _label(self, cid: int, count: int) -> str:
        info = self._categories.get(cid, {})
        name = (info.get("name_en") if self._english else info.get("name")) or ""
        return QCoreApplication.translate("Materials", "%1. %2 (%3)").replace(
            "%1", str(cid)).replace("%2", str(name)).replace("%3", str(count))

    def _rebuild(self) -> None:
        self.clear()
        if self._project is None:
            return
        by_category: dict[int, list[Mapping[str, Any]]] = {}
        for material in self._project.get("materials", []):
            by_category.setdefault(int(material["category"]), []).append(material)
        ids = sorted(set(self._categories) | set(by_category))
        for cid in ids:
            items = by_category.get(cid, [])
            parent = QStandardItem(self._label(cid, len(items)))
            parent.setData(cid, CATEGORY_ROLE)
            parent.setEditable(False)
            parent.setSelectable(False)
            if not items:
                parent.setEnabled(False)
            for material in items:
                child = QStandardItem(str(material.get("title", "")))
                child.setEditable(False)
                child.setData(int(material["member_id"]), MEMBER_ROLE)
                child.setData(str(material.get("media_type", "")), MEDIA_ROLE)
                child.setToolTip(str(material.get("media_type", "")))
                parent.appendRow(child)
            self.appendRow(parent)

    def material_indexes(self) -> list:
        """Indexes of every material, in display order."""
        out = []
        for row in range(self.rowCount()):
            parent = self.index(row, 0)
            out.extend(self.index(r, 0, parent) for r in range(self.rowCount(parent)))
        return out

    def titles(self) -> dict[int, str]:
        if self._project is None:
            return {}
        return {int(m["member_id"]): str(m.get("title", ""))
                for m in self._project.get("materials", [])}


class MaterialCache:
    """Decrypted materials by member id, least recently used first out."""

    def __init__(self, budget: int = CACHE_BUDGET) -> None:
        self._items: OrderedDict[int, bytes | QImage] = OrderedDict()
        self._budget = budget

    @staticmethod
    def _size(item: bytes | QImage) -> int:
        return item.sizeInBytes() if isinstance(item, QImage) else len(item)

    def get(self, member_id: int) -> bytes | QImage | None:
        item = self._items.get(member_id)
        if item is not None:
            self._items.move_to_end(member_id)
        return item

    def put(self, member_id: int, item: bytes | QImage) -> None:
        self._items[member_id] = item
        self._items.move_to_end(member_id)
        while sum(self._size(i) for i in self._items.values()) > self._budget \
                and len(self._items) > 1:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
