"""The join gate: who may try a join code now, and what a wrong code costs.

A wrong code is charged to the browser that typed it and to its client address (a whole
room behind one Wi-Fi or proxy shares an address). The rules:

- A browser that has made no wrong guess is never held back, whatever other browsers on
  its address did: the right code from it is always admitted. One person's typos, or a
  script on the same network, never lock out the room.
- A browser's first `BROWSER_FREE` wrong codes cost nothing (typos); after that it waits,
  twice as long after each further wrong code, up to `MAX_WAIT`.
- Once it is past its free guesses, a browser also waits out its address's delay, which
  starts after `ADDRESS_FREE` wrong codes from the address and doubles every
  `ADDRESS_STEP` more: many browsers guessing from one place slow each other down.
- A browser's count is forgotten `BROWSER_MEMORY` after its last wrong code, an
  address's after `ADDRESS_MEMORY`.

docs/SECURITY.md works out what this allows over a code's life. The service counts
under row locks (PostgreSQL) or in SQLite's one writer, so the limits are exact across
replicas.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from cxmaturity.workshops import tokens

BROWSER_FREE = 3
ADDRESS_FREE = 50
ADDRESS_STEP = 10
MAX_WAIT = dt.timedelta(hours=1)
BROWSER_MEMORY = dt.timedelta(hours=24)
ADDRESS_MEMORY = dt.timedelta(hours=1)
#: The facilitator is told the server is being guessed at past this many wrong codes
#: within `GUESSING_WINDOW` (a room's typos stay well below it).
GUESSING_ALERT = 30
GUESSING_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Knock:
    """Who is at the door: a browser (its identifier, a random string the browser keeps)
    and the client address the web server saw."""

    browser: str
    address: str

    @classmethod
    def of(cls, client_key: str) -> Knock:
        """From an "address/browser" key; a key without "/" stands for both (the
        command line, tests)."""
        key = (client_key or "unknown")[:200]
        address, _, browser = key.partition("/")
        return cls(browser=browser or key, address=address)

    @property
    def browser_hash(self) -> str:
        """The browser as stored: a digest, since the identifier resumes its seat."""
        return tokens.digest(self.browser or "unknown")

    @property
    def browser_key(self) -> str:
        return "browser:" + self.browser_hash

    @property
    def address_key(self) -> str:
        return "address:" + (self.address or "unknown")[:100]


@dataclass(frozen=True)
class Tally:
    """Wrong codes counted against one key, and when the last one came."""

    count: int = 0
    last_at: dt.datetime | None = None

    def as_of(self, now: dt.datetime, memory: dt.timedelta) -> Tally:
        """The tally still in force at `now` (forgotten `memory` after the last wrong code)."""
        if self.last_at is None or now - self.last_at >= memory:
            return Tally()
        return self

    def charged(self, now: dt.datetime) -> Tally:
        return Tally(self.count + 1, now)


def browser_delay(count: int) -> dt.timedelta:
    """How long a browser waits after its `count`-th wrong code."""
    if count < BROWSER_FREE:
        return dt.timedelta(0)
    return min(MAX_WAIT, dt.timedelta(seconds=2 ** (count - BROWSER_FREE)))


def address_delay(count: int) -> dt.timedelta:
    """How long a guessing browser waits after its address's `count`-th wrong code."""
    if count < ADDRESS_FREE:
        return dt.timedelta(0)
    return min(MAX_WAIT, dt.timedelta(seconds=2 ** ((count - ADDRESS_FREE) // ADDRESS_STEP)))


def wait_seconds(browser: Tally, address: Tally, now: dt.datetime) -> int:
    """Seconds before this browser may try a code (0: now). Tallies as of `now`."""
    if browser.count == 0 or browser.last_at is None:
        return 0  # never held back: the right code from a clean browser always gets in
    waits = [_remaining(browser.last_at + browser_delay(browser.count), now)]
    if browser.count >= BROWSER_FREE and address.last_at is not None:
        waits.append(_remaining(address.last_at + address_delay(address.count), now))
    return max(waits)


def guesses_allowed(lifetime: dt.timedelta) -> int:
    """Most wrong codes one browser can try within `lifetime` (the arithmetic in
    docs/SECURITY.md; a test recomputes it by simulation)."""
    elapsed, count = dt.timedelta(0), 0
    while True:
        count += 1  # a guess at `elapsed`
        elapsed += browser_delay(count)
        if elapsed > lifetime:
            return count


def _remaining(until: dt.datetime, now: dt.datetime) -> int:
    seconds = (until - now).total_seconds()
    return 0 if seconds <= 0 else max(1, math.ceil(seconds))
