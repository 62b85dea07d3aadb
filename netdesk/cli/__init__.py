"""Sub-commands of the ``netdesk`` command line; each module registers one or more.

A module here defines ``register(subparsers, common)``, where ``common`` is a
parent parser carrying ``--db``; the function it sets as ``func`` gets the
parsed arguments and returns the exit status. Qt is imported only by the
commands that draw something, and only when they run.

Every command registered through :data:`COMMAND_MODULES` runs inside
:func:`netdesk.cli.errors.guarded`: a permission, space, path, lock or damage
problem ends it with one ``netdesk: …`` line and a non-zero status, never a
traceback.

The modules are imported when asked for (:func:`command_modules`), so a start
of the window, which names no command, imports none of them.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from types import ModuleType

COMMANDS = {
    "demo-db": "demo_db", "import": "transfer", "export": "transfer", "calendar": "calendar",
    "export-ics": "calendar", "sheet": "sheet", "check": "check", "sync": "sync",
    "encrypt": "encryption", "decrypt": "encryption", "copy": "copy",
    "members": "members",
}
"""Each command (and alias) and the module under ``netdesk.cli`` that registers it."""
_MODULE_ORDER = ("demo_db", "transfer", "calendar", "sheet", "check", "sync", "encryption",
                 "copy", "members")


def guarded(func):
    """``func`` run through :func:`netdesk.cli.errors.guarded`, imported when it runs."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        from netdesk.cli.errors import guarded as guard

        return guard(func)(*args, **kwargs)

    run.netdesk_guarded = True
    return run


class _Guarded:
    """A command module whose commands' ``func`` run through :func:`guarded`."""

    def __init__(self, module: ModuleType):
        self.module = module
        self.__name__ = module.__name__

    def register(self, subparsers, common) -> None:
        before = set(subparsers.choices)
        self.module.register(subparsers, common)
        for name in set(subparsers.choices) - before:
            parser = subparsers.choices[name]
            func = parser.get_default("func")
            if func is not None and not getattr(func, "netdesk_guarded", False):
                parser.set_defaults(func=guarded(func))

    def __getattr__(self, name: str):
        return getattr(self.module, name)


def command_modules(commands: Iterable[str] | None = None) -> tuple[_Guarded, ...]:
    """The command modules, imported now: all of them, or those registering ``commands``."""
    wanted = set(_MODULE_ORDER) if commands is None else {
        COMMANDS[c] for c in commands if c in COMMANDS}
    return tuple(_Guarded(importlib.import_module(f"netdesk.cli.{name}"))
                 for name in _MODULE_ORDER if name in wanted)


def __getattr__(name: str):
    if name == "COMMAND_MODULES":  # every module, for whoever lists them all
        return command_modules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
