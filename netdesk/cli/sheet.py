"""``netdesk sheet``: write an interview's question sheet, or a blank one, as a PDF file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROG = "netdesk sheet"


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "sheet", parents=[common],
        help="write a printable question sheet as PDF",
        description="Write the question sheet of an interview (or a blank sheet of questions "
                    "from the bank) as a PDF file. Works without a display.",
        epilog="examples:\n  netdesk sheet 12 -o fatima.pdf\n"
               "  netdesk sheet --blank --category advice -o advice.pdf --page-size Letter",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("interview_id", nargs="?", type=int, metavar="INTERVIEW_ID",
                        help="the interview whose sheet to write")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf",
                        help="the PDF file to write (replaced if it exists)")
    parser.add_argument("--page-size", type=_page_size, default=None, metavar="A4|Letter",
                        help="paper size (default: from the locale; Letter in the US and "
                             "Canada, A4 elsewhere)")
    parser.add_argument("--blank", action="store_true",
                        help="a sheet with no interview: questions from the bank")
    parser.add_argument("--category", metavar="NAME",
                        help="with --blank: only this category (career_path, environment, "
                             "organization, advice, own)")
    parser.add_argument("--question", type=int, action="append", metavar="ID",
                        dest="question_ids",
                        help="with --blank: this question from the bank (repeat, in order)")
    parser.add_argument("--heading", default="",
                        help="with --blank: the title printed at the top")
    parser.set_defaults(func=run)


def _page_size(text: str) -> str:
    for name in ("A4", "Letter"):
        if text.strip().lower() == name.lower():
            return name
    raise argparse.ArgumentTypeError(f"unknown page size {text!r}; choose A4 or Letter")


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _usage_error(args: argparse.Namespace) -> str:
    if args.blank and args.interview_id is not None:
        return "give either INTERVIEW_ID or --blank, not both"
    if not args.blank and args.interview_id is None:
        return "give an INTERVIEW_ID, or --blank for a sheet with no interview"
    if not args.blank and (args.category or args.question_ids or args.heading):
        return "--category, --question and --heading go with --blank"
    if args.category and args.question_ids:
        return "give either --category or --question, not both"
    if args.output.suffix.lower() != ".pdf":
        return f"the output file must end in .pdf: {args.output}"
    if not args.output.parent.is_dir():
        return f"the folder {args.output.parent} does not exist"
    return ""


def ensure_gui_application():
    """A QGuiApplication for fonts and painting; offscreen when there is no display."""
    if (sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["netdesk"])


def run(args: argparse.Namespace) -> int:
    problem = _usage_error(args)
    if problem:
        return _fail(problem)

    from netdesk.db import DatabaseFileError, open_database
    from netdesk.paths import DB_ENV, chosen_db_path, is_server_url

    path = chosen_db_path(args.db)
    from_defaults = False
    if not is_server_url(path) and not path.exists():
        if not args.blank or args.db is not None or os.environ.get(DB_ENV):
            return _fail(f"there is no database at {path}")
        # Before netdesk was ever started: the shipped question bank, and no file made.
        db, from_defaults = default_bank_database(), True
    else:
        try:
            # A read-only file can still be printed; an older one is backed up, then upgraded.
            db = open_database(path, read_only=None)
        except DatabaseFileError as error:
            return _fail(f"cannot open the database: {error}")
    try:
        from netdesk.core.sheet import SheetError, blank_sheet, interview_sheet

        try:
            if args.blank:
                sheet = blank_sheet(category=args.category, question_ids=args.question_ids,
                                    heading=args.heading)
            else:
                sheet = interview_sheet(args.interview_id)
        except SheetError as error:
            return _fail(str(error))
        ensure_gui_application()
        from netdesk.render.sheet_pages import locale_page_size_name, write_sheet_pdf

        try:
            pages = write_sheet_pdf(sheet, args.output,
                                    args.page_size or locale_page_size_name())
        except OSError as error:
            return _fail(f"cannot write {args.output}: {error.strerror or error}")
    finally:
        db.close()
    source = " from the default question bank" if from_defaults else ""
    print(f"Wrote {args.output} ({pages} {'page' if pages == 1 else 'pages'}, "
          f"{len(sheet.questions)} questions{source})")
    return 0


def default_bank_database():
    """An in-memory database holding only the shipped question bank, bound to the models.

    Its question ids are those a new database gets, so ``--question ID`` means the
    same question before and after the first start.
    """
    from peewee import SqliteDatabase

    from netdesk.core.question_bank import ensure_default_questions
    from netdesk.db.database import migrate
    from netdesk.db.models import database_proxy

    db = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
    db.connect()
    migrate(db)
    database_proxy.initialize(db)
    ensure_default_questions()
    return db
