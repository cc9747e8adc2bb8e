"""A PostgreSQL schema of one's own, for a test or a load run that must not touch anything
else in the database: created, handed over as a URL whose connections use it, dropped."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from cxmaturity.store.engine import make_engine


@contextmanager
def postgres_schema(admin_url: str, prefix: str) -> Iterator[str]:
    """The URL of a fresh schema named `prefix_…` in the database at `admin_url`."""
    schema = f"{prefix}_{secrets.token_hex(4)}"
    admin = make_engine(admin_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
