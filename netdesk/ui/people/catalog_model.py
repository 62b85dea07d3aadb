"""CatalogModel: organizations or career fields with how much each is used, read in one query.

The rows are the result of :func:`~netdesk.core.organizations.organization_rows` (or
its career-field twin): filtering and sorting run the query again in SQL, so 5,000
organizations load in milliseconds and the model holds nothing but that result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from netdesk.core.career_fields import career_field_rows, unused_career_fields
from netdesk.core.organizations import (
    CatalogRow,
    organization_rows,
    plural,
    unused_organizations,
)
from netdesk.core.people import SECTOR_LABELS
from netdesk.db.models import CareerField, Organization
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.common.query_table import QueryTableModel


@dataclass(frozen=True)
class Kind:
    """What one catalog lists: organizations or career fields."""

    key: str
    one: str  # "organization"
    many: str  # "organizations"
    columns: tuple[tuple[str, str], ...]  # (sort key, header)
    rows: Callable[..., list[CatalogRow]]
    unused: Callable[[], list[int]]
    model: type

    def is_used(self, row: CatalogRow) -> bool:
        return bool(row.people or (row.interviews and self.key == "career_field"))

    def describe(self, row: CatalogRow) -> str:
        """``Acme: 3 people, 1 interview`` (or that nobody uses it)."""
        if not (row.people or row.interviews):
            return f"{row.name}: nobody uses it"
        return f"{row.name}: {plural(row.people, 'person', 'people')}, " \
               f"{plural(row.interviews, 'interview')}"


KINDS = {
    "organization": Kind(
        "organization", "organization", "organizations",
        (("name", "Name"), ("sector", "Sector"), ("people", "People"),
         ("interviews", "Interviews")),
        organization_rows, unused_organizations, Organization),
    "career_field": Kind(
        "career_field", "career field", "career fields",
        (("name", "Name"), ("people", "People"), ("interviews", "Interviews")),
        career_field_rows, unused_career_fields, CareerField),
}


class CatalogModel(QueryTableModel):
    """A flat table of organizations or career fields, filtered and sorted in SQL.

    Attributes:
        kind: what it lists (a :class:`Kind`); ``filter_text`` is part of the name.
        exclude: ids never shown (the organizations being merged, in the target picker).
    """

    def __init__(self, kind: str, parent=None, exclude: frozenset[int] = frozenset()):
        self.kind = KINDS[kind]
        super().__init__(self.kind.columns, "name", parent=parent)
        self.exclude = frozenset(exclude)
        self._loaded = True  # a sort reads at once, before the first reload too

    def read_rows(self, sort: str, descending: bool) -> list[CatalogRow]:
        return [r for r in self.kind.rows(self.filter_text, sort, descending)
                if r.id not in self.exclude]

    def count_all(self) -> int:
        return self.kind.model.select().count() - len(self.exclude)

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.reload()

    def cell(self, row: CatalogRow | None, key: str, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("people", "interviews"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "sector":
                return SECTOR_LABELS.get(row.sector, row.sector) if row.sector else ""
            return getattr(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self.kind.describe(row))
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "name":
            return self.kind.describe(row)
        if role == Qt.ItemDataRole.ForegroundRole and not (row.people or row.interviews):
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None
