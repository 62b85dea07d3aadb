"""Sub-commands of the ``netdesk`` command line; each module registers one or more.

A module here defines ``register(subparsers, common)``, where ``common`` is a
parent parser carrying ``--db``; the function it sets as ``func`` gets the
parsed arguments and returns the exit status. Qt is imported only by the
commands that draw something, and only when they run.

Every command registered through :data:`COMMAND_MODULES` runs inside
:func:`netdesk.cli.errors.guarded`: a permission, space, path, lock or damage
problem ends it with one ``netdesk: …`` line and a non-zero status, never a
traceback.
"""

from __future__ import annotations

from types import ModuleType

from netdesk.cli import calendar, check, demo_db, sheet, transfer
from netdesk.cli.errors import guarded


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


COMMAND_MODULES = tuple(_Guarded(m) for m in (demo_db, transfer, calendar, sheet, check))
