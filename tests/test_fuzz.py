"""The three importers under thousands of random and mutated inputs: each gives a result
or an InputError whose every line names the file — never another exception.

Mutations start from a valid file (a slice deleted, replaced or inserted), so they reach
past the first syntax check; random bytes and random JSON cover the rest. Counts per
test are in `@settings`; the whole file runs some 9,000 cases.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmaturity.archive.csv_io import archive_to_csv, csv_to_archive
from cxmaturity.archive.io import dump_archive, parse_archive
from cxmaturity.demo import demo_archive
from cxmaturity.problems import InputError
from cxmaturity.questionnaire.loader import parse_questionnaire
from tests.builders import Q
from tests.conftest import CONTENT

SOURCE = "upload.bin"
VALID_YAML = CONTENT.read_bytes()
VALID_JSON = dump_archive(demo_archive(Q, 3, seed=1)).encode("utf-8")
VALID_CSV = archive_to_csv(demo_archive(Q, 3, seed=1), Q).encode("utf-8")
BASE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def fuzz(examples: int) -> settings:
    return settings(BASE, max_examples=examples)


def mutations(valid: bytes) -> st.SearchStrategy[bytes]:
    """The valid file with one slice replaced by random bytes (either may be empty)."""
    return st.tuples(st.integers(0, len(valid)), st.integers(0, 200), st.binary(max_size=80)).map(
        lambda cut: valid[: cut[0]] + cut[2] + valid[cut[0] + cut[1] :]
    )


def refused_cleanly(read: Callable[[bytes], object], raw: bytes) -> None:
    try:
        read(raw)
    except InputError as exc:
        lines = exc.lines()
        assert lines, "an error with nothing to say"
        assert all(line.startswith(SOURCE) for line in lines), lines


def read_csv(raw: bytes) -> object:
    return csv_to_archive(
        raw, SOURCE, Q, organisation="Fuzz", date=dt.date(2026, 11, 30), language="fr"
    )


@fuzz(1500)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_questionnaire_from_random_bytes(raw: bytes) -> None:
    refused_cleanly(lambda data: parse_questionnaire(data, SOURCE), raw)


@fuzz(150)  # each reaching the models costs ~0.4 s: the real file is large
@given(mutations(VALID_YAML))
def test_questionnaire_mutated(raw: bytes) -> None:
    refused_cleanly(lambda data: parse_questionnaire(data, SOURCE), raw)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)


@fuzz(1500)
@given(st.one_of(st.binary(max_size=400), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_archive_from_random_bytes_and_json(raw: bytes) -> None:
    refused_cleanly(lambda data: parse_archive(data, SOURCE), raw)


@fuzz(2000)
@given(mutations(VALID_JSON))
def test_archive_mutated(raw: bytes) -> None:
    refused_cleanly(lambda data: parse_archive(data, SOURCE), raw)


@fuzz(1500)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_csv_from_random_bytes(raw: bytes) -> None:
    refused_cleanly(read_csv, raw)


@fuzz(2500)
@given(mutations(VALID_CSV))
def test_csv_mutated(raw: bytes) -> None:
    refused_cleanly(read_csv, raw)
