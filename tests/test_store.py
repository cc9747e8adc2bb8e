"""The workshop store's contract, run on the in-memory fake, a SQLite file and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

import pytest

from cxmaturity.archive.model import Consensus, RoadmapDecision
from cxmaturity.demo import demo_archive
from cxmaturity.results import compute_results
from cxmaturity.store.factory import Store
from cxmaturity.workshops import limits, participation, tokens
from cxmaturity.workshops.errors import (
    ClosedJoinCode,
    DeletedWorkshop,
    ExpiredJoinCode,
    InvalidAnswer,
    InvalidFacilitatorToken,
    InvalidInput,
    InvalidJoinCode,
    InvalidResumeToken,
    InvalidTransition,
    MissingFacilitatorToken,
    ReplacedJoinCode,
    StaleEdit,
    WorkshopClosed,
    WorkshopFull,
    WorkshopNotOpen,
)
from cxmaturity.workshops.views import FacilitatorAccess, NewWorkshop
from tests.builders import Q
from tests.conftest import FakeClock

ITEM, OTHER_ITEM = (item.id for item in Q.scored_items[:2])
KEYS = Q.key_questions


@dataclass
class Opened:
    access: FacilitatorAccess
    code: str

    @property
    def id(self) -> str:
        return self.access.workshop_id

    @property
    def token(self) -> str:
        return self.access.token


def new_workshop(store: Store, **fields: object) -> FacilitatorAccess:
    values = {
        "organisation": "ACME",
        "workshop_date": dt.date(2026, 11, 23),
        "language": "fr",
        "questionnaire_id": Q.id,
        "questionnaire_version": Q.version,
        "roles_expected": ("ceo", "marketing", "sales", "cx"),
        **fields,
    }
    return store.workshops.create_workshop(NewWorkshop(**values))  # type: ignore[arg-type]


def opened(store: Store, **fields: object) -> Opened:
    access = new_workshop(store, **fields)
    view = store.workshops.open_workshop(access.workshop_id, access.token)
    assert view.join_code is not None
    return Opened(access, view.join_code)


def snapshot(store: Store, w: Opened) -> object:
    """Everything stored about a workshop, to show a refused operation changed nothing."""
    return (store.workshops.workshop(w.id, w.token), store.workshops.archive(w.id, w.token))


# --- lifecycle ---------------------------------------------------------------------------


def test_a_workshop_from_creation_to_close(store: Store) -> None:
    access = new_workshop(store)
    service = store.workshops
    assert service.workshop(access.workshop_id, access.token).status == "draft"
    view = service.open_workshop(access.workshop_id, access.token)
    assert view.status == "open"
    assert view.join_code is not None and len(view.join_code) == 7
    assert set(view.join_code) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    assert service.reveal(access.workshop_id, access.token).status == "revealed"
    closed = service.close(access.workshop_id, access.token)
    assert closed.status == "closed" and closed.join_code is None
    assert closed.revision == 3


@pytest.mark.parametrize(
    ("start", "move"), [("draft", "reveal"), ("draft", "close"), ("closed", "reveal")]
)
def test_invalid_transitions_are_refused_and_change_nothing(
    store: Store, start: str, move: str
) -> None:
    access = new_workshop(store)
    service = store.workshops
    if start == "closed":
        service.open_workshop(access.workshop_id, access.token)
        service.close(access.workshop_id, access.token)
    before = service.workshop(access.workshop_id, access.token)
    with pytest.raises(InvalidTransition):
        getattr(service, move)(access.workshop_id, access.token)
    assert service.workshop(access.workshop_id, access.token) == before


def test_creation_refuses_bad_settings(store: Store) -> None:
    with pytest.raises(InvalidInput, match="organisation is empty"):
        new_workshop(store, organisation="   ")
    with pytest.raises(InvalidInput, match="unknown roles: chief"):
        new_workshop(store, roles_expected=("ceo", "chief"))
    with pytest.raises(InvalidInput, match="min_group_size must be between 1 and 50, not 0"):
        new_workshop(store, min_group_size=0)
    with pytest.raises(InvalidInput, match="between 3 and 50 in protected mode, not 2"):
        new_workshop(store, role_figures="protected", min_group_size=2)
    with pytest.raises(InvalidInput, match="role_figures must be one of open, protected"):
        new_workshop(store, role_figures="public")
    with pytest.raises(InvalidInput, match="cx-maturity v7 is not installed"):
        new_workshop(store, questionnaire_version=7)
    assert store.operator.list_workshops() == []


# --- facilitator token -----------------------------------------------------------------------


def test_every_facilitator_operation_needs_the_right_token(store: Store) -> None:
    w = opened(store)
    other = opened(store)
    service = store.workshops
    before = snapshot(store, w)
    operations = [
        lambda token: service.workshop(w.id, token),
        lambda token: service.progress(w.id, token),
        lambda token: service.archive(w.id, token),
        lambda token: service.reveal(w.id, token),
        lambda token: service.close(w.id, token),
        lambda token: service.new_join_code(w.id, token),
        lambda token: service.set_consensus(w.id, token, ITEM, Consensus(level=3)),
        lambda token: service.set_roadmap_review(w.id, token, []),
        lambda token: service.add_participant(w.id, token, "cx"),
        lambda token: service.delete_workshop(w.id, token),
    ]
    tampered = w.token[:-1] + ("A" if w.token[-1] != "A" else "B")
    for operation in operations:
        for token, error in [
            (None, MissingFacilitatorToken),
            ("", MissingFacilitatorToken),
            (tampered, InvalidFacilitatorToken),
            (other.token, InvalidFacilitatorToken),  # another workshop's token
        ]:
            with pytest.raises(error):
                operation(token)
    with pytest.raises(InvalidFacilitatorToken):
        service.workshop("no-such-workshop", w.token)
    assert snapshot(store, w) == before


# --- joining ---------------------------------------------------------------------------------


def test_join_with_the_code_as_people_type_it(store: Store) -> None:
    w = opened(store)
    typed = f" {w.code[:3].lower()}-{w.code[3:]} "
    access = store.workshops.join(typed, "phone-1", "sales")
    assert access.workshop.id == w.id and access.workshop.organisation == "ACME"
    assert len(access.resume_token) >= 32  # 24 random bytes: ≥ 128 bits
    assert store.workshops.check_code(w.code, "phone-2").id == w.id


def test_wrong_code(store: Store) -> None:
    w = opened(store)
    wrong = "".join("A" if ch != "A" else "B" for ch in w.code)
    with pytest.raises(InvalidJoinCode):
        store.workshops.join(wrong, "phone", "cx")
    with pytest.raises(InvalidJoinCode):
        store.workshops.join("", "phone", "cx")
    assert store.workshops.progress(w.id, w.token).joined == 0


def test_expired_code(store: Store, clock: FakeClock) -> None:
    w = opened(store)
    clock.advance(hours=12, seconds=1)
    with pytest.raises(ExpiredJoinCode):
        store.workshops.join(w.code, "phone", "cx")
    fresh = store.workshops.new_join_code(w.id, w.token).join_code
    assert fresh and fresh != w.code
    with pytest.raises(ReplacedJoinCode):
        store.workshops.join(w.code, "phone-2", "cx")  # the old code no longer works, and says so
    assert store.workshops.join(fresh, "phone-3", "cx").workshop.id == w.id


def test_a_leaked_code_cannot_flood_a_workshop(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(participation, "MAX_JOINS_PER_MINUTE", 3)
    w = opened(store)
    for i in range(3):
        store.workshops.join(w.code, f"bot-{i}", "cx")
    with pytest.raises(WorkshopFull):
        store.workshops.join(w.code, "bot-3", "cx")
    assert store.workshops.progress(w.id, w.token).joined == 3


def test_joining_a_draft_or_closed_workshop(store: Store) -> None:
    w = opened(store)
    store.workshops.close(w.id, w.token)
    with pytest.raises(ClosedJoinCode):  # closing frees the code; a join is told why
        store.workshops.join(w.code, "phone", "cx")


def test_roles_and_aliases_follow_the_anonymity_mode(store: Store) -> None:
    anonymous = opened(store)
    person = store.workshops.join(anonymous.code, "p1", "cx", alias="Jeanne")
    assert store.workshops.resume(person.resume_token).alias is None  # never stored
    with pytest.raises(InvalidInput, match="role 'hr' is not one of"):
        store.workshops.join(anonymous.code, "p2", "hr")  # not expected in this room
    assert store.workshops.join(anonymous.code, "p3", "other")  # "other" is always there

    aliased = opened(store, anonymity="alias")
    with pytest.raises(InvalidInput, match="alias is empty"):
        store.workshops.join(aliased.code, "p4", "cx")
    named = store.workshops.join(aliased.code, "p5", "cx", alias="  Blue Fox ")
    assert store.workshops.resume(named.resume_token).alias == "Blue Fox"
    [seen] = store.workshops.progress(aliased.id, aliased.token).participants
    assert seen.alias == "Blue Fox"


# --- answers ---------------------------------------------------------------------------------


def test_answers_are_upserted_and_survive_a_reload(store: Store, clock: FakeClock) -> None:
    w = opened(store)
    person = store.workshops.join(w.code, "phone", "cx")
    service = store.workshops
    service.answer(person.resume_token, ITEM, 2)
    clock.advance(minutes=1)
    service.answer(person.resume_token, ITEM, 4)  # a change is an update, not a new row
    service.answer(person.resume_token, ITEM, 4)  # idempotent
    service.answer(person.resume_token, KEYS.objectives, ["churn", "roi", "satisfaction"])
    service.answer(person.resume_token, KEYS.kpis_measured, "dk")
    service.set_section(person.resume_token, 3)

    state = service.resume(person.resume_token)  # what a reload reads

    assert state.answers == {
        ITEM: 4,
        KEYS.objectives: ["churn", "roi", "satisfaction"],
        KEYS.kpis_measured: "dk",
    }
    assert state.section == 3 and state.role == "cx"
    [answered] = service.archive(w.id, w.token).participants
    assert answered.answers[ITEM] == 4
    [row] = service.progress(w.id, w.token).participants
    sections = Counter(Q.required[x] for x in (ITEM, KEYS.objectives, KEYS.kpis_measured))
    assert len(sections) >= 2  # the answers span sections: the count is per section
    assert row.answered == 3 and row.by_section == dict(sections)


def test_clearing_an_answer(store: Store) -> None:
    w = opened(store)
    person = store.workshops.join(w.code, "phone", "cx")
    store.workshops.answer(person.resume_token, ITEM, 3)
    store.workshops.answer(person.resume_token, ITEM, None)
    assert store.workshops.resume(person.resume_token).answers == {}


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        (ITEM, 6, "is not one of 1–5, dk"),
        (ITEM, "3", "is not one of 1–5, dk"),
        (KEYS.definition, "marketing", "is not one of"),
        (KEYS.objectives, ["churn"], "ranks 1 options; at least 3 are needed"),
        (KEYS.value_destruction, "x" * 1001, "characters long; the limit is 1000"),
        (KEYS.value_destruction, "null\x00byte", "contains control characters"),
        ("q_nope", 3, "q_nope is not a question of cx-maturity v2"),
    ],
)
def test_invalid_answers_are_refused(
    store: Store, question: str, value: object, message: str
) -> None:
    w = opened(store)
    person = store.workshops.join(w.code, "phone", "cx")
    store.workshops.answer(person.resume_token, OTHER_ITEM, 5)
    with pytest.raises(InvalidAnswer, match=message):
        store.workshops.answer(person.resume_token, question, value)  # type: ignore[arg-type]
    assert store.workshops.resume(person.resume_token).answers == {OTHER_ITEM: 5}


@pytest.mark.parametrize("token", [None, "", "short", "x" * 32, "a" * 31 + "!"])
def test_a_tampered_resume_token_is_refused(store: Store, token: str | None) -> None:
    w = opened(store)
    person = store.workshops.join(w.code, "phone", "cx")
    store.workshops.answer(person.resume_token, ITEM, 3)
    with pytest.raises(InvalidResumeToken):
        store.workshops.resume(token)
    with pytest.raises(InvalidResumeToken):
        store.workshops.answer(token, ITEM, 1)
    flipped = person.resume_token[:-1] + ("A" if person.resume_token[-1] != "A" else "B")
    with pytest.raises(InvalidResumeToken):
        store.workshops.answer(flipped, ITEM, 1)
    assert store.workshops.resume(person.resume_token).answers == {ITEM: 3}


def test_no_write_once_closed_but_answers_can_change_until_then(store: Store) -> None:
    w = opened(store)
    person = store.workshops.join(w.code, "phone", "cx")
    store.workshops.answer(person.resume_token, ITEM, 2)
    store.workshops.reveal(w.id, w.token)
    store.workshops.answer(person.resume_token, ITEM, 3)  # still allowed after reveal
    store.workshops.close(w.id, w.token)
    with pytest.raises(WorkshopClosed):
        store.workshops.answer(person.resume_token, ITEM, 5)
    with pytest.raises(WorkshopClosed):
        store.workshops.answer(person.resume_token, OTHER_ITEM, 5)
    state = store.workshops.resume(person.resume_token)  # the participant can still look
    assert state.answers == {ITEM: 3} and state.workshop.status == "closed"


def test_interview_mode(store: Store) -> None:
    access = new_workshop(store)
    service = store.workshops
    respondent = service.add_participant(access.workshop_id, access.token, "sales")
    service.answer_for(access.workshop_id, access.token, respondent, ITEM, 4)
    service.answer_for(access.workshop_id, access.token, respondent, KEYS.definition, "sales")
    assert service.participant_answers(access.workshop_id, access.token, respondent) == {
        ITEM: 4,
        KEYS.definition: "sales",
    }
    [row] = service.progress(access.workshop_id, access.token).participants
    assert row.entered_by == "facilitator" and row.answered == 2
    with pytest.raises(InvalidInput, match="no participant"):
        service.answer_for(access.workshop_id, access.token, "p-unknown", ITEM, 4)


def test_a_facilitator_never_reads_or_changes_the_answers_of_a_self_joined_participant(
    store: Store,
) -> None:
    """The access rule lives in the service, not only in the interviews view."""
    w = opened(store)
    person = store.workshops.join(w.code, "phone-1", "cx")
    store.workshops.answer(person.resume_token, ITEM, 2)
    [row] = store.workshops.progress(w.id, w.token).participants
    assert row.entered_by == "self"
    before = snapshot(store, w)
    with pytest.raises(InvalidInput, match="own device"):
        store.workshops.participant_answers(w.id, w.token, row.participant_id)
    with pytest.raises(InvalidInput, match="own device"):
        store.workshops.answer_for(w.id, w.token, row.participant_id, ITEM, 5)
    assert snapshot(store, w) == before


def test_a_draft_cannot_take_participant_writes(store: Store) -> None:
    access = new_workshop(store)
    with pytest.raises(InvalidJoinCode):
        store.workshops.join("ABCDEFG", "phone", "cx")
    assert store.workshops.progress(access.workshop_id, access.token).joined == 0
    assert WorkshopNotOpen.key == "error_workshop_not_open"


# --- the facilitator's live view -------------------------------------------------------------


def test_progress_counts_answers_per_participant_and_section(store: Store) -> None:
    w = opened(store, anonymity="named")
    service = store.workshops
    people = [
        service.join(w.code, f"phone-{i}", role, alias=f"Person {i}")
        for i, role in enumerate(["cx", "sales", "ceo"])
    ]
    required = [q for q in Q.questions.values() if q.type != "free_text"]
    for question in required:
        value = 3 if question.type == "scored" else "dk"
        service.answer(people[0].resume_token, question.id, value)
    service.answer(people[1].resume_token, ITEM, 1)
    service.answer(people[1].resume_token, KEYS.value_destruction, "Livraison")  # optional

    progress = service.progress(w.id, w.token)

    assert progress.status == "open" and progress.joined == 3 and progress.complete == 1
    assert progress.started == 2  # Person 2 joined and answered nothing: counts in no result
    rows = {p.alias: p for p in progress.participants}
    assert rows["Person 0"].answered == rows["Person 0"].required == len(required)
    assert sum(rows["Person 0"].by_section.values()) == len(required)
    assert rows["Person 1"].answered == 1 and not rows["Person 1"].complete
    assert rows["Person 2"].answered == 0 and rows["Person 2"].by_section == {}


# --- consensus, roadmap review, concurrent facilitator tabs -----------------------------------


def test_consensus_and_roadmap_review_reach_the_archive(store: Store) -> None:
    w = opened(store)
    service = store.workshops
    revision = service.set_consensus(
        w.id, w.token, ITEM, Consensus(level=3, note="Pilot first", moved=["cx"])
    )
    review = [
        RoadmapDecision(
            action_id=Q.actions[2].id, status="accepted", owner_role="hr", due=dt.date(2026, 6, 30)
        ),
        RoadmapDecision(action_id=Q.actions[0].id, status="dropped"),
    ]
    revision = service.set_roadmap_review(w.id, w.token, review, expected_revision=revision)
    archive = service.archive(w.id, w.token)
    assert archive.consensus == {ITEM: Consensus(level=3, note="Pilot first", moved=["cx"])}
    assert archive.roadmap_review == review
    service.set_consensus(w.id, w.token, ITEM, None)
    assert service.archive(w.id, w.token).consensus == {}
    with pytest.raises(InvalidInput, match="not a scored item"):
        service.set_consensus(w.id, w.token, KEYS.definition, Consensus(level=2))
    with pytest.raises(InvalidInput, match="is not an action"):
        service.set_roadmap_review(
            w.id, w.token, [RoadmapDecision(action_id="a_nope", status="accepted")]
        )


def test_a_stale_tab_cannot_silently_overwrite(store: Store) -> None:
    w = opened(store)
    service = store.workshops
    seen = service.workshop(w.id, w.token).revision
    first = [RoadmapDecision(action_id=Q.actions[0].id, status="accepted")]
    service.set_roadmap_review(w.id, w.token, first, expected_revision=seen)  # tab A saves
    second = [RoadmapDecision(action_id=Q.actions[0].id, status="dropped")]
    with pytest.raises(StaleEdit):
        service.set_roadmap_review(w.id, w.token, second, expected_revision=seen)  # tab B, stale
    assert service.archive(w.id, w.token).roadmap_review == first


# --- archives, scoping, deletion --------------------------------------------------------------


def test_archive_import_then_export_is_equivalent(store: Store) -> None:
    original = demo_archive(Q, 12, seed=4).model_copy(
        update={
            "consensus": {ITEM: Consensus(level=2, note="« Écoute » & <b>", moved=["sales"])},
            "roadmap_review": [RoadmapDecision(action_id=Q.actions[1].id, status="accepted")],
        }
    )
    access = store.workshops.import_archive(original)
    exported = store.operator.export(access.workshop_id)
    assert exported == original
    assert compute_results(exported, Q) == compute_results(original, Q)
    assert store.workshops.workshop(access.workshop_id, access.token).status == "revealed"


def test_one_workshop_never_reads_another(store: Store) -> None:
    a, b = opened(store), opened(store)
    person_a = store.workshops.join(a.code, "phone-a", "cx")
    store.workshops.join(b.code, "phone-b", "sales")
    store.workshops.answer(person_a.resume_token, ITEM, 5)
    assert [p.role for p in store.workshops.progress(b.id, b.token).participants] == ["sales"]
    assert store.workshops.archive(b.id, b.token).participants[0].answers == {}
    with pytest.raises(InvalidFacilitatorToken):
        store.workshops.progress(b.id, a.token)


def test_delete_removes_the_workshop_and_nothing_else(store: Store) -> None:
    keep, gone = opened(store), opened(store)
    for w in (keep, gone):
        person = store.workshops.join(w.code, f"phone-{w.id}", "cx")
        store.workshops.answer(person.resume_token, ITEM, 3)
        store.workshops.set_consensus(w.id, w.token, ITEM, Consensus(level=3))
        store.workshops.set_roadmap_review(
            w.id, w.token, [RoadmapDecision(action_id=Q.actions[0].id, status="accepted")]
        )
    store.workshops.delete_workshop(gone.id, gone.token)
    with pytest.raises(DeletedWorkshop):  # told to whoever holds its link
        store.workshops.workshop(gone.id, gone.token)
    assert [w.id for w in store.operator.list_workshops()] == [keep.id]
    assert len(store.workshops.archive(keep.id, keep.token).participants) == 1


def test_workshop_ids_are_safe_on_a_command_line() -> None:
    ids = {tokens.new_workshop_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(re.fullmatch(r"[0-9a-f]{18}", i) for i in ids)  # never starts with "-"


# --- CSV import into an open workshop ------------------------------------------------------


def test_respondents_imported_into_a_workshop_keep_their_answers(store: Store) -> None:
    w = opened(store, anonymity="anonymous")
    source = demo_archive(Q, participants=6, seed=3)
    before = store.workshops.workshop(w.id, w.token).revision
    added = store.workshops.import_participants(w.id, w.token, source.participants)
    assert added == 6
    archive = store.workshops.archive(w.id, w.token)
    assert {p.id: p.answers for p in archive.participants} == {
        p.id: p.answers for p in source.participants
    }
    assert all(p.alias is None for p in archive.participants)  # anonymous: no alias kept
    assert store.workshops.workshop(w.id, w.token).revision == before + 1
    entered = {p.entered_by for p in store.workshops.progress(w.id, w.token).participants}
    assert entered == {"import"}


def test_importing_the_same_file_twice_adds_nobody_twice(store: Store) -> None:
    w = opened(store)
    people = demo_archive(Q, participants=3, seed=1).participants
    store.workshops.import_participants(w.id, w.token, people)
    before = snapshot(store, w)
    with pytest.raises(InvalidInput, match="already in this workshop"):
        store.workshops.import_participants(w.id, w.token, people)
    assert snapshot(store, w) == before


def test_an_import_with_one_bad_answer_adds_nothing(store: Store) -> None:
    w = opened(store)
    good, bad = demo_archive(Q, participants=2, seed=1).participants
    broken = bad.model_copy(update={"answers": {**bad.answers, ITEM: 9}})
    before = snapshot(store, w)
    with pytest.raises(InvalidAnswer):
        store.workshops.import_participants(w.id, w.token, [good, broken])
    assert snapshot(store, w) == before


def test_nothing_is_imported_into_a_closed_workshop_or_without_the_token(store: Store) -> None:
    w = opened(store)
    people = demo_archive(Q, participants=2, seed=1).participants
    with pytest.raises(InvalidFacilitatorToken):
        store.workshops.import_participants(w.id, "wrong" * 9, people)
    store.workshops.close(w.id, w.token)
    with pytest.raises(WorkshopClosed):
        store.workshops.import_participants(w.id, w.token, people)
    assert store.workshops.archive(w.id, w.token).participants == []


def test_an_import_follows_the_rules_of_a_workshop_made_in_the_app(store: Store) -> None:
    """The probe's cases: NUL and ESC kept in the organisation, names kept in an anonymous
    workshop and exported, 12,000 participants past the 300 cap."""
    archive = demo_archive(Q, 6, seed=4)
    with pytest.raises(InvalidInput, match="organisation"):
        store.workshops.import_archive(
            archive.model_copy(update={"organisation": "Acme\x00\x1b[2J"})
        )
    crowd = [p.model_copy(update={"id": f"p{i}"}) for i in range(limits.MAX_PARTICIPANTS + 1)
             for p in archive.participants[:1]]  # fmt: skip
    with pytest.raises(InvalidInput, match="at most 300"):
        store.workshops.import_archive(archive.model_copy(update={"participants": crowd}))
    named = [p.model_copy(update={"alias": "Claire M."}) for p in archive.participants]
    access = store.workshops.import_archive(
        archive.model_copy(update={"participants": named, "anonymity": "anonymous"})
    )
    exported = store.operator.export(access.workshop_id)
    assert [p.alias for p in exported.participants] == [None] * len(named)
    assert store.operator.list_workshops() and "Acme" not in {
        w.organisation for w in store.operator.list_workshops()
    }
