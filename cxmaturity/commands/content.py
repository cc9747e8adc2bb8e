"""Commands on questionnaire content: `validate` and `schema`."""

from __future__ import annotations

import argparse
import json
import sys

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.commands.files import EXIT_BAD_INPUT, EXIT_OK
from cxmaturity.problems import InputError
from cxmaturity.questionnaire import Questionnaire, load_questionnaire
from cxmaturity.questionnaire.model import FreeTextQuestion


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
