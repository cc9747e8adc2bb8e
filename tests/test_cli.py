"""The CLI as a person runs it: a real `python -m cxmaturity` process, exit codes, output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

import cxmaturity.commands.content
from cxmaturity.archive import dump_archive
from cxmaturity.archive.io import load_archive
from cxmaturity.cli import build_parser, main
from cxmaturity.commands.content import questionnaire_schema_json
from cxmaturity.demo import demo_archive
from cxmaturity.results import compute_results
from cxmaturity.terminal import MESSAGE_LIMIT
from tests.builders import Q
from tests.conftest import CONTENT, ROOT

SCHEMA_FILE = ROOT / "questionnaires" / "schema" / "questionnaire.schema.json"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxmaturity", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_validate_the_bundled_questionnaires() -> None:
    result = cli(
        "validate", "questionnaires/cx-maturity-v1.yaml", "questionnaires/cx-maturity-v2.yaml"
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"questionnaires/cx-maturity-v1\.yaml: valid — cx-maturity v1: 9 sections, 8 dimensions, "
        r"36 scored items, 43 questions \(1 free text\), 33 actions\n"
        r"questionnaires/cx-maturity-v2\.yaml: valid — cx-maturity v2: 10 sections, 8 dimensions, "
        r"\d\d scored items, \d\d questions \(1 free text\), \d\d actions\n",
        result.stdout,
    ), result.stdout
    assert result.stderr == ""


def test_validate_reports_every_broken_file_and_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: 1\nversion: 2\n", encoding="utf-8")
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("id: [x\n", encoding="utf-8")

    result = cli("validate", CONTENT, broken, syntax)

    assert result.returncode == 2
    assert "valid — cx-maturity v2" in result.stdout  # the good file is still confirmed
    lines = result.stderr.splitlines()
    assert lines[0] == f'{broken}: duplicate key "version" (first written on line 2) (line 3)'
    assert lines[1].startswith(f"{syntax}: column ")
    assert "Traceback" not in result.stderr


def test_validate_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    result = cli("validate", path)
    assert result.returncode == 2
    assert result.stderr == f"{path}: expected a mapping of keys, found a list (line 1)\n"


def test_validate_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(b"id: x\n\xff\xfe\x00\x01")
    result = cli("validate", path)
    assert result.returncode == 2
    assert result.stderr == f"{path}: not valid UTF-8 (byte 0xff) (line 2)\n"


def test_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    directory = tmp_path / "a-directory.yaml"
    directory.mkdir()
    result = cli("validate", directory)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{directory}: cannot read the file")
    assert "Traceback" not in result.stderr


def test_unexpected_errors_are_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("CXM_DEBUG", raising=False)
    monkeypatch.setattr(cxmaturity.commands.content, "load_questionnaire", broken)

    assert main(["validate", str(CONTENT)]) == 1

    err = capsys.readouterr().err
    assert err.splitlines()[0] == "error: unexpected RuntimeError: boom"
    assert "Traceback" not in err


def test_schema_prints_the_committed_schema() -> None:
    result = cli("schema")
    assert result.returncode == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "questionnaires/schema/questionnaire.schema.json is out of date: "
        "python -m cxmaturity schema > questionnaires/schema/questionnaire.schema.json"
    )


def test_the_schema_accepts_the_content_and_rejects_a_broken_copy() -> None:
    schema = json.loads(questionnaire_schema_json())
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["dimensions"][0]["colour"] = "blue"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert any("colour" in error.message for error in errors)


def test_the_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"python -m cxmaturity {name}" in readme, f"README does not show `{name}`"


# --- workshop archives and results ------------------------------------------------------


def test_demo_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    paths = [tmp_path / name for name in ("a.json", "b.json", "c.json")]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        assert (
            cli("demo", "--participants", "12", "--seed", str(seed), "--out", path).returncode == 0
        )
    a, b, c = (path.read_bytes() for path in paths)
    assert a == b
    assert a != c


@pytest.mark.parametrize("participants", [1, 2, 12, 200])
def test_demo_then_score_json(tmp_path: Path, participants: int) -> None:
    archive = tmp_path / "w.json"
    assert (
        cli("demo", "--participants", str(participants), "--seed", "1", "--out", archive).returncode
        == 0
    )
    result = cli("score", archive, "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["participants"] == participants
    assert set(doc) >= {"overall", "dimensions", "items", "alignment", "mistakes", "roadmap"}
    assert 1 <= doc["overall"]["score"] <= 5 and 1 <= doc["overall"]["level"] <= 5
    assert {m["id"] for m in doc["mistakes"]} == {"commitment", "fragmentation", "disconnect"}
    assert doc["roadmap"] and sum(e["first_step"] for e in doc["roadmap"]) == 1
    assert doc["role_figures"] == "open"  # the demo is a leadership team
    dimension = doc["dimensions"][0]
    assert set(dimension) >= {"id", "score", "level", "agreement", "verdict", "gap", "by_role"}
    assert set(dimension["ambition"]) >= {"level", "agreement", "verdict"}
    item = doc["items"][0]
    assert set(item) >= {"question_id", "n", "mean", "median", "sd", "range", "distribution"}
    assert set(item) >= {"agreement", "verdict", "rwg", "role_gap"}
    alignment = doc["alignment"]
    for figure in ("definition", "starting_angle", "objectives"):
        assert alignment[figure]["verdict"] in {"aligned", "mixed", "divided", "too_few"}
    assert set(alignment["objectives"]) >= {"w", "p_value"}
    if participants < 4:
        assert all(i["verdict"] == "too_few" for i in doc["items"])
        assert all(d["verdict"] == "too_few" for d in doc["dimensions"])
        assert alignment["objectives"]["verdict"] == "too_few"
    if participants == 1:
        assert alignment["objectives"]["w"] is None
        assert alignment["definition"]["modal_share"] is None
        assert all(i["agreement"] is None for i in doc["items"])
    else:
        assert all(0 <= i["agreement"] <= 2 for i in doc["items"] if i["agreement"] is not None)
    if participants >= 12:
        assert alignment["divergent_items"], "the demo is built so that some items diverge"
        assert len(doc["roadmap"]) <= 10


@pytest.mark.parametrize(
    ("lang", "heading"), [("fr", "Maturité globale\u00a0: "), ("en", "Overall maturity: ")]
)
def test_score_summary_in_each_language(tmp_path: Path, lang: str, heading: str) -> None:
    archive = tmp_path / "w.json"
    cli("demo", "--participants", "12", "--seed", "1", "--out", archive)
    score = json.loads(cli("score", archive, "--json").stdout)["overall"]["score"]
    result = cli("score", archive, "--lang", lang)
    assert result.returncode == 0
    shown = f"{score:.2f}".replace(".", "," if lang == "fr" else ".")
    assert f"{heading}{shown}" in result.stdout


def test_import_csv_with_errors_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    csv_file = tmp_path / "RESPONSES.csv"
    csv_file.write_text(
        "participant,role,q_journey_map\np1,cx,3\np2,cx,4\np3,cx,2\np4,cx,5\np5,cx,1\np6,cx,6\n"
    )
    out = tmp_path / "out.json"
    out.write_text("previous content")

    result = cli("import-csv", csv_file, "--out", out)

    assert result.returncode == 2
    assert result.stderr == f'{csv_file}: row 7, column q_journey_map: "6" is not one of 1–5, dk\n'
    assert out.read_text() == "previous content"


def test_import_csv_of_a_header_alone_exits_2_instead_of_an_empty_workshop(
    tmp_path: Path,
) -> None:
    csv_file = tmp_path / "RESPONSES.csv"
    csv_file.write_text("participant,role,q_journey_map\n\n")
    out = tmp_path / "out.json"

    result = cli("import-csv", csv_file, "--out", out)

    assert result.returncode == 2
    assert result.stderr == f"{csv_file}: has a header but no participant row\n"
    assert not out.exists()


def test_import_then_export_csv(tmp_path: Path) -> None:
    archive, csv_file, back = tmp_path / "w.json", tmp_path / "r.csv", tmp_path / "back.json"
    cli("demo", "--participants", "12", "--seed", "2", "--out", archive)
    assert cli("export-csv", archive, "--out", csv_file).returncode == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    original = json.loads(archive.read_text())
    result = cli(
        "import-csv", csv_file, "--out", back, "--role-figures", original["role_figures"],
        "--organisation", original["organisation"], "--date", original["date"],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(back.read_text()) == original
    assert cli("score", back, "--json").stdout == cli("score", archive, "--json").stdout


def test_schema_of_the_archive() -> None:
    result = cli("schema", "--archive")
    schema = json.loads(result.stdout)
    assert result.returncode == 0
    assert "format_version" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_score_a_broken_archive(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text('{"format_version": 1, "organisation": ""}')
    result = cli("score", path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"{path}: organisation: empty"
    assert "Traceback" not in result.stderr


def _broken_copies() -> dict[str, tuple[str, str]]:
    """Five ways an author breaks the questionnaire: (YAML text, expected message start)."""
    base = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    dump = lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True)  # noqa: E731
    s, n = next(
        (s, n)
        for s, section in enumerate(base["sections"])
        for n, question in enumerate(section["questions"])
        if question["type"] == "scored"
    )
    missing_en = yaml.safe_load(dump(base))
    del missing_en["levels"][2]["name"]["en"]
    duplicate = yaml.safe_load(dump(base))
    duplicate["dimensions"][1]["id"] = duplicate["dimensions"][0]["id"]
    unknown = yaml.safe_load(dump(base))
    unknown["actions"][0]["budget"] = 10
    dangling = yaml.safe_load(dump(base))
    dangling["sections"][s]["questions"][n]["dimension"] = "loyalty"
    syntax = CONTENT.read_text(encoding="utf-8").replace("version: 2", "version: [2", 1)
    return {
        "missing English": (dump(missing_en), "levels[2].name.en: missing (line "),
        "duplicate id": (dump(duplicate), 'dimensions[1].id: duplicate id "leadership"'),
        "unknown key": (dump(unknown), "actions[0].budget: unknown key (line "),
        "dangling dimension": (
            dump(dangling),
            f'sections[{s}].questions[{n}].dimension: unknown dimension "loyalty"',
        ),
        "invalid YAML": (syntax, "column "),
    }


@pytest.mark.parametrize("case", list(_broken_copies()))
def test_validate_a_broken_copy_exits_2_naming_the_place(tmp_path: Path, case: str) -> None:
    text, expected = _broken_copies()[case]
    path = tmp_path / "copy.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}: {expected}"), result.stderr
    assert "(line " in result.stderr and "Traceback" not in result.stderr


def test_an_export_of_a_v1_workshop_is_imported_with_its_version(tmp_path: Path) -> None:
    """An old export still comes back in: the error says which version reads it, and the
    flag builds a v1 archive that scores as before."""
    v1 = ROOT / "tests" / "fixtures" / "v1-workshop.json"
    exported = tmp_path / "v1.csv"
    assert cli("export-csv", v1, "--out", exported).returncode == 0
    out = tmp_path / "back.json"

    refused = cli("import-csv", exported, "--out", out)
    assert refused.returncode == 2 and not out.exists()
    assert refused.stderr.splitlines()[-1] == (
        f"{exported}: these are the questions of cx-maturity v1: add --questionnaire-version 1"
    )

    accepted = cli("import-csv", exported, "--out", out, "--questionnaire-version", "1")
    assert accepted.returncode == 0, accepted.stderr
    original = json.loads(cli("score", v1, "--json").stdout)
    again = json.loads(cli("score", out, "--json").stdout)
    assert again["questionnaire_version"] == 1
    assert again["dimensions"] == original["dimensions"]

    unknown = cli("import-csv", exported, "--out", out, "--questionnaire-version", "7")
    assert unknown.returncode == 2
    assert "cx-maturity v7 is not installed (available: cx-maturity v1, cx-maturity v2)" in (
        unknown.stderr
    )


def test_score_json_keeps_full_precision(tmp_path: Path) -> None:
    """Rounding is the views' job: W and the scores come out as computed."""
    archive = tmp_path / "w.json"
    cli("demo", "--participants", "12", "--seed", "1", "--out", archive)
    doc = json.loads(cli("score", archive, "--json").stdout)
    archived, q = load_archive(archive)
    r = compute_results(archived, q)
    assert doc["alignment"]["objectives"]["w"] == r.alignment.objectives.w
    assert doc["overall"]["score"] == r.overall.score
    decimals = [len(repr(d["score"]).split(".")[-1]) for d in doc["dimensions"]]
    assert max(decimals) > 2, "scores are not rounded to two decimals"


