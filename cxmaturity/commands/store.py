"""Commands on the workshop store: `db upgrade`, `import`, `export`, `delete`, `list`."""

from __future__ import annotations

import argparse
import sys

from cxmaturity.archive import dump_archive, load_archive
from cxmaturity.commands.files import EXIT_BAD_INPUT, EXIT_OK, write_atomically
from cxmaturity.store.engine import database_url, make_engine
from cxmaturity.store.factory import open_store
from cxmaturity.store.migrate import upgrade


def run_db_upgrade(args: argparse.Namespace) -> int:
    engine = make_engine(args.db or database_url())
    try:
        revision = upgrade(engine)
    finally:
        engine.dispose()
    print(f"{engine.url.render_as_string(hide_password=True)}: schema at revision {revision}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    archive, _ = load_archive(args.archive)
    store = open_store(args.db)
    try:
        access = store.workshops.import_archive(archive)
    finally:
        store.dispose()
    print(f"workshop id:        {access.workshop_id}")
    print(f"facilitator token:  {access.token}")
    print("Keep the token now: it is shown only once and is needed for every facilitator action.")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        archive = store.operator.export(args.workshop_id)
    finally:
        store.dispose()
    write_atomically(args.out, dump_archive(archive))
    print(f"{args.out}: {len(archive.participants)} participants")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            print("error: add --yes to delete without a prompt", file=sys.stderr)
            return EXIT_BAD_INPUT
        answer = input(f"Delete workshop {args.workshop_id} and all its answers? [y/N] ")
        if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
            print("nothing deleted")
            return EXIT_OK
    store = open_store(args.db)
    try:
        store.operator.delete(args.workshop_id)
    finally:
        store.dispose()
    print(f"workshop {args.workshop_id} deleted")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        workshops = store.operator.list_workshops()
    finally:
        store.dispose()
    for w in workshops:
        count = f"{w.participants:>4} participants"
        print(f"{w.id}  {w.workshop_date}  {w.status:<8}  {count}  {w.organisation}")
    if not workshops:
        print("no workshops")
    return EXIT_OK
