"""`python -m cxmaturity …`: the one command surface for everything outside the browser.

Exit codes: 0 success, 2 bad input (every problem printed, one per line, on stderr),
1 an unexpected failure (one line; set CXM_DEBUG=1 for the traceback). A person never
sees a traceback by default. Each command's module is imported only when it runs, so
`--help` and `validate` start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from cxmaturity.commands.files import EXIT_BAD_INPUT, EXIT_FAILURE
from cxmaturity.localized import LANGS
from cxmaturity.problems import InputError
from cxmaturity.terminal import safe_streams
from cxmaturity.workshops.errors import StoreError
from cxmaturity.workshops.role_figures import (
    DEFAULT_MIN_GROUP,
    DEFAULT_MODE,
    MIN_PROTECTED_GROUP,
    MODES,
)

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    with safe_streams():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return handler_for(args.handler)(args)
    except InputError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("CXM_DEBUG"):
            traceback.print_exc()
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        print("(set CXM_DEBUG=1 to see the details)", file=sys.stderr)
        return EXIT_FAILURE


def handler_for(name: str) -> Handler:
    """ "store:run_list" → cxmaturity.commands.store.run_list, imported now."""
    module, function = name.split(":")
    handler: Handler = getattr(importlib.import_module(f"cxmaturity.commands.{module}"), function)
    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cxmaturity",
        description="Customer-experience maturity workshop: content, results and reports.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate", help="check questionnaire files; list every problem with its place"
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.set_defaults(handler="content:run_validate")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the questionnaire (or, with --archive, the archive)",
    )
    schema.add_argument("--archive", action="store_true", help="the workshop archive's schema")
    schema.set_defaults(handler="content:run_schema")

    demo = commands.add_parser("demo", help="write a realistic simulated workshop archive")
    demo.add_argument("--participants", type=_positive, required=True, metavar="N")
    demo.add_argument("--seed", type=int, required=True, metavar="S")
    demo.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    demo.add_argument("--lang", choices=LANGS, default="fr")
    _role_figure_options(demo, default=DEFAULT_MODE)
    demo.set_defaults(handler="workshops:run_demo")

    score = commands.add_parser("score", help="compute the results of a workshop archive")
    score.add_argument("archive", type=Path, metavar="FILE.json")
    score.add_argument("--json", action="store_true", help="the full results as JSON")
    score.add_argument("--lang", choices=LANGS, help="summary language (default: the workshop's)")
    score.set_defaults(handler="workshops:run_score")

    import_csv = commands.add_parser(
        "import-csv", help="build an archive from a responses CSV (one row per participant)"
    )
    import_csv.add_argument("csv", type=Path, metavar="RESPONSES.csv")
    import_csv.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    import_csv.add_argument("--organisation", help="default: the CSV file's name")
    import_csv.add_argument(
        "--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)"
    )
    import_csv.add_argument("--lang", choices=LANGS, default="fr", help="the workshop's language")
    # Imported answers were collected elsewhere, nobody told that roles would show.
    _role_figure_options(import_csv, default="protected")
    import_csv.add_argument(
        "--questionnaire-version",
        type=_positive,
        metavar="N",
        help="the version the answers were given with (default: the newest; 1 for an old export)",
    )
    import_csv.set_defaults(handler="workshops:run_import_csv")

    report = commands.add_parser(
        "report", help="write the PDF roadmap report of a workshop archive"
    )
    report.add_argument("archive", type=Path, metavar="FILE.json")
    report.add_argument("--out", type=Path, required=True, metavar="report.pdf")
    report.add_argument("--lang", choices=LANGS, help="report language (default: the workshop's)")
    report.set_defaults(handler="workshops:run_report")

    export_csv = commands.add_parser("export-csv", help="write an archive's answers as CSV")
    export_csv.add_argument("archive", type=Path, metavar="FILE.json")
    export_csv.add_argument("--out", type=Path, required=True, metavar="RESPONSES.csv")
    export_csv.set_defaults(handler="workshops:run_export_csv")

    db_help = "database URL (default: CXM_DATABASE_URL, else sqlite:///data/cxmaturity.db)"
    db = commands.add_parser("db", help="database administration")
    db_commands = db.add_subparsers(title="db commands", metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply pending schema migrations")
    upgrade.add_argument("--db", metavar="URL", help=db_help)
    upgrade.set_defaults(handler="store:run_db_upgrade")

    import_ = commands.add_parser(
        "import", help="store an archive as a new workshop; prints its id and facilitator token"
    )
    import_.add_argument("archive", type=Path, metavar="FILE.json")
    import_.add_argument("--db", metavar="URL", help=db_help)
    import_.set_defaults(handler="store:run_import")

    export = commands.add_parser("export", help="write a stored workshop as an archive")
    export.add_argument("workshop_id", metavar="WORKSHOP_ID")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    export.add_argument("--db", metavar="URL", help=db_help)
    export.set_defaults(handler="store:run_export")

    delete = commands.add_parser("delete", help="delete a workshop and every row of it")
    delete.add_argument("workshop_id", metavar="WORKSHOP_ID")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.add_argument("--db", metavar="URL", help=db_help)
    delete.set_defaults(handler="store:run_delete")

    list_ = commands.add_parser("list", help="list the stored workshops")
    list_.add_argument("--db", metavar="URL", help=db_help)
    list_.set_defaults(handler="store:run_list")

    serve = commands.add_parser(
        "serve", help="start the app (trusting X-Forwarded-For only from CXM_TRUSTED_PROXIES)"
    )
    serve.add_argument("--port", type=_positive, default=8501)
    serve.add_argument("--address", help="address to listen on (default: Streamlit's)")
    serve.add_argument("--headless", action="store_true", help="do not open a browser")
    serve.set_defaults(handler="serve:run_serve")
    return parser


def _role_figure_options(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument(
        "--role-figures",
        choices=MODES,
        default=default,
        help=f"open: every role shown; protected: only groups of K (default: {default})",
    )
    command.add_argument(
        "--min-group-size",
        type=_positive,
        default=DEFAULT_MIN_GROUP,
        metavar="K",
        help=f"protected mode: fewest respondents to show a role (at least "
        f"{MIN_PROTECTED_GROUP}; default {DEFAULT_MIN_GROUP})",
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value
