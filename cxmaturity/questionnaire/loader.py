"""Load a questionnaire file, or explain everything that is wrong with it.

Three passes, each reporting all its problems at once: the bytes (size, UTF-8), the YAML
(syntax, duplicate keys, aliases), then the content (shape, then cross-references).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from cxmaturity import yaml_source
from cxmaturity.problems import InputError, Problem
from cxmaturity.questionnaire.checks import check_questionnaire
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.schema_problems import problems_from

QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[2] / "questionnaires"


def load_questionnaire(path: str | Path) -> Questionnaire:
    """The questionnaire in `path`; raises `InputError` listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), [_unreadable(exc)]) from None
    return parse_questionnaire(raw, source=str(path))


def parse_questionnaire(raw: bytes, source: str) -> Questionnaire:
    document = yaml_source.read(raw, source)
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(source, problems_from(exc, document.data, document.problem)) from None
    findings = check_questionnaire(questionnaire)
    if findings:
        raise InputError(source, [document.problem(path, message) for path, message in findings])
    return questionnaire


@cache
def installed_questionnaire(path: Path) -> Questionnaire:
    """An installed questionnaire, parsed once per process (content never changes at run time)."""
    return load_questionnaire(path)


def _unreadable(exc: OSError) -> Problem:
    return Problem(f"cannot read the file: {exc.strerror or exc}")
