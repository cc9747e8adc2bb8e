"""Open a store: the service on a real database, or on the in-memory fake."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from cxmaturity.store.engine import database_url, make_engine
from cxmaturity.store.memory import MemoryDatabase
from cxmaturity.store.migrate import upgrade
from cxmaturity.store.sql import SqlUnitOfWork
from cxmaturity.workshops.errors import StoreUnavailable
from cxmaturity.workshops.service import Clock, Operator, Transactions, WorkshopService, utcnow


@dataclass(frozen=True)
class Store:
    workshops: WorkshopService
    operator: Operator
    engine: Engine | None = None

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def open_store(url: str | None = None, clock: Clock = utcnow) -> Store:
    """The store at `url` (default: `CXM_DATABASE_URL`, else the SQLite file), migrated."""
    engine = make_engine(url or database_url())
    try:
        upgrade(engine)
    except (OperationalError, InterfaceError) as exc:  # unreachable, refused, locked
        engine.dispose()
        raise StoreUnavailable(str(exc).splitlines()[0]) from exc
    transactions = Transactions(lambda read_only: SqlUnitOfWork(engine, read_only))
    return Store(WorkshopService(transactions, clock), Operator(transactions), engine)


def memory_store(clock: Clock = utcnow) -> Store:
    database = MemoryDatabase()
    transactions = Transactions(database.unit_of_work)
    return Store(WorkshopService(transactions, clock), Operator(transactions))