def test_a_protected_workshop_needs_groups_of_three(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    result = cli(
        "demo", "--participants", "6", "--seed", "1", "--out", out,
        "--role-figures", "protected", "--min-group-size", "2",
    )  # fmt: skip
    assert result.returncode == 2
    assert "--min-group-size" in result.stderr and "between 3 and 50" in result.stderr
    assert not out.exists()


def test_messages_escape_control_characters_and_stay_short(tmp_path: Path) -> None:
    """The probe's case: an unknown column full of ESC sequences, 100,000 characters long,
    printed raw (it could recolour or rewrite the operator's terminal)."""
    csv_file = tmp_path / "RESPONSES.csv"
    column = "q_\x1b[31mred\x1b]0;owned\x07" + "x" * 100_000
    csv_file.write_text(f"participant,role,{column}\np1,cx,3\n")

    result = cli("import-csv", csv_file, "--out", tmp_path / "out.json")

    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\u001b[31mred" in result.stderr  # still readable, as JSON writes it
    assert max(len(line) for line in result.stderr.splitlines()) <= MESSAGE_LIMIT


def test_output_escapes_control_characters_and_json_stays_the_same(tmp_path: Path) -> None:
    source = tmp_path / "w.json"
    archive = demo_archive(Q, 4, seed=1).model_copy(update={"organisation": "Acme\x1b[2J\x9b"})
    source.write_text(dump_archive(archive), encoding="utf-8")

    summary = cli("score", source)
    as_json = cli("score", source, "--json")

    assert summary.returncode == 0 and "\x1b" not in summary.stdout
    assert "Acme\\u001b[2J\\u009b" in summary.stdout
    assert "\x9b" not in as_json.stdout
    assert json.loads(as_json.stdout) == json.loads(
        json.dumps(compute_results(archive, Q).model_dump(mode="json"))
    )
