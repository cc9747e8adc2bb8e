"""`python -m cxmaturity …`: the one command surface for everything outside the browser.

Exit codes: 0 success, 2 bad input (every problem printed, one per line, on stderr),
1 an unexpected failure (one line; set CXM_DEBUG=1 for the traceback). A person never
sees a traceback by default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from cxmaturity.archive import WorkshopArchive, dump_archive, load_archive
from cxmaturity.archive.csv_io import archive_to_csv, csv_to_archive, load_csv
from cxmaturity.demo import demo_archive
from cxmaturity.localized import LANGS
from cxmaturity.problems import InputError
from cxmaturity.questionnaire import Questionnaire, default_questionnaire, load_questionnaire
from cxmaturity.questionnaire.model import FreeTextQuestion
from cxmaturity.results import compute_results
from cxmaturity.results.summary import summary as results_summary

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InputError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("CXM_DEBUG"):
            traceback.print_exc()
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        print("(set CXM_DEBUG=1 to see the details)", file=sys.stderr)
        return EXIT_FAILURE


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
    validate.set_defaults(handler=run_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the questionnaire (or, with --archive, the archive)",
    )
    schema.add_argument("--archive", action="store_true", help="the workshop archive's schema")
    schema.set_defaults(handler=run_schema)

    demo = commands.add_parser("demo", help="write a realistic simulated workshop archive")
    demo.add_argument("--participants", type=_positive, required=True, metavar="N")
    demo.add_argument("--seed", type=int, required=True, metavar="S")
    demo.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    demo.add_argument("--lang", choices=LANGS, default="fr")
    demo.add_argument("--min-group-size", type=_positive, default=2, metavar="K")
    demo.set_defaults(handler=run_demo)

    score = commands.add_parser("score", help="compute the results of a workshop archive")
    score.add_argument("archive", type=Path, metavar="FILE.json")
    score.add_argument("--json", action="store_true", help="the full results as JSON")
    score.add_argument("--lang", choices=LANGS, help="summary language (default: the workshop's)")
    score.set_defaults(handler=run_score)

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
    import_csv.add_argument("--min-group-size", type=_positive, default=2, metavar="K")
    import_csv.set_defaults(handler=run_import_csv)

    export_csv = commands.add_parser("export-csv", help="write an archive's answers as CSV")
    export_csv.add_argument("archive", type=Path, metavar="FILE.json")
    export_csv.add_argument("--out", type=Path, required=True, metavar="RESPONSES.csv")
    export_csv.set_defaults(handler=run_export_csv)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write all of `text` or nothing: a crash never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding=encoding, dir=path.parent, delete=False, newline=""
    ) as tmp:
        tmp.write(text)
    Path(tmp.name).replace(path)


def run_validate(args: argparse.Namespace) -> int:
    problems: list[str] = []
    for path in args.files:
        try:
            questionnaire = load_questionnaire(path)
        except InputError as exc:
            problems.extend(exc.lines())
        else:
            print(f"{path}: valid — {summary(questionnaire)}")
    for line in problems:
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def summary(q: Questionnaire) -> str:
    """One line: what the questionnaire holds."""
    free_text = sum(isinstance(x, FreeTextQuestion) for x in q.questions.values())
    return (
        f"{q.id} v{q.version}: {len(q.sections)} sections, {len(q.dimensions)} dimensions, "
        f"{len(q.scored_items)} scored items, {len(q.questions)} questions "
        f"({free_text} free text), {len(q.actions)} actions"
    )


def run_schema(args: argparse.Namespace) -> int:
    print(archive_schema_json() if args.archive else questionnaire_schema_json(), end="")
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    q = default_questionnaire()
    archive = demo_archive(q, args.participants, args.seed, args.lang, args.min_group_size)
    write_atomically(args.out, dump_archive(archive))
    print(f"{args.out}: {args.participants} simulated participants (seed {args.seed})")
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    archive, q = load_archive(args.archive)
    results = compute_results(archive, q)
    if args.json:
        print(json.dumps(results.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        print(results_summary(archive, q, results, args.lang or archive.language), end="")
    return EXIT_OK


def run_import_csv(args: argparse.Namespace) -> int:
    q = default_questionnaire()
    archive = csv_to_archive(
        load_csv(args.csv),
        str(args.csv),
        q,
        organisation=args.organisation or args.csv.stem,
        date=args.date or dt.date.today(),
        language=args.lang,
        min_group_size=args.min_group_size,
    )
    write_atomically(args.out, dump_archive(archive))
    print(f"{args.out}: {len(archive.participants)} participants imported from {args.csv}")
    return EXIT_OK


def run_export_csv(args: argparse.Namespace) -> int:
    archive, q = load_archive(args.archive)
    write_atomically(args.out, archive_to_csv(archive, q), encoding="utf-8-sig")
    print(f"{args.out}: {len(archive.participants)} participants")
    return EXIT_OK


def questionnaire_schema_json() -> str:
    """The questionnaire's JSON Schema, as committed in questionnaires/schema/."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Questionnaire.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def archive_schema_json() -> str:
    """The workshop archive's JSON Schema."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **WorkshopArchive.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
