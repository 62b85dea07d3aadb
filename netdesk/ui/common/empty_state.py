"""Empty states: what a list or panel shows instead of a blank area when it has nothing.

:class:`EmptyState` is the page: a short heading, a sentence that says what will
appear here and how, and at most one button that does the next step. It draws
with the palette (placeholder text for the sentence), so it follows light and
dark. :class:`EmptyStateStack` switches between the view and that page;
:func:`attach_empty_state` puts one in the place of a view already laid out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from netdesk.ui.common.plain_text import plain_label
from netdesk.ui.common.theme import Spacing, scaled_font


class EmptyState(QWidget):
    """A heading, a sentence and an optional button, centred in the space of a list.

    Attributes:
        heading, text: the two labels; button: the action button (hidden without one).
    """

    action_requested = Signal()

    def __init__(self, heading: str = "", text: str = "", button_text: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.heading = plain_label()
        self.heading.setObjectName("empty_state_heading")
        self.heading.setFont(scaled_font(self.font(), "subheading", bold=True))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.text = plain_label()
        self.text.setObjectName("empty_state_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self.action_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Spacing.SECTION, Spacing.SECTION, Spacing.SECTION,
                                  Spacing.SECTION)
        layout.setSpacing(Spacing.MEDIUM)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(Spacing.SMALL)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.set_content(heading, text, button_text)

    def set_content(self, heading: str, text: str, button_text: str = "") -> None:
        """Show ``heading`` and ``text`` (plain text); a button only with ``button_text``."""
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.button.setText(button_text)
        self.button.setAccessibleName(button_text.replace("&", ""))
        self.button.setVisible(bool(button_text))
        self.setAccessibleName(heading or text)
        self.setAccessibleDescription(text if heading else "")


class EmptyStateStack(QStackedWidget):
    """``view`` while it has something to show, ``empty`` (an :class:`EmptyState`) when not.

    Attributes:
        view: the list or panel; empty: the empty state page.
    """

    def __init__(self, view: QWidget, empty: EmptyState | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.empty = empty or EmptyState()
        self.addWidget(view)
        self.addWidget(self.empty)
        self.setSizePolicy(view.sizePolicy())

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty

    def show_empty(self, empty: bool, heading: str = "", text: str = "",
                   button_text: str = "") -> None:
        """Show the empty state (with that content) when ``empty``, else the view; the
        focus goes along to the button or back to the view."""
        if empty:
            had_focus = self.view.hasFocus()
            self.empty.set_content(heading, text, button_text)
            self.setCurrentWidget(self.empty)
            if had_focus and self.empty.button.isVisibleTo(self.empty):
                self.empty.button.setFocus()
        else:
            had_focus = self.empty.button.hasFocus()
            self.setCurrentWidget(self.view)
            if had_focus:
                self.view.setFocus()

    def sizeHint(self):  # noqa: N802 (Qt API): the view's, so layouts stay as they were
        return self.view.sizeHint()

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        return self.view.minimumSizeHint()


def attach_empty_state(view: QWidget, on_action: Callable[[], None] | None = None
                       ) -> EmptyStateStack:
    """Put an :class:`EmptyStateStack` around ``view`` where it is laid out (its parent's
    layout, at any depth); ``on_action`` runs when the empty state's button is pressed."""
    parent = view.parentWidget()
    layout = parent.layout() if parent is not None else None
    stand_in = QWidget()
    if layout is None or layout.replaceWidget(
            view, stand_in, Qt.FindChildOption.FindChildrenRecursively) is None:
        stand_in.deleteLater()
        raise ValueError("the view is not laid out in its parent")
    stack = EmptyStateStack(view, parent=parent)
    layout.replaceWidget(stand_in, stack, Qt.FindChildOption.FindChildrenRecursively)
    stand_in.deleteLater()
    if on_action is not None:
        stack.empty.action_requested.connect(on_action)
    return stack
