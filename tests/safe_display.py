"""Checking that user text is shown literally: ``<b>Ann</b>`` must appear as typed, never in bold.

Reusable by every widget test::

    from tests.safe_display import HTML_NAME, assert_no_html_leaks, assert_shows_literally

    person = Person.create(first_name=HTML_NAME)
    ... build and show the widget ...
    assert_no_html_leaks(widget)          # every label, tooltip, text view, item view below it
    assert_shows_literally(widget.name_label, HTML_NAME)

A leak is a place where Qt would interpret the text as markup: a QLabel in
rich or auto text format, a tooltip that is not escaped, a text document or
graphics text item whose plain text lost the tags.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import Qt  # QtGui's Qt namespace carries mightBeRichText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QTextEdit,
    QWidget,
)

HTML_NAME = "<b>Ann</b>"
"""A name that shows in bold wherever text is wrongly taken for HTML."""
HTML_TEXT = '<b>Ann</b> <a href="file:///etc/passwd">click</a> <img src="x"> &amp; <i>notes</i>'
"""Longer markup: tags, a link to a local file, an image, an entity."""
HTML_FILE_NAME = "<u>Ann<u> & <i>Lee<i>"
"""Markup that can be part of a file name (no slash)."""
ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole,
         Qt.ItemDataRole.StatusTipRole)
MAX_ITEMS = 5000


def _renders_as_markup(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format == Qt.TextFormat.PlainText:
        return False
    if text_format in (Qt.TextFormat.RichText, Qt.TextFormat.MarkdownText):
        return True
    return Qt.mightBeRichText(text)


def _leaky_tooltip(text: str, marker: str) -> bool:
    """A tooltip leaks when it holds the raw marker and Qt would take it for rich text."""
    return bool(text) and marker in text and Qt.mightBeRichText(text)


def html_leaks(root: QWidget, marker: str = HTML_NAME) -> list[str]:
    """Describe every place under ``root`` where text containing ``marker`` renders as HTML."""
    leaks: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if _leaky_tooltip(widget.toolTip(), marker):
            leaks.append(f"{where}: tooltip {widget.toolTip()!r}")
        if _leaky_tooltip(widget.whatsThis(), marker):
            leaks.append(f"{where}: what's this {widget.whatsThis()!r}")
        if isinstance(widget, QLabel) and marker in widget.text() \
                and _renders_as_markup(widget.text(), widget.textFormat()):
            leaks.append(f"{where}: label text {widget.text()!r} in {widget.textFormat()}")
        if isinstance(widget, QTextEdit):
            leaks.extend(f"{where}: {leak}" for leak in _document_leaks(
                widget.toPlainText(), widget.toHtml(), marker))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            leaks.extend(f"{where}: {leak}" for leak in _model_leaks(widget.model(), marker))
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if _leaky_tooltip(item.toolTip(), marker):
                    leaks.append(f"{where}: graphics item tooltip {item.toolTip()!r}")
                if isinstance(item, QGraphicsTextItem):
                    leaks.extend(f"{where}: graphics text {leak}" for leak in _document_leaks(
                        item.toPlainText(), item.toHtml(), marker))
    return leaks


def _document_leaks(plain: str, rich: str, marker: str) -> list[str]:
    inner = _inner_text(marker)
    if inner and inner in plain and marker not in plain:
        return [f"shows {inner!r} without its tags: the markup was interpreted"]
    return []


def _inner_text(marker: str) -> str:
    return re.sub(r"<[^>]*>", "", marker).strip()


def _model_leaks(model, marker: str) -> list[str]:
    leaks: list[str] = []
    seen = 0
    stack = [QModelIndex()]
    while stack and seen < MAX_ITEMS:
        parent = stack.pop()
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                seen += 1
                for role in ROLES:
                    value = model.data(index, role)
                    if isinstance(value, str) and _leaky_tooltip(value, marker):
                        leaks.append(f"row {row} column {column} {role.name}: {value!r}")
                if column == 0 and _has_children(model, index):
                    stack.append(index)
    return leaks


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # QAbstractListModel keeps columnCount private: one column
        return 1


def _has_children(model, index: QModelIndex) -> bool:
    try:
        return model.hasChildren(index)
    except TypeError:  # list and table models have no children
        return False


def assert_no_html_leaks(root: QWidget | None = None, marker: str = HTML_NAME) -> None:
    """Fail listing every leak under ``root`` (default: every top-level window)."""
    roots = [root] if root is not None else QApplication.topLevelWidgets()
    leaks = [leak for widget in roots for leak in html_leaks(widget, marker)]
    assert not leaks, "user text rendered as HTML:\n" + "\n".join(leaks)


def assert_shows_literally(label: QLabel, text: str = HTML_NAME) -> None:
    """``label`` displays ``text`` exactly as typed (tags visible, not applied)."""
    assert text in label.text(), f"{label.text()!r} does not contain {text!r}"
    assert not _renders_as_markup(label.text(), label.textFormat()), (
        f"{label.text()!r} is shown as {label.textFormat()}, so its tags would be applied")


def fill_every_text_field(text: str = HTML_NAME) -> dict[str, list[int]]:
    """Two rows in every table, every free-text column holding ``text``; ids by table.

    Columns restricted to a list of words (CHECK constraints) keep their defaults;
    unique columns get `` 2`` appended in the second row.
    """
    import datetime

    from peewee import (
        AutoField,
        BooleanField,
        DateField,
        DateTimeField,
        FloatField,
        ForeignKeyField,
        IntegerField,
        TextField,
    )
    from peewee import CharField as _CharField

    from netdesk.db.models import ALL_MODELS, database_proxy

    created: dict[type, list] = {}
    with database_proxy.atomic():
        for model in ALL_MODELS:
            if not isinstance(model._meta.primary_key, AutoField):
                continue  # a photo: an image, not text
            rows = []
            for n in range(2):
                values = {}
                used_targets: dict[type, int] = {}
                for field in model._meta.sorted_fields:
                    if field.primary_key or field.name in ("created", "updated"):
                        continue
                    if isinstance(field, ForeignKeyField):
                        targets = created[field.rel_model]
                        k = (n + used_targets.get(field.rel_model, 0)) % len(targets)
                        used_targets[field.rel_model] = used_targets.get(field.rel_model, 0) + 1
                        values[field.name] = targets[k]
                    elif isinstance(field, _CharField | TextField) and not field.constraints:
                        values[field.name] = text + (" 2" if n and field.unique else "")
                    elif field.default is not None or field.null:
                        continue
                    elif field.constraints:
                        words = re.findall(r"'([^']+)'", getattr(field.constraints[0], "sql", ""))
                        if words:
                            values[field.name] = words[0]
                    elif isinstance(field, DateTimeField):
                        values[field.name] = datetime.datetime.now().replace(microsecond=0)
                    elif isinstance(field, DateField):
                        values[field.name] = datetime.date.today()
                    elif isinstance(field, BooleanField):
                        values[field.name] = False
                    elif isinstance(field, IntegerField | FloatField):
                        values[field.name] = 5
                rows.append(model.create(**values))
            created[model] = rows
    return {model._meta.table_name: [row.id for row in rows] for model, rows in created.items()}
