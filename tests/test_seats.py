"""One seat per browser, the roster's removals, the facilitator link's rotation, creation
limits and signed-in facilitators — the store's contract on every back end."""

from __future__ import annotations

import datetime as dt

import pytest

from cxmaturity.store.factory import Store
from cxmaturity.workshops import limits
from cxmaturity.workshops.access import SignedIn
from cxmaturity.workshops.errors import (
    InvalidFacilitatorToken,
    InvalidInput,
    InvalidJoinCode,
    NotRemovable,
    ParticipantRemoved,
    ReplacedLink,
    TooManyWorkshops,
)
from cxmaturity.workshops.join_gate import Knock
from cxmaturity.workshops.views import NewWorkshop
from tests.builders import Q
from tests.conftest import FakeClock
from tests.test_store import ITEM, opened

ANA = SignedIn.of("http://idp.test", "ana-sub", "ana@example.com")


def test_a_browser_that_holds_a_seat_gets_it_back(store: Store) -> None:
    w = opened(store)
    first = store.workshops.join(w.code, "10.0.0.1/phone", "cx")
    store.workshops.answer(first.resume_token, ITEM, 4)
    # Back, then the code again, still holding its link: the same seat and the same link.
    again = store.workshops.join(w.code, "10.0.0.1/phone", "sales", held_token=first.resume_token)
    assert (again.participant_id, again.resume_token, again.resumed) == (
        first.participant_id,
        first.resume_token,
        True,
    )
    # A new tab that lost the link: the same seat, a new link, and the old one stops.
    other_tab = store.workshops.join(w.code, "10.0.0.1/phone", "cx")
    assert other_tab.participant_id == first.participant_id
    assert store.workshops.resume(other_tab.resume_token).answers == {ITEM: 4}
    assert store.workshops.resume(other_tab.resume_token).role == "cx"  # not "sales"
    with pytest.raises(Exception, match="not valid"):
        store.workshops.resume(first.resume_token)
    assert store.workshops.progress(w.id, w.token).joined == 1
    # The same address, another browser: a seat of its own.
    assert store.workshops.join(w.code, "10.0.0.1/tablet", "cx").participant_id != (
        first.participant_id
    )


def test_a_removed_seat_counts_nowhere_and_is_not_given_back(
    store: Store, clock: FakeClock
) -> None:
    w = opened(store)
    stranger = store.workshops.join(w.code, "10.0.0.1/stranger", "cx")
    member = store.workshops.join(w.code, "10.0.0.1/member", "sales")
    for seat, level in ((stranger, 1), (member, 5)):
        store.workshops.answer(seat.resume_token, ITEM, level)
    store.workshops.remove_participant(w.id, w.token, stranger.participant_id)

    shown = store.workshops.progress(w.id, w.token)
    assert (shown.joined, shown.removed) == (1, 1)
    archive = store.workshops.archive(w.id, w.token)
    assert [p.id for p in archive.participants] == [member.participant_id]
    with pytest.raises(ParticipantRemoved):
        store.workshops.resume(stranger.resume_token)
    with pytest.raises(ParticipantRemoved):
        store.workshops.answer(stranger.resume_token, ITEM, 2)
    with pytest.raises(ParticipantRemoved):  # the same browser cannot come back in
        store.workshops.join(w.code, "10.0.0.1/stranger", "cx")
    with pytest.raises(InvalidInput):  # removed once is removed
        store.workshops.remove_participant(w.id, w.token, stranger.participant_id)


def test_seats_are_removed_until_the_close(store: Store) -> None:
    """After the reveal the code is still on the room's screen: a stranger who joins
    then can still be taken out, and the figures follow. Once closed, the record stays."""
    w = opened(store)
    seat = store.workshops.join(w.code, "phone", "cx")
    late = store.workshops.join(w.code, "stranger", "cx")
    store.workshops.reveal(w.id, w.token)
    store.workshops.remove_participant(w.id, w.token, late.participant_id)
    store.workshops.close(w.id, w.token)
    with pytest.raises(NotRemovable):
        store.workshops.remove_participant(w.id, w.token, seat.participant_id)
    assert store.workshops.progress(w.id, w.token).joined == 1


