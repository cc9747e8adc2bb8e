"""Installed questionnaires by id and version: a workshop records which one it used.

A new version of the content is a new file, `questionnaires/<id>-v<version>.yaml`; old
workshops keep being read with the version they were answered with, and new ones get the
newest version of the default questionnaire.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cxmaturity.problems import InputError, Problem
from cxmaturity.questionnaire.loader import QUESTIONNAIRES_DIR, installed_questionnaire
from cxmaturity.questionnaire.model import Questionnaire

#: The questionnaire new workshops, demos and imports use, in its newest version.
DEFAULT_ID = "cx-maturity"


@cache
def installed(directory: Path = QUESTIONNAIRES_DIR) -> dict[tuple[str, int], Questionnaire]:
    found: dict[tuple[str, int], Questionnaire] = {}
    where: dict[tuple[str, int], Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        questionnaire = installed_questionnaire(path.resolve())
        key = questionnaire.id, questionnaire.version
        if key in found:
            problem = Problem(f"{key[0]} v{key[1]} is also defined in {where[key].name}")
            raise InputError(str(path), [problem])
        found[key], where[key] = questionnaire, path
    return found


def questionnaire_for(questionnaire_id: str, version: int, source: str = "") -> Questionnaire:
    """The installed questionnaire `questionnaire_id` v`version`, or a clear error."""
    available = installed()
    try:
        return available[questionnaire_id, version]
    except KeyError:
        names = ", ".join(f"{qid} v{v}" for qid, v in sorted(available)) or "none"
        problem = Problem(
            f"questionnaire {questionnaire_id} v{version} is not installed (available: {names})",
            "questionnaire",
        )
        raise InputError(source or "archive", [problem]) from None


def default_questionnaire(version: int | None = None, source: str = "") -> Questionnaire:
    """The default questionnaire: its newest version, or `version` when given (an error
    names `source`, where the version came from, when it is not installed)."""
    if version is not None:
        return questionnaire_for(DEFAULT_ID, version, source)
    newest = max(v for qid, v in installed() if qid == DEFAULT_ID)
    return installed()[DEFAULT_ID, newest]
