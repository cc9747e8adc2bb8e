"""`python -m cxmaturity …`: the one command surface for everything outside the browser.

Exit codes: 0 success, 2 bad input (every problem printed, one per line, on stderr),
1 an unexpected failure (one line; set CXM_DEBUG=1 for the traceback). A person never
sees a traceback by default.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from cxmaturity.problems import InputError
from cxmaturity.questionnaire import Questionnaire, load_questionnaire
from cxmaturity.questionnaire.model import FreeTextQuestion

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

    schema = commands.add_parser("schema", help="print the JSON Schema of the questionnaire")
    schema.set_defaults(handler=run_schema)
    return parser


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
    print(questionnaire_schema_json(), end="")
    return EXIT_OK


def questionnaire_schema_json() -> str:
    """The questionnaire's JSON Schema, as committed in questionnaires/schema/."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Questionnaire.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