def test_the_cap_counts_seats_present(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxmaturity.workshops import participation

    monkeypatch.setattr(participation, "MAX_PARTICIPANTS", 2)
    w = opened(store)
    seats = [store.workshops.join(w.code, f"phone-{n}", "cx") for n in range(2)]
    with pytest.raises(Exception, match="cannot take more"):
        store.workshops.join(w.code, "phone-2", "cx")
    store.workshops.remove_participant(w.id, w.token, seats[0].participant_id)
    assert store.workshops.join(w.code, "phone-2", "cx")


def test_a_rotated_link_locks_out_the_old_one(store: Store) -> None:
    w = opened(store)
    fresh = store.workshops.rotate_link(w.id, w.token)
    assert fresh.token != w.token and fresh.workshop_id == w.id
    with pytest.raises(ReplacedLink):
        store.workshops.workshop(w.id, w.token)
    assert store.workshops.workshop(w.id, fresh.token).status == "open"


def test_a_signed_in_facilitator_opens_their_workshops_without_the_link(store: Store) -> None:
    mine = store.workshops.create_workshop(_new("Mine"), owner=ANA)
    theirs = store.workshops.create_workshop(_new("Theirs"), owner=SignedIn.of("x", "bob"))
    store.workshops.create_workshop(_new("Anonymous link"))
    assert [w.organisation for w in store.workshops.my_workshops(ANA)] == ["Mine"]
    assert store.workshops.workshop(mine.workshop_id, ANA).organisation == "Mine"
    with pytest.raises(InvalidFacilitatorToken):
        store.workshops.workshop(theirs.workshop_id, ANA)
    # The link still works beside the sign-in, and rotating it leaves the sign-in alone.
    store.workshops.rotate_link(mine.workshop_id, ANA)
    with pytest.raises(ReplacedLink):
        store.workshops.workshop(mine.workshop_id, mine.token)
    assert store.workshops.open_workshop(mine.workshop_id, ANA).status == "open"


def test_workshop_creation_is_limited_per_address_and_per_facilitator(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxmaturity.workshops import facilitation

    monkeypatch.setattr(facilitation, "MAX_WORKSHOPS_PER_ADDRESS", 3)
    monkeypatch.setattr(facilitation, "MAX_WORKSHOPS_PER_FACILITATOR", 4)
    here, there = Knock.of("10.0.0.1/a"), Knock.of("10.0.0.2/b")
    for _ in range(3):
        store.workshops.create_workshop(_new("Script"), requester=here)
    with pytest.raises(TooManyWorkshops) as held:
        store.workshops.create_workshop(_new("Script"), requester=here)
    assert held.value.retry_after_seconds == limits.WORKSHOPS_PER_ADDRESS_WINDOW.total_seconds()
    store.workshops.create_workshop(_new("Elsewhere"), requester=there, owner=ANA)
    for _ in range(3):
        store.workshops.create_workshop(_new("Ana"), owner=ANA)
    with pytest.raises(TooManyWorkshops):  # Ana's fifth of the day, from anywhere
        store.workshops.create_workshop(_new("Ana"), requester=Knock.of("10.0.0.3/c"), owner=ANA)
    assert len(store.operator.list_workshops()) == 7
    clock.advance(seconds=limits.WORKSHOPS_PER_ADDRESS_WINDOW.total_seconds())
    assert store.workshops.create_workshop(_new("Script"), requester=here)


def _new(organisation: str) -> NewWorkshop:
    return NewWorkshop(
        organisation=organisation,
        workshop_date=dt.date(2026, 12, 2),
        language="fr",
        questionnaire_id=Q.id,
        questionnaire_version=Q.version,
    )


@pytest.mark.parametrize("change", ["close", "new_join_code"])
def test_a_join_checks_the_workshop_again_under_its_lock(
    store: Store, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The gate reads the workshop without a lock; if it closes, or its code is replaced,
    before the join takes the row lock, the join must see it (found by review: a seat in
    a closed workshop on PostgreSQL)."""
    from cxmaturity.workshops.participation import Participation

    w = opened(store)
    as_the_gate_saw_it = store.workshops._tx.run(lambda repo: repo.workshop_by_code(w.code))
    getattr(store.workshops, change)(w.id, w.token)
    monkeypatch.setattr(
        Participation, "_through_the_gate", lambda self, repo, code, knock: as_the_gate_saw_it
    )
    with pytest.raises(InvalidJoinCode):
        store.workshops.join(w.code, "10.0.0.9/late", "cx")
    assert store.workshops.progress(w.id, w.token).joined == 0
