"""Responses as CSV: import with every bad cell reported, export with formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmaturity.archive.csv_io import archive_to_csv, csv_to_archive, neutralise, restore
from cxmaturity.demo import demo_archive
from cxmaturity.problems import InputError
from cxmaturity.results import compute_results
from tests.builders import Q, archive

META = {"organisation": "Demo", "date": dt.date(2026, 3, 12), "language": "fr"}
J1, J2 = (item.id for item in Q.scored_items[:2])
OBJ = Q.key_questions.objectives
KPIS = Q.key_questions.kpis_measured
TEXT = Q.key_questions.value_destruction


def imported(text: str, **meta: object) -> object:
    return csv_to_archive(text.encode("utf-8"), "RESPONSES.csv", Q, **{**META, **meta})  # type: ignore[arg-type]


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        imported(text)
    return caught.value.lines()


def test_a_csv_written_from_an_archive_imports_to_an_equivalent_archive() -> None:
    original = demo_archive(Q, 40, seed=11).model_copy(update=META)
    text = archive_to_csv(original, Q)
    back = imported(
        text, role_figures=original.role_figures, min_group_size=original.min_group_size
    )
    assert back == original
    assert compute_results(back, Q) == compute_results(original, Q)  # type: ignore[arg-type]


def test_cell_formats() -> None:
    header = f"participant,role,{J1},{J2},{OBJ},{KPIS},{TEXT}\n"
    back = imported(header + 'p1,cx,4,dk,churn>roi>satisfaction,nps|csat,"Livraison, retours"\n')
    [p] = back.participants  # type: ignore[attr-defined]
    assert p.answers == {
        J1: 4,
        J2: "dk",
        OBJ: ["churn", "roi", "satisfaction"],
        KPIS: ["nps", "csat"],
        TEXT: "Livraison, retours",
    }


def test_french_excel_semicolons_and_a_bom_are_read() -> None:
    text = f"\ufeffparticipant;role;{J1}\np1;marketing;3\np2;ventes;2\n"
    assert problems(text) == [
        'RESPONSES.csv: row 3, column role: "ventes" is not one of ceo, marketing, sales, '
        "customer_relations, cx, operations, digital_it, hr, finance, other"
    ]


def test_every_bad_cell_is_reported_at_once() -> None:
    text = (
        f"participant,role,{J1},{J2},{OBJ}\n"
        "p1,cx,4,3,churn>roi>satisfaction\n"
        "p2,cx,6,3,churn>roi>satisfaction\n"
        "p3,cx,2,x,churn>roi\n"
        "p1,sales,2,2,churn>churn>roi\n"
    )
    assert problems(text) == [
        f'RESPONSES.csv: row 3, column {J1}: "6" is not one of 1–5, dk',
        f'RESPONSES.csv: row 4, column {J2}: "x" is not one of 1–5, dk',
        f'RESPONSES.csv: row 4, column {OBJ}: "churn>roi" ranks 2 options; at least 3 are needed',
        f'RESPONSES.csv: row 5, column {OBJ}: "churn>churn>roi" lists "churn" twice',
        'RESPONSES.csv: row 5, column participant: "p1" is already used on row 2',
    ]


def test_header_problems() -> None:
    assert problems(f"participant,{J1},q_jouney_1,{J1}\np1,3,3,3\n") == [
        'RESPONSES.csv: row 1: no "role" column',
        "RESPONSES.csv: row 1, column q_jouney_1: not a question of cx-maturity v2 "
        '(did you mean "q_journey_map"?)',
        f"RESPONSES.csv: row 1, column {J1}: appears twice",
    ]


def test_structure_problems() -> None:
    assert problems("") == ["RESPONSES.csv: the file is empty"]
    assert problems(f"participant,role,{J1}\np1,cx\n") == [
        "RESPONSES.csv: row 2: has 2 cells; the header has 3"
    ]
    with pytest.raises(InputError) as caught:
        csv_to_archive(b"participant,role\np1,caf\xe9\n", "R.csv", Q, **META)  # type: ignore[arg-type]
    assert caught.value.lines() == [
        "R.csv: row 2: not valid UTF-8 (byte 0xe9) — save it as CSV UTF-8"
    ]


def test_multiline_cells_report_the_row_where_they_start() -> None:
    text = f'participant,role,{TEXT},{J1}\np1,cx,"line one\nline two",3\np2,cx,ok,9\n'
    assert problems(text) == [f'RESPONSES.csv: row 4, column {J1}: "9" is not one of 1–5, dk']


def test_formulas_are_neutralised_on_export_and_restored_on_import() -> None:
    dangerous = ['=HYPERLINK("http://x")', "+33 6 12", "-2", "@SUM(A1)", "\tx", "'=already quoted"]
    people = [("cx", {TEXT: text}) for text in dangerous]
    original = archive(people, **META)
    csv_text = archive_to_csv(original, Q)
    for line in csv_text.splitlines()[1:]:
        cell = line.split(",")[-1].strip('"')
        assert cell == "" or not cell.startswith(("=", "+", "-", "@", "\t"))
    back = imported(csv_text)
    assert [p.answers[TEXT] for p in back.participants] == dangerous  # type: ignore[attr-defined]


@given(st.text(max_size=30))
def test_neutralise_then_restore_is_the_identity(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


SPLITS = [",", ";", "\t", "|", "\r", "\n"]
RUNS = ("=", "+", "-", "@", "\t", "\r")


@given(st.text(alphabet=st.sampled_from(list("ab '=+-@;,|\t\r\n")), max_size=30))
def test_no_piece_of_a_neutralised_cell_starts_a_formula_however_it_is_split(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    for separator in SPLITS:
        for piece in safe.split(separator):
            assert not piece.startswith(RUNS), (text, safe, separator, piece)


def test_a_french_excel_split_finds_no_formula_in_the_export() -> None:
    """The probe's case: `x;=1+1;` split on ";" by French Excel gave a cell `=1+1`."""
    hostile = ["x;=1+1;", "a,@SUM(A1)", "b|+1", "c\t-2", "d;'=1", "e;\r=1"]
    people = [("cx", {TEXT: text}) for text in hostile]
    original = archive(people, **META)
    csv_text = archive_to_csv(original, Q)
    for separator in SPLITS:
        for line in csv_text.split("\r\n")[1:]:  # the row terminator, RFC 4180
            for piece in line.split(separator):
                assert not piece.strip('"').startswith(RUNS), (separator, line, piece)
    back = imported(csv_text)
    assert [p.answers[TEXT] for p in back.participants] == hostile  # type: ignore[attr-defined]


