"""Keyboard: no shortcut bound twice where both can fire, no mnemonic letter used twice in a place.

Places that must not share a mnemonic (Alt+letter): the menu bar together with
the main window's tabs; the entries of one menu; the buttons, labels, group
boxes, check boxes, radio buttons and tabs visible at once in one dialog or
wizard page (the wizard's own buttons included). Two shortcuts collide when one
window holds both and some focus widget has both active: Qt then fires neither.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
    QWizard,
    QWizardPage,
)

from tests.ui.every_dialog import DIALOGS, close, open_dialog

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower case."""
    match = re.search(r"&(\w)", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def collisions(entries: list[tuple[str, str]]) -> list[str]:
    """``entries`` are (key, what); one line per key that two or more of them share."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, what in entries:
        by_key[key].append(what)
    return [f"{key!r}: " + " and ".join(repr(w) for w in whats)
            for key, whats in sorted(by_key.items()) if len(whats) > 1]


# Shortcuts -----------------------------------------------------------------------------------


def _window_actions(window: QWidget) -> list[QAction]:
    """Every action the window holds: its children, its menus (recursively), its widgets'."""
    seen: dict[int, QAction] = {}

    def add(action: QAction) -> None:
        if id(action) in seen:
            return
        seen[id(action)] = action
        if action.menu() is not None:
            for sub in action.menu().actions():
                add(sub)

    for action in window.findChildren(QAction):
        add(action)
    for widget in [window, *window.findChildren(QWidget)]:
        for action in QWidget.actions(widget):  # some widgets name an attribute 'actions'
            add(action)
    return list(seen.values())


def _scope(action: QAction) -> list[QWidget] | None:
    """Where the action's shortcut is active: None for the whole window, else these widgets."""
    if action.shortcutContext() in WINDOW_WIDE:
        return None
    return [w for w in action.associatedObjects()
            if isinstance(w, QWidget) and not isinstance(w, QMenu | QMenuBar | QToolBar)]


def _overlap(a: list[QWidget] | None, b: list[QWidget] | None) -> bool:
    if a is None or b is None:
        return True
    return any(x is y or x.isAncestorOf(y) or y.isAncestorOf(x) for x in a for y in b)


def shortcut_collisions(window: QWidget) -> list[str]:
    bound = []  # (sequence text, what, scope)
    for action in _window_actions(window):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
                bound.append((text, action.text().replace("&", "") or action.objectName(),
                              _scope(action)))
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            scope = None if shortcut.context() in WINDOW_WIDE else [shortcut.parent()]
            bound.append((shortcut.key().toString(QKeySequence.SequenceFormat.PortableText),
                          f"shortcut of {type(shortcut.parent()).__name__}", scope))
    found = []
    for i, (key, what, scope) in enumerate(bound):
        for other_key, other, other_scope in bound[i + 1:]:
            if key == other_key and _overlap(scope, other_scope):
                found.append(f"{key}: {what!r} and {other!r}")
    return found


def test_no_shortcut_is_bound_twice_in_the_main_window(sample_window):
    assert not shortcut_collisions(sample_window)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_no_shortcut_is_bound_twice_in_a_dialog(sample_window, name):
    dialog = open_dialog(sample_window, name)
    try:
        assert not shortcut_collisions(dialog), name
    finally:
        close(dialog)


def test_the_collision_check_sees_a_repeated_shortcut(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    for text in ("&Open Interview…", "&Who Can Introduce Me…"):
        action = QAction(text, widget)
        action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        widget.addAction(action)
    assert shortcut_collisions(widget) == [
        "Ctrl+Shift+I: 'Open Interview…' and 'Who Can Introduce Me…'"]


# Mnemonics: menu bar, tabs and menus ---------------------------------------------------------


def _menu_entries(actions: list[QAction]) -> list[tuple[str, str]]:
    return [(mnemonic(a.text()), a.text()) for a in actions
            if not a.isSeparator() and a.isVisible() and mnemonic(a.text())]


def _menus(window) -> list[QMenu]:
    menus, stack = [], [a.menu() for a in window.menuBar().actions() if a.menu()]
    while stack:
        menu = stack.pop()
        menus.append(menu)
        stack.extend(a.menu() for a in menu.actions() if a.menu())
    return menus


def test_menu_bar_and_tabs_use_each_mnemonic_once(sample_window):
    entries = _menu_entries(sample_window.menuBar().actions())
    tabs = sample_window.tabs
    entries += [(mnemonic(tabs.tabText(i)), f"tab {tabs.tabText(i)}")
                for i in range(tabs.count()) if mnemonic(tabs.tabText(i))]
    assert not collisions(entries)


def test_each_menu_uses_each_mnemonic_once(sample_window):
    found = [f"{menu.title()}: {line}" for menu in _menus(sample_window)
             for line in collisions(_menu_entries(menu.actions()))]
    assert not found


# Mnemonics: dialogs and wizard pages --------------------------------------------------------


def _widget_entries(root: QWidget, within: QWidget) -> list[tuple[str, str]]:
    """Mnemonics of the widgets under ``root`` that show when ``within`` shows."""
    entries = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(within):
            continue
        if isinstance(widget, QWizard):
            continue
        text = None
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        if text and mnemonic(text):
            entries.append((mnemonic(text), f"{type(widget).__name__} {text}"))
        if isinstance(widget, QTabBar):
            entries += [(mnemonic(widget.tabText(i)), f"tab {widget.tabText(i)}")
                        for i in range(widget.count()) if mnemonic(widget.tabText(i))]
    return entries


def _wizard_button_entries(wizard: QWizard, page_id: int) -> list[tuple[str, str]]:
    page = wizard.page(page_id)
    ids = wizard.pageIds()
    Button, Option = QWizard.WizardButton, QWizard.WizardOption
    shown = [Button.CancelButton]
    if page_id != ids[0]:  # on the start page Back is hidden or disabled
        shown.append(Button.BackButton)
    last = page_id == ids[-1] or page.isFinalPage()
    if page.isCommitPage():
        shown.append(Button.CommitButton)
    elif not last:
        shown.append(Button.NextButton)
    if last or wizard.testOption(Option.HaveFinishButtonOnEarlyPages):
        shown.append(Button.FinishButton)
    for option, button in ((Option.HaveCustomButton1, Button.CustomButton1),
                           (Option.HaveCustomButton2, Button.CustomButton2),
                           (Option.HaveCustomButton3, Button.CustomButton3),
                           (Option.HaveHelpButton, Button.HelpButton)):
        if wizard.testOption(option):
            shown.append(button)
    texts = [page.buttonText(b) for b in shown]
    return [(mnemonic(t), f"button {t}") for t in texts if mnemonic(t)]


def _tab_pages(dialog: QWidget):
    """Yield once per combination of the dialog's outer tab widgets' pages (one each here)."""
    tab_widgets = [t for t in dialog.findChildren(QTabWidget)
                   if not any(o is not t and o.isAncestorOf(t)
                              for o in dialog.findChildren(QTabWidget))]
    if not tab_widgets:
        yield ""
        return
    for tabs in tab_widgets:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield f" tab {tabs.tabText(index)}"


def dialog_mnemonic_collisions(dialog: QWidget) -> list[str]:
    found = []
    if isinstance(dialog, QWizard):
        for page_id in dialog.pageIds():
            page: QWizardPage = dialog.page(page_id)
            entries = _widget_entries(page, page) + _wizard_button_entries(dialog, page_id)
            found += [f"page {page.title() or page_id}: {line}" for line in collisions(entries)]
        return found
    for where in _tab_pages(dialog):
        found += [f"{where.strip() or 'dialog'}: {line}"
                  for line in collisions(_widget_entries(dialog, dialog))]
    return found


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_each_dialog_page_uses_each_mnemonic_once(sample_window, name):
    dialog = open_dialog(sample_window, name)
    try:
        assert not dialog_mnemonic_collisions(dialog), name
    finally:
        close(dialog)


def test_the_mnemonic_check_names_both_widgets(qtbot):
    from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QPushButton("&Draft a pitch"))
    layout.addWidget(QCheckBox("&Degree finished"))
    layout.addWidget(QPushButton("Fish && chips"))
    assert dialog_mnemonic_collisions(dialog) == [
        "dialog: 'd': 'QPushButton &Draft a pitch' and 'QCheckBox &Degree finished'"]


def test_delete_key_deletes_the_person_in_the_tree_and_the_entry_in_the_timeline(
        sample_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from netdesk.db.models import Interaction, Person

    person = Person.select().join(Interaction).order_by(Person.id).first()
    sample_window.select_person(person.id)
    sample_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sample_window)
    asked = []
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: asked.append(box.windowTitle())
                        or QMessageBox.StandardButton.No)
    tree = sample_window.contact_tree.view
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    timeline = sample_window.timeline.view
    timeline.setCurrentIndex(timeline.model().index(0, 0))
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Delete)
    assert asked == ["Delete person", "Delete from the timeline"]
