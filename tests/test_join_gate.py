"""The join gate: the rules on their own, then the store's contract on the in-memory fake,
a SQLite file and PostgreSQL (exact counts under concurrent requests)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from cxmaturity.store.factory import Store
from cxmaturity.workshops import join_gate
from cxmaturity.workshops.errors import InvalidJoinCode, TooManyAttempts
from cxmaturity.workshops.join_gate import Knock, Tally
from tests.conftest import FakeClock
from tests.test_store import opened

T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


# --- the rules ------------------------------------------------------------------------


def test_a_clean_browser_never_waits_whatever_its_address_did() -> None:
    hammered = Tally(10_000, T0)
    assert join_gate.wait_seconds(Tally(), hammered, T0) == 0


def test_typos_are_free_then_each_wrong_code_doubles_the_wait() -> None:
    assert [join_gate.browser_delay(n).total_seconds() for n in range(1, 9)] == [
        0, 0, 1, 2, 4, 8, 16, 32,
    ]  # fmt: skip
    assert join_gate.browser_delay(40) == join_gate.MAX_WAIT
    # The wait counts from the last wrong code.
    assert join_gate.wait_seconds(Tally(5, T0), Tally(5, T0), T0 + dt.timedelta(seconds=3)) == 1


def test_a_guessing_browser_also_waits_out_its_address() -> None:
    address = Tally(join_gate.ADDRESS_FREE + 5 * join_gate.ADDRESS_STEP, T0)
    assert join_gate.address_delay(address.count).total_seconds() == 32
    # Below its own free guesses, the address's delay does not apply…
    assert join_gate.wait_seconds(Tally(2, T0), address, T0) == 0
    # …past them, the longer of the two does.
    assert join_gate.wait_seconds(Tally(3, T0), address, T0) == 32


def test_tallies_are_forgotten_after_their_memory() -> None:
    tally = Tally(50, T0)
    assert tally.as_of(T0 + dt.timedelta(minutes=59), dt.timedelta(hours=1)) == tally
    assert tally.as_of(T0 + dt.timedelta(hours=1), dt.timedelta(hours=1)) == Tally()


def test_guesses_allowed_over_a_code_life_match_a_simulation() -> None:
    """docs/SECURITY.md quotes this number; replay the gate second by second to check it."""
    life = dt.timedelta(hours=12)
    now, tally, guesses = T0, Tally(), 0
    while now - T0 <= life:
        if join_gate.wait_seconds(tally, Tally(), now) == 0:
            tally, guesses = tally.charged(now), guesses + 1
        now += dt.timedelta(seconds=1)
    assert join_gate.guesses_allowed(life) == guesses
    assert guesses == 25


def test_a_knock_reads_the_pages_key() -> None:
    knock = Knock.of("10.0.0.7/abcDEF")
    assert (knock.address, knock.browser) == ("10.0.0.7", "abcDEF")
    assert knock.browser_key.startswith("browser:") and "abcDEF" not in knock.browser_key
    assert Knock.of("cli").address == Knock.of("cli").browser == "cli"


# --- the store's contract ---------------------------------------------------------------


def guess(store: Store, door: str, n: int) -> type[Exception] | None:
    """One wrong code: never a real one (real codes have no "0"; these all do)."""
    try:
        store.workshops.check_code(f"ZZ{n:05d}", door)
    except (InvalidJoinCode, TooManyAttempts) as refused:
        return type(refused)
    return None  # the guess got in


def test_one_browser_gets_its_typos_then_waits_longer_each_time(
    store: Store, clock: FakeClock
) -> None:
    w = opened(store)
    door = "10.0.0.1/phone"
    assert Counter(guess(store, door, n) for n in range(3)) == {InvalidJoinCode: 3}
    waits = []
    for n in range(4):
        with pytest.raises(TooManyAttempts) as held:
            store.workshops.check_code(w.code, door)  # even the right code, for now
        waits.append(held.value.retry_after_seconds)
        clock.advance(seconds=held.value.retry_after_seconds)
        assert guess(store, door, 10 + n) is InvalidJoinCode
    assert waits == [1, 2, 4, 8]
    clock.advance(seconds=16)
    assert store.workshops.join(w.code, door, "cx").workshop.id == w.id


def test_two_hundred_wrong_codes_from_one_address_and_the_room_still_joins(
    store: Store, clock: FakeClock
) -> None:
    w = opened(store)
    # A script on the room's Wi-Fi: 200 wrong codes, a new browser for every three.
    outcomes = Counter(guess(store, f"10.0.0.1/bot-{n // 3}", n) for n in range(200))
    assert outcomes == {InvalidJoinCode: 200}
    # Colleagues on the same address, typing the right code: every one gets in…
    for n in range(6):
        assert store.workshops.join(w.code, f"10.0.0.1/colleague-{n}", "cx")
    # …one with two typos first too…
    assert guess(store, "10.0.0.1/clumsy", 900) is InvalidJoinCode
    assert guess(store, "10.0.0.1/clumsy", 901) is InvalidJoinCode
    assert store.workshops.join(w.code, "10.0.0.1/clumsy", "sales")
    # …while a browser that keeps guessing waits out the address's delay as well.
    with pytest.raises(TooManyAttempts) as held:
        store.workshops.check_code(w.code, "10.0.0.1/bot-0")
    assert held.value.retry_after_seconds == join_gate.address_delay(202).total_seconds()
    assert store.workshops.progress(w.id, w.token).joined == 7


def test_ten_thousand_guesses_over_a_hundred_addresses_get_nobody_in(
    store: Store, backend: str
) -> None:
    """Fresh sessions every time (no browser limit ever applies), eight at once: not one
    guess gets in, every wrong code is counted, and a real participant still joins. (The
    in-memory fake copies its state per transaction: it plays a tenth of the guesses.)"""
    w = opened(store)
    guesses = 1_000 if backend == "memory" else 10_000
    doors = [(f"10.1.{n % 100}.1/bot-{n}", n) for n in range(guesses)]
    with ThreadPoolExecutor(8) as pool:
        outcomes = Counter(pool.map(lambda d: guess(store, *d), doors))
    assert outcomes == {InvalidJoinCode: guesses}
    seen = store.workshops.progress(w.id, w.token).guessing
    assert seen is not None and (seen.wrong_codes, seen.addresses) == (guesses, 100)
    assert store.workshops.join(w.code, "10.1.7.1/participant", "cx").workshop.id == w.id


def test_concurrent_guesses_from_one_browser_are_counted_exactly(store: Store) -> None:
    """Forty at once from one browser: the tally is read and charged under a lock, so
    exactly the free guesses are checked and the rest wait."""
    opened(store)
    with ThreadPoolExecutor(8) as pool:
        outcomes = Counter(pool.map(lambda n: guess(store, "10.3.0.1/one", n), range(40)))
    assert outcomes == {InvalidJoinCode: join_gate.BROWSER_FREE, TooManyAttempts: 37}


def test_the_facilitator_sees_guessing_only_past_a_rooms_typos(store: Store) -> None:
    w = opened(store)
    for n in range(join_gate.GUESSING_ALERT - 1):
        guess(store, f"10.4.0.1/typo-{n}", n)
    assert store.workshops.progress(w.id, w.token).guessing is None
    guess(store, "10.4.0.2/bot", 99)
    seen = store.workshops.progress(w.id, w.token).guessing
    assert seen is not None and (seen.wrong_codes, seen.addresses) == (30, 2)


def test_the_arithmetic_in_security_md_is_the_gates() -> None:
    from pathlib import Path

    from cxmaturity.workshops import tokens

    text = (Path(__file__).parents[1] / "docs" / "SECURITY.md").read_text(encoding="utf-8")
    space = len(tokens.JOIN_CODE_ALPHABET) ** tokens.JOIN_CODE_LENGTH
    assert f"31⁷ = {space:,} codes" in text
    assert f"at most {join_gate.guesses_allowed(dt.timedelta(hours=12))} wrong codes" in text
    assert f"first {join_gate.BROWSER_FREE} wrong codes are free" in text
    assert f"address's first {join_gate.ADDRESS_FREE} wrong codes" in text
    assert f"doubling every {join_gate.ADDRESS_STEP} more" in text
    assert f"as soon as {join_gate.GUESSING_ALERT} wrong codes arrive" in text