def hostile_strings() -> list[str]:
    """The list in docs/BAD_INPUTS.md ("Hostile strings"), its JSON block."""
    import json
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "BAD_INPUTS.md").read_text(encoding="utf-8")
    section = doc.split("### Hostile strings", 1)[1]
    block = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert block is not None
    strings: list[str] = json.loads(block.group(1))
    return strings


def test_every_hostile_string_here_is_safe_in_the_csv_export() -> None:
    hostile = hostile_strings()
    assert len(hostile) >= 20 and "x;=1+1;" in hostile
    named = [(s, s) for s in hostile if s.strip() == s and not any(c in s for c in "\t\r\n")]
    people = [("cx", {TEXT: text}) for text in hostile]
    plain = archive(people, anonymity="named", **META)
    names = [name for name, _ in named]
    original = plain.model_copy(
        update={
            "participants": [
                p.model_copy(update={"alias": names[i] if i < len(names) else None})
                for i, p in enumerate(plain.participants)
            ]
        }
    )
    csv_text = archive_to_csv(original, Q)
    # A spreadsheet reads the file as CSV with the separator it assumes (French Excel: ";"),
    # quotes and all: no cell it finds may start a formula.
    for separator in [",", ";", "\t", "|"]:
        for row in csv.reader(
            io.StringIO(csv_text.lstrip("\ufeff"), newline=""), delimiter=separator
        ):
            for cell in row:
                assert not cell.startswith(RUNS), (separator, row, cell)
    back = imported(csv_text)
    assert [p.answers[TEXT] for p in back.participants] == hostile  # type: ignore[attr-defined]
    aliases = [p.alias for p in back.participants][: len(named)]  # type: ignore[attr-defined]
    assert aliases == names
