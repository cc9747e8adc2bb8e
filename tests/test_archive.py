"""The workshop archive: strict reading with every problem located, stable writing."""

from __future__ import annotations

import json

import pytest

from cxmaturity.archive import dump_archive, parse_archive
from cxmaturity.demo import demo_archive
from cxmaturity.problems import InputError
from tests.builders import Q, archive, everything


def problems_of(data: object) -> list[str]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(InputError) as caught:
        parse_archive(raw, "w.json")
    return caught.value.lines()


def valid() -> dict:
    return json.loads(dump_archive(archive([("cx", everything(3)), ("sales", everything(2))])))


def test_dump_then_parse_gives_the_same_archive() -> None:
    original = demo_archive(Q, 12, seed=3)
    text = dump_archive(original)
    parsed, questionnaire = parse_archive(text.encode(), "w.json")
    assert parsed == original
    assert questionnaire is Q
    assert dump_archive(parsed) == text


def test_every_answer_problem_is_reported_with_its_place() -> None:
    data = valid()
    first = Q.scored_items[0].id
    data["participants"][0]["answers"][first] = 6
    data["participants"][0]["answers"]["q_nope"] = 3
    data["participants"][1]["answers"][Q.key_questions.definition] = "marketing_speak"
    data["participants"][1]["answers"][Q.key_questions.objectives] = ["churn", "churn", "roi"]
    data["participants"][1]["role"] = "intern"
    data["participants"][1]["answers"]["q_ambition_journeys"] = 0

    assert problems_of(data) == [
        f"w.json: participants[0].answers.{first}: 6 is not one of 1–5, dk",
        "w.json: participants[0].answers.q_nope: not a question of cx-maturity v2",
        'w.json: participants[1].role: "intern" is not one of ceo, marketing, sales, '
        "customer_relations, cx, operations, digital_it, hr, finance, other",
        f"w.json: participants[1].answers.{Q.key_questions.definition}: "
        '"marketing_speak" is not one of process, sales, ux_digital, customer_centric, dk',
        f"w.json: participants[1].answers.{Q.key_questions.objectives}: "
        '["churn", "churn", "roi"] lists "churn" twice',
        "w.json: participants[1].answers.q_ambition_journeys: 0 is not one of 1–5, dk",
    ]


def test_shape_problems_are_all_reported() -> None:
    data = valid()
    del data["organisation"]
    data["date"] = "yesterday"
    data["participants"][0]["answers"][Q.scored_items[0].id] = 3.5
    data["participants"][1]["id"] = "bob@example.com"
    found = problems_of(data)
    assert [line.split(": ")[1] for line in found] == [
        "organisation",
        "date",
        "participants[0].answers.q_strategy_plan",
        "participants[1].id",
    ]


def test_duplicate_participant_ids() -> None:
    data = valid()
    data["participants"][1]["id"] = data["participants"][0]["id"]
    assert problems_of(data) == [
        'w.json: participants[1].id: "p01" is already used by participants[0]'
    ]


def test_wrong_format_version_is_named() -> None:
    data = valid()
    data["format_version"] = 2
    assert problems_of(data) == [
        "w.json: format_version: 2 is not supported "
        "(this version of cx-maturity reads format_version 1)"
    ]


def test_unknown_questionnaire_version() -> None:
    data = valid()
    data["questionnaire"]["version"] = 9
    assert problems_of(data) == [
        "w.json: questionnaire: questionnaire cx-maturity v9 is not installed "
        "(available: cx-maturity v1, cx-maturity v2)"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "w.json: the file is empty"),
        (
            b'{"organisation": "x",\n "date": }',
            "w.json: column 10: JSON syntax: Expecting value (line 2)",
        ),
        (b'{"organisation": "caf\xe9"}', "w.json: not valid UTF-8 (byte 0xe9) (line 1)"),
        (b"[" * 100_000 + b"]" * 100_000, "w.json: JSON nested too deeply"),
        (b"[1, 2]", "w.json: expected a mapping of keys, found a list"),
    ],
)
def test_broken_files(raw: bytes, expected: str) -> None:
    assert problems_of(raw) == [expected]


def test_review_and_consensus_are_checked_against_the_questionnaire() -> None:
    data = valid()
    data["consensus"] = {Q.key_questions.definition: {"level": 3}}
    data["roadmap_review"] = [{"action_id": "a_nope", "status": "accepted"}]
    assert problems_of(data) == [
        f"w.json: consensus.{Q.key_questions.definition}: not a scored item of the questionnaire",
        'w.json: roadmap_review[0].action_id: "a_nope" is not an action',
    ]


@pytest.mark.parametrize(
    ("mode", "kept"), [("alias", False), ("named", True), ("anonymous", False)]
)
def test_aliases_stay_behind_when_an_alias_workshop_is_shared(mode: str, kept: bool) -> None:
    """Participants in alias mode are told the facilitator never sees their alias next to
    their answers: files that leave the workshop carry no alias then (nor, in an anonymous
    one, a name that came in some other way); named workshops keep names."""
    original = demo_archive(Q, 4, seed=2).model_copy(update={"anonymity": mode})
    people = [
        p.model_copy(update={"alias": f"Person {i}"}) for i, p in enumerate(original.participants)
    ]
    original = original.model_copy(update={"participants": people})
    shared = original.for_sharing()
    assert [p.alias is not None for p in shared.participants] == [kept] * 4
    assert [p.answers for p in shared.participants] == [p.answers for p in people]
