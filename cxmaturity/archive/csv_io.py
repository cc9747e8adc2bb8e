"""Answers as a spreadsheet: import answers collected elsewhere, export them for Excel.

One row per participant: `participant`, `role`, optionally `alias`, then one column per
question id. Cells: scored items and ambitions 1–5 or `dk`; a single choice, the option id; several
choices, option ids separated by `|`; the ranking, option ids from first to last priority
separated by `>`; free text as is. An empty cell is no answer. Commas, semicolons (French
Excel) and tabs are all accepted as separators.

Formulas are neutralised on export: wherever a spreadsheet could start a cell — the
cell's start, or after a `,` `;` tab, `|` or line break it may split on — text that it would
run (starting with = + - @, a tab or a carriage return) gets an apostrophe, which import
removes again, so a round trip gives back exactly the same text.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from pathlib import Path

from cxmaturity.answers import DONT_KNOW, AnswerValue, check_answer
from cxmaturity.archive.model import Participant, QuestionnaireRef, WorkshopArchive
from cxmaturity.localized import Lang
from cxmaturity.problems import InputError, Problem, quoted
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
)
from cxmaturity.workshops.identity import alias_beside_answers
from cxmaturity.workshops.limits import ALIAS_LIMIT
from cxmaturity.workshops.role_figures import DEFAULT_MIN_GROUP, RoleFiguresMode

MAX_CSV_BYTES = 5_000_000
MULTI_SEPARATOR = "|"
RANK_SEPARATOR = ">"
IDENTITY_COLUMNS = ("participant", "role")
ALIAS_COLUMN = "alias"
#: Where a spreadsheet may start a cell: the cell's start, or after any separator one
#: might split on (",", French Excel's ";", tab, "|", or a line break inside the cell).
_SEGMENT = r"(^|[,;\t|\r\n])"
#: What a spreadsheet runs when a cell starts with it.
_RUNS = r"[=+\-@\t\r]"
_UNSAFE = re.compile(_SEGMENT + r"('*)(?=" + _RUNS + ")")
_GUARDED = re.compile(_SEGMENT + r"'('*)(?=" + _RUNS + ")")
_PARTICIPANT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def neutralise(cell: str) -> str:
    """A cell no spreadsheet will execute, however it splits the line: `=SUM(A1)` →
    `'=SUM(A1)`, and `x;=1+1` → `x;'=1+1` (French Excel splits a .csv on ";"). Apostrophes
    already there get one more, so `restore` always knows which one it added."""
    return _UNSAFE.sub(r"\1'\2", cell)


def restore(cell: str) -> str:
    """The inverse of `neutralise`."""
    return _GUARDED.sub(r"\1\2", cell)


def archive_to_csv(archive: WorkshopArchive, q: Questionnaire) -> str:
    """The answers as CSV text (write it with a UTF-8 BOM so Excel reads the accents)."""
    # A name only where people joined under their own name (an alias never leaves the roster).
    with_alias = alias_beside_answers(archive.anonymity) and any(
        p.alias for p in archive.participants
    )
    header = [*IDENTITY_COLUMNS, *([ALIAS_COLUMN] if with_alias else []), *q.questions]
    out = io.StringIO()
    # "\r\n" (RFC 4180): a cell holding either character is quoted, so a typed CR never
    # breaks the row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for p in archive.participants:
        identity = [p.id, p.role, *([p.alias or ""] if with_alias else [])]
        cells = [_format(question, p.answers.get(question.id)) for question in q.questions.values()]
        writer.writerow([neutralise(cell) for cell in identity + cells])
    return out.getvalue()


def csv_to_archive(
    raw: bytes,
    source: str,
    q: Questionnaire,
    *,
    organisation: str,
    date: dt.date,
    language: Lang,
    role_figures: RoleFiguresMode = "protected",
    min_group_size: int = DEFAULT_MIN_GROUP,
) -> WorkshopArchive:
    """An archive from a responses CSV; raises `InputError` listing every bad cell."""
    (_, header), *body = _rows(raw, source)
    columns, problems = _columns(header, q)
    if problems:
        raise InputError(source, problems)
    participants: list[Participant] = []
    first_row: dict[str, int] = {}
    for line, row in body:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(f"has {len(row)} cells; the header has {len(header)}", f"row {line}")
            )
            continue
        cells = dict(zip(header, row, strict=True))
        row_problems, participant = _participant(line, cells, columns, q)
        participant_id = cells["participant"].strip()
        if participant_id in first_row:
            message = f'"{participant_id}" is already used on row {first_row[participant_id]}'
            row_problems.append(Problem(message, f"row {line}, column participant"))
        first_row.setdefault(participant_id, line)
        if row_problems or participant is None:
            problems += row_problems
            continue
        participants.append(participant)
    if not problems and not participants:
        # A header alone is an export cut short or the wrong file, not an empty workshop.
        problems.append(Problem("has a header but no participant row"))
    if problems:
        raise InputError(source, problems)
    return WorkshopArchive(
        organisation=organisation,
        date=date,
        language=language,
        questionnaire=QuestionnaireRef(id=q.id, version=q.version),
        role_figures=role_figures,
        min_group_size=min_group_size,
        # Names in the file sit next to the answers already: the workshop is a named one.
        anonymity="named" if any(p.alias for p in participants) else "anonymous",
        participants=participants,
    )


def _participant(
    line: int, cells: dict[str, str], columns: dict[str, Question], q: Questionnaire
) -> tuple[list[Problem], Participant | None]:
    """One row as a participant, or the problems of its cells."""
    problems = []
    participant_id = cells["participant"].strip()
    role = cells["role"].strip()
    if not _PARTICIPANT_ID.match(participant_id):
        message = f'"{participant_id}" is not a valid participant id (letters, digits, _ and -)'
        problems.append(Problem(message, f"row {line}, column participant"))
    if role not in q.roles_by_id:
        problems.append(
            Problem(
                f'"{role}" is not one of {", ".join(q.roles_by_id)}', f"row {line}, column role"
            )
        )
    alias = restore(cells.get(ALIAS_COLUMN, "")).strip() or None
    if alias is not None and len(alias) > ALIAS_LIMIT:
        problems.append(
            Problem(f"is longer than {ALIAS_LIMIT} characters", f"row {line}, column alias")
        )
    answers: dict[str, AnswerValue] = {}
    for column, question in columns.items():
        cell = cells[column]
        if not cell.strip():
            continue
        value = _parse(question, cell)
        refused = check_answer(question, value)
        if refused is None:
            answers[question.id] = value
        else:
            problems.append(Problem(f"{quoted(cell)} {refused}", f"row {line}, column {column}"))
    if problems:
        return problems, None
    return [], Participant(id=participant_id, role=role, alias=alias, answers=answers)


def load_csv(path: str | Path) -> bytes:
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            str(path), [Problem(f"cannot read the file: {exc.strerror or exc}")]
        ) from None


def _rows(raw: bytes, source: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row, header first; the line number is the spreadsheet row."""
    if len(raw) > MAX_CSV_BYTES:
        raise InputError(
            source, [Problem(f"file is {len(raw):,} bytes; the limit is {MAX_CSV_BYTES:,}")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = " — save it as CSV UTF-8" if raw[exc.start] >= 0x80 else ""
        raise InputError(
            source, [Problem(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}){hint}", f"row {line}")]
        ) from None
    if not text.strip():
        raise InputError(source, [Problem("the file is empty")])
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise InputError(
            source, [Problem(f"CSV syntax: {exc}", f"row {reader.line_num}")]
        ) from None
    # csv.reader counts physical lines; report the row where each record starts.
    starts = [1] + [line + 1 for line, _ in rows[:-1]]
    return [(start, cells) for start, (_, cells) in zip(starts, rows, strict=True)]


def _columns(names: list[str], q: Questionnaire) -> tuple[dict[str, Question], list[Problem]]:
    """The question of each answer column, or the header's problems."""
    problems = [
        Problem(f'no "{required}" column', "row 1")
        for required in IDENTITY_COLUMNS
        if required not in names
    ]
    columns: dict[str, Question] = {}
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(Problem("appears twice", f"row 1, column {name}"))
        seen.add(name)
        if name in (*IDENTITY_COLUMNS, ALIAS_COLUMN):
            continue
        question = q.questions.get(name)
        if question is None:
            close = difflib.get_close_matches(name, list(q.questions), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.append(
                Problem(f"not a question of {q.id} v{q.version}{hint}", f"row 1, column {name}")
            )
        else:
            columns[name] = question
    return columns, problems


def _parse(question: Question, cell: str) -> AnswerValue:
    text = cell.strip()
    if not isinstance(question, FreeTextQuestion) and text.lower() == DONT_KNOW:
        return DONT_KNOW
    match question:
        case ScoredQuestion() | AmbitionQuestion():
            return int(text) if text.isdigit() and len(text) == 1 else text
        case MultiChoiceQuestion():
            return [part.strip() for part in text.split(MULTI_SEPARATOR)]
        case RankingQuestion():
            return [part.strip() for part in text.split(RANK_SEPARATOR)]
        case FreeTextQuestion():
            return restore(cell)
    return text


def _format(question: Question, value: AnswerValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        separator = RANK_SEPARATOR if isinstance(question, RankingQuestion) else MULTI_SEPARATOR
        return separator.join(value)
    return str(value)
