"""Installed questionnaires by id and version: a workshop records which one it used.

A new version of the content is a new file; old workshops keep being read with the
version they were answered with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cxmaturity.problems import InputError, Problem
from cxmaturity.questionnaire.loader import QUESTIONNAIRES_DIR, installed_questionnaire
from cxmaturity.questionnaire.model import Questionnaire


@cache
def installed(directory: Path = QUESTIONNAIRES_DIR) -> dict[tuple[str, int], Questionnaire]:
    found = {}
    for path in sorted(directory.glob("*.yaml")):
        questionnaire = installed_questionnaire(path.resolve())
        found[questionnaire.id, questionnaire.version] = questionnaire
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
