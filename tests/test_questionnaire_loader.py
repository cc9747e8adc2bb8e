"""The loader's error paths: every problem reported at once, each naming its place and line.

Each test breaks a copy of the real questionnaire the way an author would, then checks
the message names the path *and* that the reported line of the broken file really holds
the offending text.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxmaturity.problems import InputError
from cxmaturity.questionnaire import load_questionnaire
from tests.conftest import CONTENT

BASE: dict[str, Any] = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
LINE = re.compile(r"\(line (\d+)\)$")


def write(tmp_path: Path, data: dict[str, Any], name: str = "x.yaml") -> Path:
    path = tmp_path / name
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_questionnaire(path)
    return caught.value.lines()


def line_text(path: Path, message: str) -> str:
    match = LINE.search(message)
    assert match, f"no line number in {message!r}"
    return path.read_text(encoding="utf-8").splitlines()[int(match.group(1)) - 1]


def first_scored(data: dict[str, Any], skip: int = 0) -> tuple[int, int]:
    """(section, question) indices of a scored item, skipping the first `skip` ones."""
    found = [
        (s, n)
        for s, section in enumerate(data["sections"])
        for n, question in enumerate(section["questions"])
        if question["type"] == "scored"
    ]
    return found[skip]


def spare_scored(data: dict[str, Any], skip: int = 0) -> tuple[int, int]:
    """(section, question) of a scored item whose dimension keeps enough items without it,
    so that moving it away is one fault, reported once."""
    sizes: dict[str, int] = {}
    for section in data["sections"]:
        for question in section["questions"]:
            if question["type"] == "scored":
                sizes[question["dimension"]] = sizes.get(question["dimension"], 0) + 1
    found = [
        (s, n)
        for s, section in enumerate(data["sections"])
        for n, question in enumerate(section["questions"])
        if question["type"] == "scored" and sizes[question["dimension"]] > 3
    ]
    return found[skip]


def test_the_real_questionnaire_loads() -> None:
    questionnaire = load_questionnaire(CONTENT)
    assert questionnaire.id == "cx-maturity"
    assert questionnaire.version == 2


def test_missing_english_text_names_the_path_and_line(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    s, n = first_scored(data, skip=5)
    statement = data["sections"][s]["questions"][n]["levels"][3]
    del statement["en"]
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: sections[{s}].questions[{n}].levels[3].en: missing")
    assert statement["fr"] in line_text(path, message)


def test_empty_text_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["dimensions"][2]["name"]["fr"] = "   "
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: dimensions[2].name.fr: empty")
    assert "fr:" in line_text(path, message)


def test_duplicate_question_id_names_both_places(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    s1, n1 = first_scored(data, skip=0)
    # an ambition question: no trigger cites it, so the duplicate is the only fault
    s2, n2 = next(
        (s, n)
        for s, section in enumerate(data["sections"])
        for n, question in enumerate(section["questions"])
        if question["type"] == "ambition"
    )
    taken = data["sections"][s1]["questions"][n1]["id"]
    data["sections"][s2]["questions"][n2]["id"] = taken
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(
        f'{path}: sections[{s2}].questions[{n2}].id: duplicate id "{taken}" '
        f"(already used by sections[{s1}].questions[{n1}])"
    )
    assert line_text(path, message).strip().endswith(f"id: {taken}")


def test_unknown_key_is_refused_where_it_is(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["dimensions"][1]["colour"] = "blue"
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: dimensions[1].colour: unknown key")
    assert line_text(path, message).strip() == "colour: blue"


def test_dangling_dimension_reference_suggests_the_right_id(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    s, n = spare_scored(data, skip=0)
    question = data["sections"][s]["questions"][n]
    question["dimension"] = question["dimension"][:-1] + "x"
    path = write(tmp_path, data)

    [message] = problems(path)

    wrong = question["dimension"]
    assert message.startswith(
        f'{path}: sections[{s}].questions[{n}].dimension: unknown dimension "{wrong}"'
    )
    assert "did you mean" in message
    assert f"dimension: {question['dimension']}" in line_text(path, message)


def test_invalid_yaml_syntax_names_the_line(tmp_path: Path) -> None:
    lines = CONTENT.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("version:"))
    lines[index] = "version: [1"
    path = tmp_path / "x.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")

    [message] = problems(path)

    assert message.startswith(f"{path}: column ")
    assert "YAML syntax" in message
    reported = int(LINE.search(message).group(1))  # type: ignore[union-attr]
    assert abs(reported - (index + 1)) <= 2  # the parser notices at the next token


def test_every_shape_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    del data["levels"][0]["name"]["en"]
    data["dimensions"][0]["weight"] = 2
    data["actions"][0]["effort"] = 7
    data["actions"][1]["horizon"] = "next year"
    path = write(tmp_path, data)

    found = problems(path)

    assert [m.split(": ")[1] for m in found] == [
        "levels[0].name.en",
        "dimensions[0].weight",
        "actions[0].effort",
        "actions[1].horizon",
    ]
    assert "above the maximum 3" in found[2]
    assert "'next year' is not one of" in found[3]


def test_every_reference_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["actions"][0]["owner_role"] = "chief_happiness_officer"
    data["actions"][2]["kpi"] = "vibes"
    s, n = first_scored(data, skip=3)
    data["sections"][s]["questions"][n]["concepts"].append("synergy")
    path = write(tmp_path, data)

    found = problems(path)

    assert len(found) == 3
    assert any('unknown role "chief_happiness_officer"' in m for m in found)
    assert any('unknown kpi "vibes"' in m for m in found)
    assert any('unknown concept "synergy"' in m for m in found)


def test_wrong_question_type_tag(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    s, n = first_scored(data)
    data["sections"][s]["questions"][n]["type"] = "likert"
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: sections[{s}].questions[{n}]")
    assert "'likert' is not a valid type" in message


def test_a_scored_item_needs_five_statements(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    s, n = first_scored(data)
    data["sections"][s]["questions"][n]["levels"].pop()
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: sections[{s}].questions[{n}].levels: ")
    assert "expected at least 5 items, found 4" in message


def test_a_concept_nobody_cites_is_an_error(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["concepts"].append(
        {"id": "omnichannel", "label": {"fr": "Omnicanal", "en": "Omnichannel"}}
    )
    path = write(tmp_path, data)

    [message] = problems(path)

    assert 'concept "omnichannel" is declared but no question cites it' in message


def test_key_question_of_the_wrong_type(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["key_questions"]["objectives"] = data["key_questions"]["definition"]
    path = write(tmp_path, data)

    [message] = problems(path)

    assert message.startswith(f"{path}: key_questions.objectives: ")
    assert "needs a ranking question" in message


def test_a_starting_angle_without_a_first_step(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    for action in data["actions"]:
        if "ambassadors" in action.get("first_step_for", []):
            action["first_step_for"].remove("ambassadors")
    path = write(tmp_path, data)

    [message] = problems(path)

    assert 'no action is the first step for starting angle "ambassadors"' in message


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    [message] = problems(tmp_path / "nope.yaml")
    assert message.startswith(f"{tmp_path / 'nope.yaml'}: cannot read the file")
