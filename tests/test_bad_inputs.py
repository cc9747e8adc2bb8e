"""Every bad input of docs/BAD_INPUTS.md, one case each, through the real entry points:
the command line (exit 2, every line naming the file, nothing written, nothing stored)
and, for answers files, the console's upload (a message, no traceback, nobody added).

The document's rows name these cases; `test_the_document_lists_every_case` keeps the two
in step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cxmaturity.archive.csv_io import MAX_CSV_BYTES, archive_to_csv
from cxmaturity.archive.io import MAX_ARCHIVE_BYTES, dump_archive
from cxmaturity.cli import main
from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.store.factory import Store, open_store
from cxmaturity.yaml_source import MAX_BYTES as MAX_YAML_BYTES
from tests.builders import Q
from tests.conftest import CONTENT, ROOT
from tests.test_pages import page, workshop

YAML = CONTENT.read_text(encoding="utf-8")
ARCHIVE = json.loads(dump_archive(demo_archive(Q, 3, seed=1)))
CSV = archive_to_csv(demo_archive(Q, 3, seed=1), Q)
TEXT_ID = Q.key_questions.value_destruction
FIRST_ITEM = Q.scored_items[0].id


def archive_with(change: Callable[[dict], None]) -> bytes:
    data = json.loads(json.dumps(ARCHIVE))
    change(data)
    return json.dumps(data).encode("utf-8")


def first_person(**fields: object) -> bytes:
    return archive_with(lambda d: d["participants"][0].update(fields))


def first_answer(question_id: str, value: object) -> bytes:
    return archive_with(lambda d: d["participants"][0]["answers"].update({question_id: value}))


def csv_row(**cells: str) -> bytes:
    header = ["participant", "role", *cells]
    return (",".join(header) + "\n" + ",".join(["p1", "cx", *cells.values()]) + "\n").encode()


#: case id → (the bytes, a fragment the error must contain)
CASES: dict[str, tuple[bytes, str]] = {
    # The questionnaire (YAML)
    "questionnaire-syntax": (b"title: [unclosed\n", "YAML syntax"),
    "questionnaire-schema": (YAML.replace("version: 2", "version: lots").encode(), "version"),
    # Cut inside a quoted text, as an interrupted copy would be.
    "questionnaire-truncated": (YAML[: YAML.index('fr: "', len(YAML) // 2) + 8].encode(), "YAML"),
    "questionnaire-empty": (b"", "the file is empty"),
    "questionnaire-oversize": (b"#" * (MAX_YAML_BYTES + 1), "the limit is"),
    "questionnaire-alias-bomb": (b'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n', "aliases"),
    "questionnaire-deep-nesting": (b"a: " + b"[" * 60 + b"]" * 60 + b"\n", "nesting deeper"),
    "questionnaire-non-utf8": (b"title: caf\xe9\n", "not valid UTF-8"),
    "questionnaire-control-character": (b"title: a\x00b\n", "U+0000"),
    # The workshop archive (JSON)
    "archive-syntax": (b'{"format_version": 1,', "JSON syntax"),
    "archive-schema": (archive_with(lambda d: d.update(participants="everyone")), "participants"),
    "archive-format-version": (
        archive_with(lambda d: d.update(format_version=2)), "format_version: 2"
    ),
    "archive-truncated": (json.dumps(ARCHIVE).encode()[:700], "JSON syntax"),
    "archive-empty": (b"", "empty"),
    "archive-oversize": (b" " * (MAX_ARCHIVE_BYTES + 1), "the limit is"),
    "archive-deep-nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "archive-non-utf8": (b'{"organisation": "caf\xe9"}', "UTF-8"),
    "archive-bad-answer": (first_answer(FIRST_ITEM, 9), FIRST_ITEM),
    "archive-alias-too-long": (first_person(alias="x" * 81), "alias: too long"),
    "archive-free-text-too-long": (first_answer(TEXT_ID, "x" * 5000), TEXT_ID),
    # The answers (CSV)
    "csv-syntax": (b'participant,role\np1,"cx\n', "CSV syntax"),
    "csv-schema": (csv_row(**{FIRST_ITEM: "6"}), f"column {FIRST_ITEM}"),
    "csv-unknown-column": (csv_row(q_nope="3"), "q_nope"),
    "csv-truncated": (CSV.encode()[: len(CSV) // 3] + b'"', "row"),
    "csv-empty": (b"", "the file is empty"),
    "csv-header-only": (b"participant,role\n", "has a header but no participant row"),
    "csv-oversize": (b"a" * (MAX_CSV_BYTES + 1), "the limit is"),
    "csv-non-utf8": (b"participant,role\np1,r\xe9\n", "not valid UTF-8"),
    "csv-free-text-too-long": (csv_row(**{TEXT_ID: "x" * 5000}), TEXT_ID),
}  # fmt: skip


def command(case: str, path: Path, tmp: Path) -> list[str]:
    kind = case.split("-", 1)[0]
    if kind == "questionnaire":
        return ["validate", str(path)]
    if kind == "archive":
        return ["import", str(path), "--db", f"sqlite:///{tmp / 'store.db'}"]
    return ["import-csv", str(path), "--out", str(tmp / "out.json")]


@pytest.mark.parametrize("case", list(CASES))
def test_the_command_line_refuses_with_the_place(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, fragment = CASES[case]
    path = tmp_path / "input.bin"
    path.write_bytes(raw)
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")  # something already stored
    kept = store.workshops.import_archive(demo_archive(Q, 2, seed=5))
    before = store.workshops.archive(kept.workshop_id, kept.token)
    capsys.readouterr()
    try:
        assert main(command(case, path, tmp_path)) == 2
        errors = capsys.readouterr().err.splitlines()
        assert errors and all(line.startswith(str(path)) for line in errors), errors
        assert any(fragment in line for line in errors), (fragment, errors)
        assert all(len(line) < len(str(path)) + 200 for line in errors)  # no value in full
        assert not (tmp_path / "out.json").exists()  # nothing written
        assert [w.id for w in store.operator.list_workshops()] == [kept.workshop_id]
        assert store.workshops.archive(kept.workshop_id, kept.token) == before  # unchanged
    finally:
        store.dispose()


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("csv-")])
def test_the_console_upload_refuses_with_the_place(case: str, db: Store) -> None:
    workshop_id, token, code = workshop(db)
    db.workshops.join(code, "already-here", "ceo")
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="interviews")
    raw, fragment = CASES[case]
    app.file_uploader[0].set_value(("reponses.csv", raw, "text/csv")).run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("error_invalid_file", "fr")]
    shown = "\n".join(text.value for text in app.text)
    assert "reponses.csv" in shown and fragment in shown, shown
    people = db.workshops.progress(workshop_id, token).participants
    assert [p.role for p in people] == ["ceo"]  # nobody added


def test_the_document_lists_every_case() -> None:
    doc = (ROOT / "docs" / "BAD_INPUTS.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", doc))
    assert set(CASES) - named == set()
