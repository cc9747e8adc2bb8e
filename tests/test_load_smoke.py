"""The load test in miniature (N = 3, quick pauses) against a real server: the simulated
participants still speak Streamlit's protocol, finish the questionnaire, and every answer
the server acknowledged is in the database. The full runs are `make load`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.load.__main__ import arguments, measure


@pytest.mark.server
def test_three_simulated_participants_lose_nothing(tmp_path: Path) -> None:
    quick = ["--think", "0.05:0.2", "--stagger", "1", "--logs", str(tmp_path)]
    outcome = measure(3, arguments(quick), tmp_path)
    assert outcome.errors == []
    assert outcome.finished == 3
    assert outcome.reloads == 1  # one in four reloads half-way: participant 1
    assert outcome.acknowledged == outcome.stored > 3 * 40  # every answer, none lost
    assert outcome.lost == 0
    assert outcome.refreshes, "the facilitator's live view refreshed itself"
