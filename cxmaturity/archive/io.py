"""Read and write workshop archives: strict on the way in, deterministic on the way out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cxmaturity.answers import check_answer
from cxmaturity.archive.model import FORMAT_VERSION, WorkshopArchive
from cxmaturity.problems import InputError, PathPart, Problem, format_path, quoted
from cxmaturity.questionnaire.model import Questionnaire, ScoredQuestion
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.schema_problems import problems_from

#: 1,000 participants answering everything take about 2 MB; leave room, refuse absurd files.
MAX_ARCHIVE_BYTES = 20_000_000


def load_archive(path: str | Path) -> tuple[WorkshopArchive, Questionnaire]:
    """The archive in `path` and the questionnaire it was answered with."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            str(path), [Problem(f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    return parse_archive(raw, source=str(path))


def parse_archive(raw: bytes, source: str) -> tuple[WorkshopArchive, Questionnaire]:
    data = _json(raw, source)
    if isinstance(data, dict) and data.get("format_version", FORMAT_VERSION) != FORMAT_VERSION:
        problem = Problem(
            f"{json.dumps(data['format_version'])} is not supported "
            f"(this version of cx-maturity reads format_version {FORMAT_VERSION})",
            "format_version",
        )
        raise InputError(source, [problem])
    try:
        archive = WorkshopArchive.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, problems_from(exc, data, _locate)) from None
    ref = archive.questionnaire
    questionnaire = questionnaire_for(ref.id, ref.version, source)
    problems = archive_problems(archive, questionnaire)
    if problems:
        raise InputError(source, problems)
    return archive, questionnaire


def dump_archive(archive: WorkshopArchive) -> str:
    """Stable JSON text: the same archive always gives the same bytes."""
    return json.dumps(archive.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def archive_problems(archive: WorkshopArchive, q: Questionnaire) -> list[Problem]:
    """Everything in `archive` that does not fit questionnaire `q`."""
    problems: list[Problem] = []

    def problem(path: tuple[PathPart, ...], message: str) -> None:
        problems.append(Problem(message, format_path(path)))

    seen: dict[str, int] = {}
    for i, participant in enumerate(archive.participants):
        where: tuple[PathPart, ...] = ("participants", i)
        if participant.id in seen:
            problem(
                (*where, "id"),
                f'"{participant.id}" is already used by participants[{seen[participant.id]}]',
            )
        seen.setdefault(participant.id, i)
        if participant.role not in q.roles_by_id:
            problem(
                (*where, "role"), f'"{participant.role}" is not one of {", ".join(q.roles_by_id)}'
            )
        for question_id, value in participant.answers.items():
            question = q.questions.get(question_id)
            if question is None:
                problem((*where, "answers", question_id), f"not a question of {q.id} v{q.version}")
            elif (message := check_answer(question, value)) is not None:
                problem(
                    (*where, "answers", question_id),
                    f"{quoted(value)} {message}",
                )
    for question_id, consensus in archive.consensus.items():
        if not isinstance(q.questions.get(question_id), ScoredQuestion):
            problem(("consensus", question_id), "not a scored item of the questionnaire")
        for j, role in enumerate(consensus.moved):
            if role not in q.roles_by_id:
                problem(("consensus", question_id, "moved", j), f'"{role}" is not a role')
    reviewed: set[str] = set()
    for i, decision in enumerate(archive.roadmap_review):
        if decision.action_id not in q.actions_by_id:
            problem(("roadmap_review", i, "action_id"), f'"{decision.action_id}" is not an action')
        if decision.action_id in reviewed:
            problem(("roadmap_review", i, "action_id"), f'"{decision.action_id}" is reviewed twice')
        reviewed.add(decision.action_id)
        if decision.owner_role is not None and decision.owner_role not in q.roles_by_id:
            problem(("roadmap_review", i, "owner_role"), f'"{decision.owner_role}" is not a role')
    return problems


def _json(raw: bytes, source: str) -> Any:
    if len(raw) > MAX_ARCHIVE_BYTES:
        raise InputError(
            source, [Problem(f"file is {len(raw):,} bytes; the limit is {MAX_ARCHIVE_BYTES:,}")]
        )
    if not raw.strip():
        raise InputError(source, [Problem("the file is empty")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            source, [Problem(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line)]
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(f"JSON syntax: {exc.msg}", f"column {exc.colno}", exc.lineno)
        raise InputError(source, [problem]) from None
    except RecursionError:
        raise InputError(source, [Problem("JSON nested too deeply")]) from None


def _locate(path: tuple[PathPart, ...], message: str) -> Problem:
    return Problem(message, format_path(path))
