"""Sub-commands of the ``netdesk`` command line; each module registers one or more.

A module here defines ``register(subparsers, common)``, where ``common`` is a
parent parser carrying ``--db``; the function it sets as ``func`` gets the
parsed arguments and returns the exit status. Qt is imported only by the
commands that draw something, and only when they run.
"""

from netdesk.cli import calendar, check, demo_db, sheet, transfer

COMMAND_MODULES = (demo_db, transfer, calendar, sheet, check)
