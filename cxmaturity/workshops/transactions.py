"""Running the rules in transactions: the retry loop and the clock every service shares."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import TypeVar

from cxmaturity.workshops.errors import StoreUnavailable
from cxmaturity.workshops.repository import Repository, TransientStoreError, UnitOfWork

T = TypeVar("T")
Clock = Callable[[], dt.datetime]
UnitOfWorkFactory = Callable[[bool], UnitOfWork]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Transactions:
    """Runs a function in a unit of work, retrying transient database failures (the
    store says which are: `TransientStoreError`)."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        retries: int = 6,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._retries = retries
        self._sleep = sleep

    def run(self, work: Callable[[Repository], T], read_only: bool = False, attempts: int = 0) -> T:
        """`work` in one transaction, tried up to `attempts` times (default: the retries
        given at construction)."""
        attempts = attempts or self._retries
        for attempt in range(attempts):
            try:
                with self._unit_of_work(read_only) as uow:
                    result = work(uow.repo)
                    uow.commit()
                    return result
            except TransientStoreError as exc:
                if attempt == attempts - 1:
                    raise StoreUnavailable(str(exc)) from exc
                self._sleep(0.05 * 2**attempt * (1 + random.random()))  # noqa: S311 (jitter)
        raise AssertionError("unreachable")  # pragma: no cover


class ServiceBase:
    """What every service holds: the transactions and the clock."""

    def __init__(self, transactions: Transactions, clock: Clock = utcnow) -> None:
        self._tx = transactions
        self._now = clock
